package moat.rules.waf.alb_without_web_acl_test

import data.moat.lib.result
import data.moat.rules.waf.alb_without_web_acl as rule

doc(assocs) := {"regions": {"r": {
	"elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application"}]},
	"wafv2": {"Associations": assocs},
}}}

test_unprotected_alb_fails if {
	result.found(rule.deny) == {["r", "web", "web acl association"]} with input as doc([])
}

test_protected_alb_passes if {
	count(rule.deny) == 0 with input as doc([{"ResourceArn": "arn:lb", "WebACLArn": "arn:acl"}])
}
