package moat.rules.routing.private_subnet_via_internet_gateway_test

import data.moat.lib.result
import data.moat.rules.routing.private_subnet_via_internet_gateway as rule

doc(tags, routes) := {"regions": {"us-east-1": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": tags}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": routes}],
}}}}

test_app_tier_default_route_to_igw_fails if {
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route 0.0.0.0/0 -> igw-1"]} with input as doc([{"Key": "Tier", "Value": "app"}], [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}])
}

test_data_tier_ipv6_default_route_to_igw_fails if {
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route ::/0 -> igw-1"]} with input as doc([{"Key": "Tier", "Value": "data"}], [{"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"}])
}

test_app_tier_via_nat_passes if {
	count(rule.deny) == 0 with input as doc([{"Key": "Tier", "Value": "app"}], [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}])
}

test_untagged_public_subnet_is_public if {
	count(rule.deny) == 0 with input as doc([], [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}])
}

test_app_tier_with_specific_igw_route_fails if {
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route 198.51.100.0/24 -> igw-1"]} with input as doc([{"Key": "Tier", "Value": "app"}], [
		{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"},
		{"DestinationCidrBlock": "198.51.100.0/24", "GatewayId": "igw-1"},
	])
}

test_main_table_applies_without_explicit_association if {
	d := {"regions": {"us-east-1": {"ec2": {
		"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
		"RouteTables": [{"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}],
	}}}}
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route 0.0.0.0/0 -> igw-1"]} with input as d
}

# Traffic to a public range leaves through the internet gateway: an untagged subnet with such
# a route is public, not a private subnet with a stray route.
test_untagged_subnet_with_public_igw_route_is_public if {
	count(rule.deny) == 0 with input as doc([], [
		{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"},
		{"DestinationCidrBlock": "198.51.100.0/24", "GatewayId": "igw-1"},
	])
}

test_app_tier_halves_to_igw_fail if {
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route 0.0.0.0/1 -> igw-1"], ["us-east-1", "subnet-a", "route 128.0.0.0/1 -> igw-1"]} with input as doc([{"Key": "Tier", "Value": "app"}], [
		{"DestinationCidrBlock": "0.0.0.0/1", "GatewayId": "igw-1"},
		{"DestinationCidrBlock": "128.0.0.0/1", "GatewayId": "igw-1"},
	])
}

test_app_tier_prefix_list_route_to_igw_fails if {
	d := object.union(doc([{"Key": "Tier", "Value": "app"}], [{"DestinationPrefixListId": "pl-1", "GatewayId": "igw-1"}]), {"regions": {"us-east-1": {"ec2": {"ManagedPrefixLists": [{"PrefixListId": "pl-1", "Entries": [{"Cidr": "52.0.0.0/8"}]}]}}}})
	result.found(rule.deny) == {["us-east-1", "subnet-a", "route pl-1 -> igw-1"]} with input as d
}
