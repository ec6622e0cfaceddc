package moat.rules.waf.web_acl_without_xss_protection_test

import data.moat.lib.result
import data.moat.rules.waf.web_acl_without_xss_protection as rule

doc(rules) := {"regions": {"r": {"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": rules}]}}}}

test_no_xss_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_xss_protection"]} with input as doc([{"Name": "sqli", "Priority": 1, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}}}])
}

test_common_rule_set_passes if {
	count(rule.deny) == 0 with input as doc([{"Name": "common", "Priority": 1, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}}])
}
