package moat.rules.tls.listener_certificate_not_from_acm_test

import data.moat.lib.result
import data.moat.rules.tls.listener_certificate_not_from_acm as rule

doc(arn) := {"regions": {"r": {"elbv2": {"Listeners": [{"ListenerArn": "arn:l", "LoadBalancerArn": "arn:lb", "Port": 443, "Protocol": "HTTPS", "Certificates": [{"CertificateArn": arn}]}]}}}}

test_iam_certificate_fails if {
	result.found(rule.deny) == {["r", "arn:l", "certificate arn:aws:iam::111122223333:server-certificate/shop"]} with input as doc("arn:aws:iam::111122223333:server-certificate/shop")
}

test_acm_certificate_passes if {
	count(rule.deny) == 0 with input as doc("arn:aws:acm:us-east-1:111122223333:certificate/abc")
}
