# METADATA
# title: HTTP or WebSocket API not behind a CloudFront distribution with a web ACL
# description: |
#   API Gateway HTTP and WebSocket APIs cannot be associated with an AWS WAF web ACL. The way
#   to filter their traffic is a CloudFront distribution with a web ACL in front of them,
#   whose origin is the API's `execute-api` host or the target of a custom domain name mapped
#   to the API, and to close the routes around it. An API none of whose hosts is the origin
#   of an enabled distribution with a web ACL is reported at high. One that is, but whose
#   default `execute-api` endpoint is still enabled (`DisableExecuteApiEndpoint` false), can be
#   called around the web ACL and is reported at medium. An API with no host at all (default
#   endpoint disabled, no custom domain mapped) cannot be called and is not reported. SecureCart practice: WAF in front of
#   every API.
# custom:
#   id: WAF010
#   practice: waf
#   severity: high
#   remediation: |
#     Create (or reuse) a CloudFront distribution with a web ACL whose origin is the API's
#     custom domain target (`d-….execute-api.<region>.amazonaws.com`) or its `execute-api`
#     host, then disable the default endpoint
#     (`aws apigatewayv2 update-api --api-id <id> --disable-execute-api-endpoint`) so the
#     distribution is the only way in. An API that should not be public at all belongs
#     behind a private integration instead.
#   controls: ["PCI-DSS-4.0 6.4.2", "AWS-FSBP APIGateway.4"]
#   resource_types: ["AWS::ApiGatewayV2::Api"]
#   requires: ["apigatewayv2:GetApis", "apigatewayv2:GetDomainNames", "apigatewayv2:GetApiMappings", "cloudfront:ListDistributions"]
package moat.rules.waf.http_api_without_web_acl

import data.moat.lib.result

# The host of a URL or a bare host name, lower case.
_host(u) := lower(split(trim_prefix(trim_prefix(trim_prefix(u, "https://"), "wss://"), "http://"), "/")[0])

# The API's default endpoint host, when it is enabled.
_default_host(api) := _host(api.ApiEndpoint) if {
	not object.get(api, "DisableExecuteApiEndpoint", false)
	object.get(api, "ApiEndpoint", "") != ""
}

# Every host that reaches the API: its default endpoint (when enabled) and each custom
# domain name mapped to it, with the domain's API Gateway target.
_hosts(region, api) := {h | h := _default_host(api)} | {h |
	some d in object.get(input.regions[region], ["apigatewayv2", "DomainNames"], [])
	some m in object.get(d, "ApiMappings", [])
	m.ApiId == api.ApiId
	some h in array.concat([lower(d.DomainName)], [lower(c.ApiGatewayDomainName) | some c in object.get(d, "DomainNameConfigurations", []); object.get(c, "ApiGatewayDomainName", "") != ""])
}

# Origins of the enabled distributions that have a web ACL.
_guarded_origins := {lower(o.DomainName) |
	some dist in object.get(input, ["global", "cloudfront", "Distributions"], [])
	object.get(dist, "Enabled", true)
	object.get(dist, "WebACLId", "") != ""
	some o in object.get(dist, ["Origins", "Items"], [])
}

_arn(region, api) := sprintf("arn:%s:apigateway:%s::/apis/%s", [object.get(input, ["account", "partition"], "aws"), region, api.ApiId])

deny contains finding if {
	some region, r in input.regions
	some api in object.get(r, ["apigatewayv2", "Apis"], [])
	hosts := _hosts(region, api)
	count(hosts) > 0
	count(hosts & _guarded_origins) == 0
	finding := result.fail(
		{"id": api.ApiId, "type": "AWS::ApiGatewayV2::Api", "region": region, "arn": _arn(region, api)},
		sprintf("%s API %s (%s) is not behind a CloudFront distribution with a WAF web ACL (reachable at %s), and cannot take a web ACL itself", [object.get(api, "ProtocolType", "HTTP"), api.ApiId, object.get(api, "Name", ""), concat(", ", sort([h | some h in hosts]))]),
		"no web acl in front",
		{"hosts": sort([h | some h in hosts])},
	)
}

deny contains finding if {
	some region, r in input.regions
	some api in object.get(r, ["apigatewayv2", "Apis"], [])
	hosts := _hosts(region, api)
	count(hosts & _guarded_origins) > 0
	open := _default_host(api)
	not open in _guarded_origins
	finding := result.fail_with_severity(
		{"id": api.ApiId, "type": "AWS::ApiGatewayV2::Api", "region": region, "arn": _arn(region, api)},
		sprintf("%s API %s (%s) is behind a CloudFront distribution with a web ACL, but its default endpoint %s is enabled: it can be called around the web ACL", [object.get(api, "ProtocolType", "HTTP"), api.ApiId, object.get(api, "Name", ""), open]),
		"execute-api endpoint enabled",
		{"hosts": sort([h | some h in hosts]), "execute_api": open},
		"medium",
	)
}
