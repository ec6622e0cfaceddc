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
