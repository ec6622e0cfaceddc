package moat.rules.tls.classic_lb_outdated_tls_test

import data.moat.lib.result
import data.moat.rules.tls.classic_lb_outdated_tls as rule

negotiation(name, protocols) := {"PolicyName": name, "PolicyTypeName": "SSLNegotiationPolicyType", "PolicyAttributeDescriptions": array.concat(
	[{"AttributeName": sprintf("Protocol-%s", [p]), "AttributeValue": "true"} | some p in protocols],
	[{"AttributeName": "Protocol-SSLv3", "AttributeValue": "false"}, {"AttributeName": "ECDHE-RSA-AES128-GCM-SHA256", "AttributeValue": "true"}],
)}

doc(policy_names, descriptions) := {"regions": {"r": {"elb": {"LoadBalancerDescriptions": [object.union(
	{"LoadBalancerName": "old", "Scheme": "internet-facing", "ListenerDescriptions": [{"Listener": {"Protocol": "HTTPS", "LoadBalancerPort": 443}, "PolicyNames": policy_names}]},
	descriptions,
)]}}}}

test_policy_enabling_tls10_fails if {
	findings := rule.deny with input as doc(["p1"], {"PolicyDescriptions": [negotiation("p1", ["TLSv1", "TLSv1.1", "TLSv1.2"])]})
	result.found(findings) == {["r", "old", "listener HTTPS:443 policy"]}
	some f in findings
	f.evidence.outdated_protocols == ["TLSv1", "TLSv1.1"]
}

test_tls12_only_policy_passes if {
	count(rule.deny) == 0 with input as doc(["p1"], {"PolicyDescriptions": [negotiation("p1", ["TLSv1.2"])]})
}

test_predefined_name_is_judged_by_the_table_when_policies_were_not_read if {
	result.found(rule.deny) == {["r", "old", "listener HTTPS:443 policy"]} with input as doc(["ELBSecurityPolicy-2016-08"], {})
	count(rule.deny) == 0 with input as doc(["ELBSecurityPolicy-TLS-1-2-2017-01"], {})
}

test_unknown_policy_cannot_be_judged if {
	findings := rule.deny with input as doc(["my-custom-policy"], {})
	result.found(findings) == {["r", "old", "listener HTTPS:443 policy"]}
	some f in findings
	f.severity == "info"
}

test_weak_cipher_fails_even_on_tls12 if {
	weak := {"PolicyName": "p1", "PolicyTypeName": "SSLNegotiationPolicyType", "PolicyAttributeDescriptions": [
		{"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"},
		{"AttributeName": "DES-CBC3-SHA", "AttributeValue": "true"},
		{"AttributeName": "Reference-Security-Policy", "AttributeValue": "custom"},
	]}
	findings := rule.deny with input as doc(["p1"], {"PolicyDescriptions": [weak]})
	result.found(findings) == {["r", "old", "listener HTTPS:443 policy"]}
	some f in findings
	f.evidence.weak_ciphers == ["DES-CBC3-SHA"]
}
