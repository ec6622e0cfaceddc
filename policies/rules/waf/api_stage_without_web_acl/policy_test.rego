package moat.rules.waf.api_stage_without_web_acl_test

import data.moat.lib.result
import data.moat.rules.waf.api_stage_without_web_acl as rule

doc(stage) := {"regions": {"r": {"apigateway": {"RestApis": [{"id": "abc", "name": "shop", "stages": [stage]}]}}}}

test_stage_without_acl_fails if {
	result.found(rule.deny) == {["r", "abc/prod", "web acl association"]} with input as doc({"stageName": "prod"})
}

test_stage_with_acl_passes if {
	count(rule.deny) == 0 with input as doc({"stageName": "prod", "webAclArn": "arn:acl"})
}
