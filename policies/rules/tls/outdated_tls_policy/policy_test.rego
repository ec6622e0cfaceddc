package moat.rules.tls.outdated_tls_policy_test

import data.moat.lib.result
import data.moat.rules.tls.outdated_tls_policy as rule

doc(policy) := {"regions": {"r": {"elbv2": {"Listeners": [{"ListenerArn": "arn:l", "LoadBalancerArn": "arn:lb", "Port": 443, "Protocol": "HTTPS", "SslPolicy": policy}]}}}}

test_2016_policy_fails if {
	result.found(rule.deny) == {["r", "arn:l", "listener HTTPS:443 policy"]} with input as doc("ELBSecurityPolicy-2016-08")
}

test_tls13_policy_passes if {
	count(rule.deny) == 0 with input as doc("ELBSecurityPolicy-TLS13-1-2-2021-06")
}

# Names mislead: a TLS13 policy that still enables TLS 1.0, and the PQ and FIPS families.
test_tls13_1_0_policy_fails_by_its_protocols if {
	findings := rule.deny with input as doc("ELBSecurityPolicy-TLS13-1-0-2021-06")
	result.found(findings) == {["r", "arn:l", "listener HTTPS:443 policy"]}
	some f in findings
	f.evidence.outdated_protocols == ["TLSv1", "TLSv1.1"]
}

test_pq_and_fips_members_are_judged_each_by_its_protocols if {
	count(rule.deny) == 0 with input as doc("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09")
	count(rule.deny) == 0 with input as doc("ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04")
	result.found(rule.deny) == {["r", "arn:l", "listener HTTPS:443 policy"]} with input as doc("ELBSecurityPolicy-TLS13-1-0-PQ-2025-09")
	result.found(rule.deny) == {["r", "arn:l", "listener HTTPS:443 policy"]} with input as doc("ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04")
}

test_unknown_policy_cannot_be_judged if {
	findings := rule.deny with input as doc("ELBSecurityPolicy-Custom-Unknown")
	result.found(findings) == {["r", "arn:l", "listener HTTPS:443 policy"]}
	some f in findings
	f.severity == "info"
	contains(f.message, "ELBSecurityPolicy-Custom-Unknown")
}

# The snapshot's own description of a policy wins over the table.
test_collected_policy_description_wins if {
	d := object.union(doc("ELBSecurityPolicy-Custom-Unknown"), {"regions": {"r": {"elbv2": {"SslPolicies": [{"Name": "ELBSecurityPolicy-Custom-Unknown", "SslProtocols": ["TLSv1.2"]}]}}}})
	count(rule.deny) == 0 with input as d
	d2 := object.union(doc("ELBSecurityPolicy-TLS13-1-2-2021-06"), {"regions": {"r": {"elbv2": {"SslPolicies": [{"Name": "ELBSecurityPolicy-TLS13-1-2-2021-06", "SslProtocols": ["TLSv1.1", "TLSv1.2"]}]}}}})
	result.found(rule.deny) == {["r", "arn:l", "listener HTTPS:443 policy"]} with input as d2
}

test_collected_weak_cipher_fails if {
	d := object.union(doc("custom-tls12"), {"regions": {"r": {"elbv2": {"SslPolicies": [{"Name": "custom-tls12", "SslProtocols": ["TLSv1.2"], "Ciphers": [{"Name": "ECDHE-RSA-AES128-GCM-SHA256", "Priority": 1}, {"Name": "RC4-SHA", "Priority": 2}]}]}}}})
	findings := rule.deny with input as d
	result.found(findings) == {["r", "arn:l", "listener HTTPS:443 policy"]}
	some f in findings
	f.evidence.weak_ciphers == ["RC4-SHA"]
}
