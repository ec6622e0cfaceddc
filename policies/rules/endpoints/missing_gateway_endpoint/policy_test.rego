package moat.rules.endpoints.missing_gateway_endpoint_test

import data.moat.lib.result
import data.moat.rules.endpoints.missing_gateway_endpoint as rule

base(endpoints) := {"regions": {"us-east-1": {"ec2": {
	"Vpcs": [{"VpcId": "vpc-1"}],
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}],
	"VpcEndpoints": endpoints,
}}}, "moat": {"index": {"us-east-1": {"subnets_by_vpc": {"vpc-1": ["subnet-a"]}}}}}

gw(service) := {"VpcEndpointId": concat("", ["vpce-", service]), "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": concat("", ["com.amazonaws.us-east-1.", service])}

test_both_missing if {
	result.found(rule.deny) == {["us-east-1", "vpc-1", "gateway endpoint dynamodb"], ["us-east-1", "vpc-1", "gateway endpoint s3"]} with input as base([])
}

test_dynamodb_missing if {
	findings := rule.deny with input as base([gw("s3")])
	result.found(findings) == {["us-east-1", "vpc-1", "gateway endpoint dynamodb"]}
	some f in findings
	f.evidence.service == "dynamodb"
}

test_both_present if {
	count(rule.deny) == 0 with input as base([gw("s3"), gw("dynamodb")])
}

test_interface_endpoint_does_not_count if {
	ep := object.union(gw("s3"), {"VpcEndpointType": "Interface"})
	result.found(rule.deny) == {["us-east-1", "vpc-1", "gateway endpoint s3"]} with input as base([ep, gw("dynamodb")])
}

test_vpc_with_only_public_subnets_is_out_of_scope if {
	doc := {"regions": {"us-east-1": {"ec2": {
		"Vpcs": [{"VpcId": "vpc-1"}],
		"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}],
		"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}],
	}}}, "moat": {"index": {"us-east-1": {"subnets_by_vpc": {"vpc-1": ["subnet-a"]}}}}}
	count(rule.deny) == 0 with input as doc
}
