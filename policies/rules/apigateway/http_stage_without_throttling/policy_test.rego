package moat.rules.apigateway.http_stage_without_throttling_test

import data.moat.lib.result
import data.moat.rules.apigateway.http_stage_without_throttling as rule

doc(stage) := {"regions": {"r": {"apigatewayv2": {"Apis": [{"ApiId": "a1", "Name": "orders", "ProtocolType": "HTTP", "Stages": [stage]}]}}}}

test_no_settings_fails if {
	result.found(rule.deny) == {["r", "a1/$default", "stage throttle"]} with input as doc({"StageName": "$default"})
}

test_rate_without_burst_fails if {
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc({"StageName": "prod", "DefaultRouteSettings": {"ThrottlingRateLimit": 100}})
}

test_route_settings_alone_fail if {
	s := {"StageName": "prod", "RouteSettings": {"POST /login": {"ThrottlingRateLimit": 5, "ThrottlingBurstLimit": 10}}}
	result.found(rule.deny) == {["r", "a1/prod", "stage throttle"]} with input as doc(s)
}

test_default_throttle_passes if {
	count(rule.deny) == 0 with input as doc({"StageName": "prod", "DefaultRouteSettings": {"ThrottlingRateLimit": 100, "ThrottlingBurstLimit": 200}})
}
