# METADATA
# title: API Gateway stage without a web ACL
# description: |
#   A REST API stage has no AWS WAF web ACL. The API is then exposed without injection,
#   scripting or rate-limit filtering. SecureCart practice: WAF in front of every API
#   Gateway stage.
# custom:
#   id: WAF002
#   practice: waf
#   severity: high
#   remediation: |
#     Associate the stage with a regional web ACL:
#     `aws wafv2 associate-web-acl --web-acl-arn <acl> --resource-arn
#     arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>`.
#   controls: ["AWS-FSBP APIGateway.4", "PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::ApiGateway::Stage"]
#   requires: ["apigateway:GetRestApis", "apigateway:GetStages", "wafv2:GetWebACLForResource"]
package moat.rules.waf.api_stage_without_web_acl

import data.moat.lib.result
import data.moat.lib.waf
import data.moat.lib.topology.web_acl_for

deny contains finding if {
	some region, r in input.regions
	some api in r.apigateway.RestApis
	some stage in object.get(api, "stages", [])
	arn := sprintf("arn:%s:apigateway:%s::/restapis/%s/stages/%s", [object.get(input, ["account", "partition"], "aws"), region, api.id, stage.stageName])
	object.get(stage, "webAclArn", "") == ""
	not web_acl_for.by_resource[region][arn]
	finding := result.fail(
		{"id": sprintf("%s/%s", [api.id, stage.stageName]), "type": "AWS::ApiGateway::Stage", "region": region, "arn": arn},
		sprintf("stage %s of REST API %s (%s) has no WAF web ACL", [stage.stageName, object.get(api, "name", api.id), api.id]),
		"web acl association",
		{"rest_api_id": api.id, "stage": stage.stageName},
	)
}
