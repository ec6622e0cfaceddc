package moat.rules.security_groups.load_balancer_non_web_port_test

import data.moat.lib.result
import data.moat.rules.security_groups.load_balancer_non_web_port as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]},
	"elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "Scheme": "internet-facing", "Type": "application", "SecurityGroups": ["sg-1"]}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_8080_and_80_to_443_fail if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 8080 from 0.0.0.0/0"], ["r", "sg-1", "ingress tcp 80-443 from 0.0.0.0/0"]} with input as doc([
		exposure("world", "tcp", 8080, 8080, "tcp 8080", ["0.0.0.0/0"]),
		exposure("world", "tcp", 80, 443, "tcp 80-443", ["0.0.0.0/0"]),
	])
}

test_443_passes if {
	count(rule.deny) == 0 with input as doc([exposure("world", "tcp", 443, 443, "tcp 443", ["0.0.0.0/0"])])
}
