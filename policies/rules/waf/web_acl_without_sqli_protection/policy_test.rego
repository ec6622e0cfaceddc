package moat.rules.waf.web_acl_without_sqli_protection_test

import data.moat.lib.result
import data.moat.rules.waf.web_acl_without_sqli_protection as rule

doc(rules) := {"regions": {"r": {"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": rules}]}}}}

test_no_sqli_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_sqli_protection"]} with input as doc([{"Name": "rate", "Priority": 1, "Statement": {"RateBasedStatement": {"Limit": 100}}}])
}

test_managed_group_passes if {
	count(rule.deny) == 0 with input as doc([{"Name": "sqli", "Priority": 1, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}}}])
}

test_nested_match_statement_passes if {
	count(rule.deny) == 0 with input as doc([{"Name": "custom", "Priority": 1, "Statement": {"AndStatement": {"Statements": [{"SqliMatchStatement": {}}, {"GeoMatchStatement": {}}]}}}])
}

test_global_acl_is_checked if {
	result.found(rule.deny) == {["global", "cdn", "web_acl_without_sqli_protection"]} with input as {"global": {"wafv2": {"WebACLs": [{"Name": "cdn", "Id": "2", "ARN": "arn:g", "Rules": []}]}}}
}
