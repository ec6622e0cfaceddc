package moat.lib.vpc_test

import data.moat.lib.topology.private_subnets
import data.moat.lib.topology.public_subnets
import data.moat.lib.topology.route_tables
import data.moat.lib.topology.sg_tiers
import data.moat.lib.vpc

topology := {"regions": {"r": {"ec2": {
	"Subnets": [
		{"SubnetId": "subnet-pub", "VpcId": "vpc-1"},
		{"SubnetId": "subnet-main", "VpcId": "vpc-1"},
		{"SubnetId": "subnet-app", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]},
		{"SubnetId": "subnet-orphan", "VpcId": "vpc-2"},
	],
	"RouteTables": [
		{"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-pub"}, {"SubnetId": "subnet-app"}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]},
		{"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]},
	],
	"SecurityGroups": [{"GroupId": "sg-lb"}, {"GroupId": "sg-db"}, {"GroupId": "sg-tagged", "Tags": [{"Key": "tier", "Value": "Database"}]}],
}, "elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "Scheme": "internet-facing", "Type": "application", "SecurityGroups": ["sg-lb"]}]}, "rds": {"DBInstances": [{"DBInstanceIdentifier": "db", "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db"}]}]}}}}

test_explicit_association_wins if {
	route_tables.by_subnet.r["subnet-pub"].RouteTableId == "rtb-pub" with input as topology
}

test_main_table_is_the_fallback if {
	route_tables.by_subnet.r["subnet-main"].RouteTableId == "rtb-main" with input as topology
}

test_subnet_without_any_table_has_none if {
	not route_tables.by_subnet.r["subnet-orphan"] with input as topology
}

test_public_means_default_route_to_igw if {
	public_subnets.ids.r == {"subnet-pub", "subnet-app"} with input as topology
}

test_private_is_not_public_or_tagged_private if {
	ids := {id | some id, _ in private_subnets.by_id.r} with input as topology
	ids == {"subnet-main", "subnet-app"}
}

# A subnet with no route table in force: its routing is unknown, so it is neither public nor
# private (unless tagged private), and the rules that need to know say "cannot judge".
test_subnet_with_unknown_routing_is_neither if {
	not private_subnets.by_id.r["subnet-orphan"] with input as topology
	not public_subnets.ids.r["subnet-orphan"] with input as topology
}

test_tiers_by_tag_and_by_role if {
	tiers := sg_tiers.by_group.r with input as topology
	tiers["sg-lb"] == ["web"]
	tiers["sg-db"] == ["data"]
	tiers["sg-tagged"] == ["data"]
}

test_route_target_prefers_the_instance if {
	vpc.route_target({"InstanceId": "i-1", "NetworkInterfaceId": "eni-1"}) == "i-1"
}
