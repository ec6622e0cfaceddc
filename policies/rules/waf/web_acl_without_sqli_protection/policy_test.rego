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
	count(rule.deny) == 0 with input as doc([{"Name": "custom", "Priority": 1, "Action": {"Block": {}}, "Statement": {"AndStatement": {"Statements": [{"SqliMatchStatement": {}}, {"GeoMatchStatement": {}}]}}}])
}

test_global_acl_is_checked if {
	result.found(rule.deny) == {["global", "cdn", "web_acl_without_sqli_protection"]} with input as {"global": {"wafv2": {"WebACLs": [{"Name": "cdn", "Id": "2", "ARN": "arn:g", "Rules": []}]}}}
}

sqli_group(extra) := {"Name": "sqli", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": object.union({"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}, extra)}}

fails(rules) if result.found(rule.deny) == {["r", "a", "web_acl_without_sqli_protection"]} with input as doc(rules)

test_group_in_count_mode_blocks_nothing if {
	fails([object.union(sqli_group({}), {"OverrideAction": {"Count": {}}})])
	some f in rule.deny with input as doc([object.union(sqli_group({}), {"OverrideAction": {"Count": {}}})])
	f.evidence.weakened_groups.AWSManagedRulesSQLiRuleSet == "the group runs in Count mode (OverrideAction Count)"
}

test_sqli_rule_overridden_to_count_or_challenge_fails_and_is_named if {
	fails([sqli_group({"RuleActionOverrides": [{"Name": "SQLi_BODY", "ActionToUse": {"Count": {}}}]})])
	fails([sqli_group({"RuleActionOverrides": [{"Name": "SQLi_QUERYARGUMENTS", "ActionToUse": {"Captcha": {}}}]})])
	fails([sqli_group({"RuleActionOverrides": [{"Name": "SQLi_COOKIE", "ActionToUse": {"Challenge": {}}}]})])
	some f in rule.deny with input as doc([sqli_group({"RuleActionOverrides": [{"Name": "SQLi_BODY", "ActionToUse": {"Count": {}}}]})])
	contains(f.message, "SQLi_BODY")
}

test_legacy_excluded_rule_fails if {
	fails([sqli_group({"ExcludedRules": [{"Name": "SQLiExtendedPatterns_QUERYARGUMENTS"}]})])
}

test_override_to_block_keeps_protection if {
	count(rule.deny) == 0 with input as doc([sqli_group({"RuleActionOverrides": [{"Name": "SQLi_BODY", "ActionToUse": {"Block": {}}}]})])
}

test_match_statement_that_does_not_block_fails if {
	fails([{"Name": "count", "Priority": 1, "Action": {"Count": {}}, "Statement": {"SqliMatchStatement": {}}}])
	fails([{"Name": "captcha", "Priority": 1, "Action": {"Captcha": {}}, "Statement": {"SqliMatchStatement": {}}}])
}

test_negated_or_scope_down_match_is_no_protection if {
	fails([{"Name": "not", "Priority": 1, "Action": {"Block": {}}, "Statement": {"NotStatement": {"Statement": {"SqliMatchStatement": {}}}}}])
	fails([{"Name": "rate", "Priority": 1, "Action": {"Block": {}}, "Statement": {"RateBasedStatement": {"Limit": 100, "ScopeDownStatement": {"SqliMatchStatement": {}}}}}])
	fails([{"Name": "bots", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesBotControlRuleSet", "ScopeDownStatement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}}}}}])
}

test_firewall_manager_group_counts if {
	acl := {"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": [], "PreProcessFirewallManagerRuleGroups": [{"Name": "fms-sqli", "Priority": 1, "OverrideAction": {"None": {}}, "FirewallManagerStatement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}}}]}
	count(rule.deny) == 0 with input as {"regions": {"r": {"wafv2": {"WebACLs": [acl]}}}}
}

test_unknown_statement_type_is_no_protection if {
	fails([{"Name": "odd", "Priority": 1, "Action": {"Block": {}}, "Statement": {"SomeFutureStatement": {"Statements": [{"SqliMatchStatement": {}}]}}}])
}
