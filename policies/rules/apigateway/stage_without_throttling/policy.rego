# METADATA
# title: API Gateway stage without its own throttle
# description: |
#   A REST API stage sets no stage-wide throttle: its method settings have no `*/*` entry
#   whose `throttlingRateLimit` and `throttlingBurstLimit` are above zero. Without one, only
#   the account-level throttle applies (by default 10,000 requests per second across all of
#   the account's APIs in the region), far above what a login or checkout endpoint should
#   take from one client. Rate limiting is the guidance's defence against brute force. A
#   limit of 0 or -1 (unset) is not a limit. Per-method throttles without a `*/*` entry
#   leave the other methods open and are not enough. Private APIs are reported too:
#   anything in the VPC can reach them.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every
#   API Gateway stage.
# custom:
#   id: API001
#   practice: waf
#   severity: medium
#   remediation: |
#     Set a default method throttle on the stage, e.g.
#     `aws apigateway update-stage --rest-api-id <id> --stage-name <stage> --patch-operations op=replace,path=/*/*/throttling/rateLimit,value=100 op=replace,path=/*/*/throttling/burstLimit,value=200`,
#     and a rate-based rule in the stage's web ACL for per-client limits.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::ApiGateway::Stage"]
#   requires: ["apigateway:GetRestApis", "apigateway:GetStages"]
package moat.rules.apigateway.stage_without_throttling

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some api in object.get(r, ["apigateway", "RestApis"], [])
	some stage in object.get(api, "stages", [])
	not _throttled(stage)
	id := sprintf("%s/%s", [api.id, stage.stageName])
	finding := result.fail(
		{"id": id, "type": "AWS::ApiGateway::Stage", "region": region, "arn": sprintf("arn:aws:apigateway:%s::/restapis/%s/stages/%s", [region, api.id, stage.stageName])},
		sprintf("API Gateway stage %s (%s) sets no stage-wide throttle (method settings */*): only the account-level limit applies", [id, object.get(api, "name", api.id)]),
		"stage throttle",
		{"method_settings": object.get(stage, "methodSettings", {})},
	)
}

_throttled(stage) if {
	s := stage.methodSettings["*/*"]
	object.get(s, "throttlingRateLimit", 0) > 0
	object.get(s, "throttlingBurstLimit", 0) > 0
}
