# METADATA
# title: API Gateway custom domain accepts TLS 1.0
# description: |
#   An API Gateway custom domain name uses security policy TLS_1_0, which accepts TLS 1.0
#   and 1.1 clients. SecureCart practice: modern TLS policies.
# custom:
#   id: TLS005
#   severity: medium
#   remediation: |
#     `aws apigateway update-domain-name --domain-name <name> --patch-operations
#     op=replace,path=/securityPolicy,value=TLS_1_2`.
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ApiGateway::DomainName"]
#   requires: ["apigateway:GetDomainNames"]
package moat.rules.tls.api_domain_old_tls

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some d in r.apigateway.DomainNames
	policy := object.get(d, "securityPolicy", "TLS_1_0")
	policy == "TLS_1_0"
	finding := result.fail(
		{"id": d.domainName, "type": "AWS::ApiGateway::DomainName", "region": region, "arn": sprintf("arn:%s:apigateway:%s::/domainnames/%s", [object.get(input, ["account", "partition"], "aws"), region, d.domainName])},
		sprintf("API Gateway domain %s uses security policy %s (TLS 1.0 and 1.1 accepted)", [d.domainName, policy]),
		"security policy",
		{"security_policy": policy},
	)
}
