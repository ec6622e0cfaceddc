package moat.rules.tls.classic_lb_plaintext_listener_test

import data.moat.lib.result
import data.moat.rules.tls.classic_lb_plaintext_listener as rule

doc(scheme, listeners) := {"account": {"id": "111122223333"}, "regions": {"r": {"elb": {"LoadBalancerDescriptions": [{"LoadBalancerName": "old", "Scheme": scheme, "ListenerDescriptions": [{"Listener": l} | some l in listeners]}]}}}}

test_http_and_tcp_listeners_fail if {
	result.found(rule.deny) == {["r", "old", "listener HTTP:80"], ["r", "old", "listener TCP:8080"]} with input as doc("internet-facing", [
		{"Protocol": "HTTP", "LoadBalancerPort": 80},
		{"Protocol": "TCP", "LoadBalancerPort": 8080},
		{"Protocol": "HTTPS", "LoadBalancerPort": 443},
	])
}

test_https_and_ssl_pass if {
	count(rule.deny) == 0 with input as doc("internet-facing", [{"Protocol": "HTTPS", "LoadBalancerPort": 443}, {"Protocol": "SSL", "LoadBalancerPort": 8443}])
}

test_internal_is_out_of_scope if {
	count(rule.deny) == 0 with input as doc("internal", [{"Protocol": "HTTP", "LoadBalancerPort": 80}])
}
