package moat.lib.waf_statements_test

import data.moat.lib.waf
import data.moat.lib.waf_statements

test_a_managed_group_by_name if {
	waf_statements.mentions({"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}}, waf.sqli_markers)
}

test_a_statement_type_nested_in_and if {
	waf_statements.mentions({"AndStatement": {"Statements": [{"ByteMatchStatement": {}}, {"SqliMatchStatement": {"FieldToMatch": {"Body": {}}}}]}}, waf.sqli_markers)
}

test_the_name_as_an_excluded_rule_does_not_count if {
	not waf_statements.mentions({"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesAmazonIpReputationList", "ExcludedRules": [{"Name": "AWSManagedRulesSQLiRuleSet"}]}}, waf.sqli_markers)
}

test_the_name_as_a_label_does_not_count if {
	not waf_statements.mentions({"LabelMatchStatement": {"Scope": "LABEL", "Key": "SqliMatchStatement"}}, waf.sqli_markers)
}

test_a_rate_based_statement if {
	waf_statements.mentions({"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}, waf.rate_markers)
}

test_scope_down_and_not_statements_are_read if {
	waf_statements.mentions({"RateBasedStatement": {"Limit": 100, "ScopeDownStatement": {"NotStatement": {"Statement": {"XssMatchStatement": {}}}}}}, waf.xss_markers)
}

test_nested_to_max_depth_counts if {
	st := {"SqliMatchStatement": {}}
	deep := {"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [{"OrStatement": {"Statements": [st]}}]}}]}}]}}]}}]}}
	waf_statements.mentions(deep, waf.sqli_markers)
	not waf_statements.mentions({"OrStatement": {"Statements": [deep]}}, waf.sqli_markers)
}
