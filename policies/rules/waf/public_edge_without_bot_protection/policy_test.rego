package moat.rules.waf.public_edge_without_bot_protection_test

import data.moat.lib.result
import data.moat.rules.waf.public_edge_without_bot_protection as rule

acl_arn := "arn:aws:wafv2:r:1:regional/webacl/a/1"

lb := {"LoadBalancerArn": "arn:lb", "LoadBalancerName": "web", "Type": "application", "Scheme": "internet-facing"}

group(name, override) := {"Name": name, "Priority": 1, "OverrideAction": override, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": name}}}

doc(rules, lbs, apis) := {"regions": {"r": {
	"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": acl_arn, "Rules": rules}], "Associations": [{"ResourceArn": "arn:lb", "WebACLArn": acl_arn}]},
	"elbv2": {"LoadBalancers": lbs},
	"apigateway": {"RestApis": apis},
}}}

test_public_alb_without_bot_rules_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_bot_protection"]} with input as doc([], [lb], [])
}

test_ip_reputation_list_passes if {
	count(rule.deny) == 0 with input as doc([group("AWSManagedRulesAmazonIpReputationList", {"None": {}})], [lb], [])
}

test_bot_control_passes if {
	count(rule.deny) == 0 with input as doc([group("AWSManagedRulesBotControlRuleSet", {"None": {}})], [lb], [])
}

test_group_in_count_mode_fails if {
	result.found(rule.deny) == {["r", "a", "web_acl_without_bot_protection"]} with input as doc([group("AWSManagedRulesAnonymousIpList", {"Count": {}})], [lb], [])
}

test_internal_alb_only_is_not_reported if {
	count(rule.deny) == 0 with input as doc([], [object.union(lb, {"Scheme": "internal"})], [])
}

test_acl_fronting_nothing_is_not_reported if {
	count(rule.deny) == 0 with input as doc([], [], [])
}

test_public_api_stage_fails if {
	api := {"id": "x1", "endpointConfiguration": {"types": ["REGIONAL"]}, "stages": [{"stageName": "prod", "webAclArn": acl_arn}]}
	result.found(rule.deny) == {["r", "a", "web_acl_without_bot_protection"]} with input as doc([], [], [api])
}

test_private_api_stage_is_not_reported if {
	api := {"id": "x1", "endpointConfiguration": {"types": ["PRIVATE"]}, "stages": [{"stageName": "prod", "webAclArn": acl_arn}]}
	count(rule.deny) == 0 with input as doc([], [], [api])
}

test_cloudfront_acl_fails if {
	cf_acl := "arn:aws:wafv2:us-east-1:1:global/webacl/cdn/9"
	d := {
		"global": {
			"wafv2": {"WebACLs": [{"Name": "cdn", "Id": "9", "ARN": cf_acl, "Rules": []}]},
			"cloudfront": {"Distributions": [{"Id": "E1", "WebACLId": cf_acl}]},
		},
		"regions": {},
	}
	result.found(rule.deny) == {["global", "cdn", "web_acl_without_bot_protection"]} with input as d
}

test_third_party_group_of_the_same_name_fails if {
	g := {"Name": "x", "Priority": 1, "OverrideAction": {"None": {}}, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "Acme", "Name": "AWSManagedRulesBotControlRuleSet"}}}
	result.found(rule.deny) == {["r", "a", "web_acl_without_bot_protection"]} with input as doc([g], [lb], [])
}
