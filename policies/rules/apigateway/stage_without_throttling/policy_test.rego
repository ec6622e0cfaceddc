package moat.rules.apigateway.stage_without_throttling_test

import data.moat.lib.result
import data.moat.rules.apigateway.stage_without_throttling as rule

doc(stage) := {"regions": {"r": {"apigateway": {"RestApis": [{"id": "a1", "name": "shop", "stages": [stage]}]}}}}

test_stage_without_method_settings_fails if {
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc({"stageName": "prod"})
}

test_stage_throttle_passes if {
	count(rule.deny) == 0 with input as doc({"stageName": "prod", "methodSettings": {"*/*": {"throttlingRateLimit": 100, "throttlingBurstLimit": 200}}})
}

test_unset_limits_fail if {
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc({"stageName": "prod", "methodSettings": {"*/*": {"throttlingRateLimit": -1, "throttlingBurstLimit": -1}}})
}

test_one_method_throttled_is_not_the_stage if {
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc({"stageName": "prod", "methodSettings": {"login/POST": {"throttlingRateLimit": 5, "throttlingBurstLimit": 10}}})
}

test_zero_burst_fails if {
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc({"stageName": "prod", "methodSettings": {"*/*": {"throttlingRateLimit": 100, "throttlingBurstLimit": 0}}})
}
