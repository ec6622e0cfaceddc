package moat.rules.waf.http_api_without_web_acl_test

import data.moat.lib.result
import data.moat.rules.waf.http_api_without_web_acl as rule

api(disabled) := {"ApiId": "a1", "Name": "orders", "ProtocolType": "HTTP", "ApiEndpoint": "https://a1.execute-api.r.amazonaws.com", "DisableExecuteApiEndpoint": disabled}

domain := {"DomainName": "orders.example.com", "DomainNameConfigurations": [{"ApiGatewayDomainName": "d-xyz.execute-api.r.amazonaws.com"}], "ApiMappings": [{"ApiId": "a1", "Stage": "$default"}]}

dist(origin, acl) := {"Id": "E1", "Enabled": true, "WebACLId": acl, "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": origin}]}}

doc(a, domains, dists) := {"regions": {"r": {"apigatewayv2": {"Apis": [a], "DomainNames": domains}}}, "global": {"cloudfront": {"Distributions": dists}}}

test_no_distribution_fails if {
	result.found(rule.deny) == {["r", "a1", "no web acl in front"]} with input as doc(api(false), [], [])
}

test_distribution_without_acl_fails if {
	result.found(rule.deny) == {["r", "a1", "no web acl in front"]} with input as doc(api(false), [], [dist("a1.execute-api.r.amazonaws.com", "")])
}

test_fronted_custom_domain_with_default_endpoint_off_passes if {
	count(rule.deny) == 0 with input as doc(api(true), [domain], [dist("d-xyz.execute-api.r.amazonaws.com", "arn:acl")])
}

test_fronted_but_default_endpoint_open_is_medium if {
	found := {[f.resource_id, f.element, f.severity] | some f in rule.deny} with input as doc(api(false), [domain], [dist("d-xyz.execute-api.r.amazonaws.com", "arn:acl")])
	found == {["a1", "execute-api endpoint enabled", "medium"]}
}

test_fronted_on_execute_api_host_passes if {
	count(rule.deny) == 0 with input as doc(api(false), [], [dist("A1.execute-api.r.amazonaws.com", "arn:acl")])
}

test_a_domain_mapped_to_another_api_does_not_count if {
	other := object.union(domain, {"ApiMappings": [{"ApiId": "a2"}]})
	result.found(rule.deny) == {["r", "a1", "no web acl in front"]} with input as doc(api(false), [other], [dist("d-xyz.execute-api.r.amazonaws.com", "arn:acl")])
}

test_an_api_nothing_can_call_passes if {
	count(rule.deny) == 0 with input as doc(api(true), [], [])
}
