package moat.rules.endpoints.endpoint_policy_allows_all_test

import data.moat.lib.result
import data.moat.rules.endpoints.endpoint_policy_allows_all as rule

doc(policy) := {"regions": {"r": {"ec2": {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.r.s3", "PolicyDocument": json.marshal(policy)}]}}}}

test_default_full_access_fails if {
	result.found(rule.deny) == {["r", "vpce-1", "statement 0"]} with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})
}

test_single_statement_object_fails if {
	result.found(rule.deny) == {["r", "vpce-1", "statement 0"]} with input as doc({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["*"], "Resource": "*"}})
}

test_scoped_policy_passes if {
	count(rule.deny) == 0 with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]})
}

test_condition_passes if {
	count(rule.deny) == 0 with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}]})
}
