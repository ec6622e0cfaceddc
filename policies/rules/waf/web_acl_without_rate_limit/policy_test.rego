package moat.rules.waf.web_acl_without_rate_limit_test

import data.moat.lib.result
import data.moat.rules.waf.web_acl_without_rate_limit as rule

doc(rules) := {"regions": {"r": {"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": rules}]}}}}

test_no_rate_rule_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_rate_limit"]} with input as doc([])
}

test_rate_rule_passes if {
	count(rule.deny) == 0 with input as doc([{"Name": "rate", "Priority": 1, "Action": {"Block": {}}, "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}}])
}

test_rate_rule_in_count_mode_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_rate_limit"]} with input as doc([{"Name": "rate", "Priority": 1, "Action": {"Count": {}}, "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}}])
}

test_rate_rule_with_challenge_passes if {
	count(rule.deny) == 0 with input as doc([{"Name": "rate", "Priority": 1, "Action": {"Challenge": {}}, "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}}])
}
