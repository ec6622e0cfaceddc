package moat.rules.endpoints.missing_interface_endpoint_test

import data.moat.lib.result
import data.moat.rules.endpoints.missing_interface_endpoint as rule

doc(eps) := {"regions": {"us-east-1": {"ec2": {
	"Vpcs": [{"VpcId": "vpc-1"}],
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}],
	"VpcEndpoints": eps,
}}}, "moat": {"index": {"us-east-1": {"subnets_by_vpc": {"vpc-1": ["subnet-a"]}}}}}

test_missing_fails if {
	result.found(rule.deny) == {["us-east-1", "vpc-1", "interface endpoint secretsmanager"]} with input as doc([])
}

test_present_passes if {
	count(rule.deny) == 0 with input as doc([{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.secretsmanager"}])
}
