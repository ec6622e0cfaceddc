# METADATA
# title: HTTP or WebSocket API stage without its own throttle
# description: |
#   A stage of an API Gateway HTTP or WebSocket API sets no default route throttle: its
#   `DefaultRouteSettings` has no `ThrottlingRateLimit` and `ThrottlingBurstLimit` above
#   zero. Without one, only the account-level throttle applies (by default 10,000 requests
#   per second across all of the account's APIs in the region), far above what a login or
#   checkout route should take from one client. Route-level settings (`RouteSettings`) cover
#   only their routes, so they are not enough without a default. Rate limiting is the
#   guidance's defence against brute force, and HTTP and WebSocket APIs cannot take a WAF
#   web ACL with a rate-based rule directly.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every
#   API Gateway stage.
# custom:
#   id: API002
#   practice: waf
#   severity: medium
#   remediation: |
#     Set the stage's default route throttle, e.g.
#     `aws apigatewayv2 update-stage --api-id <id> --stage-name <stage> --default-route-settings ThrottlingRateLimit=100,ThrottlingBurstLimit=200`,
#     with limits sized to the API's real traffic.
#   controls: ["AWS-WA SEC06-BP03", "AWS-WA REL05-BP02"]
#   resource_types: ["AWS::ApiGatewayV2::Stage"]
#   requires: ["apigatewayv2:GetApis", "apigatewayv2:GetStages"]
package moat.rules.apigateway.http_stage_without_throttling

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some api in object.get(r, ["apigatewayv2", "Apis"], [])
	some stage in object.get(api, "Stages", [])
	not _throttled(object.get(stage, "DefaultRouteSettings", {}))
	id := sprintf("%s/%s", [api.ApiId, stage.StageName])
	finding := result.fail(
		{"id": id, "type": "AWS::ApiGatewayV2::Stage", "region": region, "arn": sprintf("arn:%s:apigateway:%s::/apis/%s/stages/%s", [object.get(input, ["account", "partition"], "aws"), region, api.ApiId, stage.StageName])},
		sprintf("%s API %s (%s) stage %s sets no default route throttle: only the account-level limit applies", [object.get(api, "ProtocolType", "HTTP"), api.ApiId, object.get(api, "Name", ""), stage.StageName]),
		"stage throttle",
		{"default_route_settings": object.get(stage, "DefaultRouteSettings", {}), "route_settings": object.get(stage, "RouteSettings", {})},
	)
}

_throttled(s) if {
	object.get(s, "ThrottlingRateLimit", 0) > 0
	object.get(s, "ThrottlingBurstLimit", 0) > 0
}
