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

test_whole_service_wildcard_is_full_access if {
	result.found(rule.deny) == {["r", "vpce-1", "statement 0"]} with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]})
	result.found(rule.deny) == {["r", "vpce-1", "statement 1"]} with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "S3:*"], "Resource": ["*"]}]})
}

test_another_services_wildcard_is_not if {
	count(rule.deny) == 0 with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "dynamodb:*", "Resource": "*"}]})
}

test_condition_met_by_every_request_narrows_nothing if {
	result.found(rule.deny) == {["r", "vpce-1", "statement 0"]} with input as doc({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]})
}

test_deny_unless_organisation_takes_it_back if {
	count(rule.deny) == 0 with input as doc({"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-123"}}},
	]})
}

test_deny_of_one_action_does_not if {
	result.found(rule.deny) == {["r", "vpce-1", "statement 0"]} with input as doc({"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"},
	]})
}

test_a_policy_that_is_not_json_cannot_be_judged if {
	d := {"regions": {"r": {"ec2": {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.r.s3", "PolicyDocument": "{not json"}]}}}}
	findings := rule.deny with input as d
	result.found(findings) == {["r", "vpce-1", "policy unreadable"]}
	some f in findings
	f.severity == "info"
}
