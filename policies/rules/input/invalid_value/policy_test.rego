package moat.rules.input.invalid_value_test

import data.moat.lib.result
import data.moat.rules.input.invalid_value as rule

test_each_problem_is_a_finding if {
	problems := [
		{"region": "us-east-1", "resource_type": "AWS::EC2::SecurityGroup", "resource_id": "sg-1", "pointer": "/a", "line": 3, "message": "invalid IPv4 CIDR \"x\""},
		{"region": "us-east-1", "resource_type": "AWS::EC2::SecurityGroup", "resource_id": "sg-1", "pointer": "/b", "line": 4, "message": "invalid IPv4 CIDR \"y\""},
	]
	result.found(rule.deny) == {["us-east-1", "sg-1", "/a"], ["us-east-1", "sg-1", "/b"]} with input as {"moat": {"value_problems": problems}}
}

test_no_problems_no_findings if {
	count(rule.deny) == 0 with input as {"moat": {"value_problems": []}}
}
