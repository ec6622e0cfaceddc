package moat.lib.waf_statements_test

import data.moat.lib.waf
import data.moat.lib.waf_statements

block(statement) := {"Name": "r", "Priority": 1, "Action": {"Block": {}}, "Statement": statement}

test_a_match_statement_nested_in_and_or_blocks if {
	waf.blocks(block({"AndStatement": {"Statements": [{"ByteMatchStatement": {}}, {"SqliMatchStatement": {"FieldToMatch": {"Body": {}}}}]}}), "sqli")
	waf.blocks(block({"OrStatement": {"Statements": [{"XssMatchStatement": {}}]}}), "xss")
}

test_the_name_as_an_excluded_rule_or_a_label_does_not_count if {
	not waf.blocks({"Name": "r", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesAmazonIpReputationList", "ExcludedRules": [{"Name": "AWSManagedRulesSQLiRuleSet"}]}}}, "sqli")
	not waf.blocks(block({"LabelMatchStatement": {"Scope": "LABEL", "Key": "SqliMatchStatement"}}), "sqli")
}

test_scope_down_and_not_statements_are_not_positive if {
	count(waf_statements.positive({"RateBasedStatement": {"Limit": 100, "ScopeDownStatement": {"XssMatchStatement": {}}}})) == 1
	count(waf_statements.positive({"NotStatement": {"Statement": {"XssMatchStatement": {}}}})) == 1
}

test_another_vendors_group_of_the_same_name_does_not_count if {
	not waf.blocks({"Name": "r", "Priority": 1, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "Someone", "Name": "AWSManagedRulesSQLiRuleSet"}}}, "sqli")
}

test_nested_to_max_depth_counts if {
	st := {"SqliMatchStatement": {}}
	deep := {"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [st]}}]}}]}}]}}]}}]}}
	waf.blocks(block(deep), "sqli")
	not waf.blocks(block({"OrStatement": {"Statements": [deep]}}), "sqli")
}

test_rate_limits_by_action if {
	waf.rate_limits(block({"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}))
	not waf.rate_limits({"Name": "r", "Priority": 1, "Action": {"Count": {}}, "Statement": {"RateBasedStatement": {"Limit": 2000}}})
}
