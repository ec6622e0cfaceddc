package moat.rules.waf.protection_rule_in_count_mode_test

import data.moat.lib.result
import data.moat.rules.waf.protection_rule_in_count_mode as rule

doc(r) := {"regions": {"r": {"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": [r]}]}}}}

test_group_override_count_fails if {
	result.found(rule.deny) == {["r", "a", "rule sqli"]} with input as doc({"Name": "sqli", "Priority": 1, "OverrideAction": {"Count": {}}, "Statement": {}})
}

test_rule_action_count_fails if {
	result.found(rule.deny) == {["r", "a", "rule rate"]} with input as doc({"Name": "rate", "Priority": 2, "Action": {"Count": {}}, "Statement": {}})
}

test_override_none_passes if {
	count(rule.deny) == 0 with input as doc({"Name": "sqli", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {}})
}
