package moat.rules.security_groups.default_group_has_rules_test

import data.moat.lib.result
import data.moat.rules.security_groups.default_group_has_rules as rule

doc(name, egress) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": name, "IpPermissionsEgress": egress}]}}}}

test_default_with_egress_fails if {
	result.found(rule.deny) == {["r", "sg-1", "default group rules"]} with input as doc("default", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
}

test_empty_default_passes if {
	count(rule.deny) == 0 with input as doc("default", [])
}

test_other_group_passes if {
	count(rule.deny) == 0 with input as doc("app", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
}
