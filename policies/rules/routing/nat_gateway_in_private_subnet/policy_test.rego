package moat.rules.routing.nat_gateway_in_private_subnet_test

import data.moat.lib.result
import data.moat.rules.routing.nat_gateway_in_private_subnet as rule

doc(route) := {"regions": {"r": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": [route]}],
	"NatGateways": [{"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-a", "State": "available"}],
}}}}

test_nat_in_private_subnet_fails if {
	result.found(rule.deny) == {["r", "nat-1", "placement"]} with input as doc({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"})
}

test_nat_in_public_subnet_passes if {
	count(rule.deny) == 0 with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"})
}

test_nat_in_an_unknown_subnet_cannot_be_judged if {
	d := {"regions": {"r": {"ec2": {
		"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}],
		"NatGateways": [{"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-gone", "State": "available"}],
	}}}}
	findings := rule.deny with input as d
	result.found(findings) == {["r", "nat-1", "placement unknown"]}
	some f in findings
	f.severity == "info"
}
