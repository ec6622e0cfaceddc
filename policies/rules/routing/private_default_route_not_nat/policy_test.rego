package moat.rules.routing.private_default_route_not_nat_test

import data.moat.lib.result
import data.moat.rules.routing.private_default_route_not_nat as rule

doc(route) := {"regions": {"r": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": [route]}],
}}}}

test_instance_nat_fails if {
	result.found(rule.deny) == {["r", "subnet-a", "route 0.0.0.0/0 -> i-1"]} with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "InstanceId": "i-1", "NetworkInterfaceId": "eni-1"})
}

test_nat_gateway_passes if {
	count(rule.deny) == 0 with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"})
}

test_transit_gateway_passes if {
	count(rule.deny) == 0 with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "TransitGatewayId": "tgw-1"})
}

test_igw_is_left_to_net001 if {
	count(rule.deny) == 0 with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"})
}

test_ipv6_default_route_to_egress_only_gateway_passes if {
	d := {"regions": {"r": {"ec2": {
		"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
		"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1"}], "Routes": [{"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"}, {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}],
	}}}}
	count(rule.deny) == 0 with input as d
}

test_ipv6_default_route_to_an_instance_fails if {
	d := {"regions": {"r": {"ec2": {
		"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
		"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1"}], "Routes": [{"DestinationIpv6CidrBlock": "::/0", "InstanceId": "i-1"}]}],
	}}}}
	result.found(rule.deny) == {["r", "subnet-1", "route ::/0 -> i-1"]} with input as d
}
