package moat.rules.endpoints.gateway_endpoint_missing_route_tables_test

import data.moat.lib.result
import data.moat.rules.endpoints.gateway_endpoint_missing_route_tables as rule

doc(rts) := {"regions": {"us-east-1": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
	"RouteTables": [{"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": []}],
	"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.s3", "RouteTableIds": rts}],
}}}, "moat": {"index": {"us-east-1": {"subnets_by_vpc": {"vpc-1": ["subnet-a"]}}}}}

test_missing_route_table_fails if {
	result.found(rule.deny) == {["us-east-1", "vpce-1", "route table rtb-a"]} with input as doc([])
}

test_associated_passes if {
	count(rule.deny) == 0 with input as doc(["rtb-a"])
}
