package moat.rules.tls.api_domain_old_tls_test

import data.moat.lib.result
import data.moat.rules.tls.api_domain_old_tls as rule

doc(policy) := {"regions": {"r": {"apigateway": {"DomainNames": [{"domainName": "api.example.com", "securityPolicy": policy}]}}}}

test_tls10_fails if {
	result.found(rule.deny) == {["r", "api.example.com", "security policy"]} with input as doc("TLS_1_0")
}

test_tls12_passes if {
	count(rule.deny) == 0 with input as doc("TLS_1_2")
}

test_absent_policy_is_read_as_tls10_and_says_so if {
	d := {"regions": {"r": {"apigateway": {"DomainNames": [{"domainName": "api.example.com"}]}}}}
	findings := rule.deny with input as d
	result.found(findings) == {["r", "api.example.com", "security policy"]}
	some f in findings
	contains(f.message, "no security policy set; read as TLS_1_0")
	f.evidence.assumed == "TLS_1_0"
}
