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

crs(overrides) := {"Name": "crs", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet", "RuleActionOverrides": overrides}}}

test_overriding_other_common_rules_keeps_xss_protection if {
	count(rule.deny) == 0 with input as doc([crs([{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}])])
}

test_xss_rule_overridden_to_count_fails if {
	findings := rule.deny with input as doc([crs([{"Name": "CrossSiteScripting_BODY", "ActionToUse": {"Count": {}}}])])
	result.found(findings) == {["r", "a", "web_acl_without_xss_protection"]}
	some f in findings
	contains(f.message, "CrossSiteScripting_BODY")
}
