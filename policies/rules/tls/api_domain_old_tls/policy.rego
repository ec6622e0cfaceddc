# METADATA
# title: API Gateway custom domain accepts TLS 1.0
# description: |
#   An API Gateway custom domain name uses security policy TLS_1_0, which accepts TLS 1.0
#   and 1.1 clients. SecureCart practice: modern TLS policies.
#   A domain with no securityPolicy in the snapshot is read as TLS_1_0 (API Gateway's
#   policy for default endpoints), and the message says it was not set.
# custom:
#   id: TLS005
#   practice: modern-tls
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
	d.securityPolicy == "TLS_1_0"
	finding := result.fail(
		_domain(region, d),
		sprintf("API Gateway domain %s uses security policy TLS_1_0 (TLS 1.0 and 1.1 accepted)", [d.domainName]),
		"security policy",
		{"security_policy": "TLS_1_0"},
	)
}

# No securityPolicy in the snapshot: read as TLS_1_0, the policy API Gateway applies to its
# default endpoints, and said so rather than presented as observed.
deny contains finding if {
	some region, r in input.regions
	some d in r.apigateway.DomainNames
	object.get(d, "securityPolicy", null) == null
	finding := result.fail(
		_domain(region, d),
		sprintf("API Gateway domain %s has no security policy set; read as TLS_1_0 (API Gateway's policy for default endpoints), which accepts TLS 1.0 and 1.1", [d.domainName]),
		"security policy",
		{"security_policy": null, "assumed": "TLS_1_0"},
	)
}

_domain(region, d) := {"id": d.domainName, "type": "AWS::ApiGateway::DomainName", "region": region, "arn": sprintf("arn:%s:apigateway:%s::/domainnames/%s", [object.get(input, ["account", "partition"], "aws"), region, d.domainName])}
