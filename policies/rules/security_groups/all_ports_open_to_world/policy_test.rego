package moat.rules.security_groups.all_ports_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.all_ports_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_all_traffic_and_all_tcp_fail if {
	result.found(rule.deny) == {["r", "sg-1", "ingress all traffic from 0.0.0.0/0"], ["r", "sg-1", "ingress tcp 0-65535 from 0.0.0.0/1 + 128.0.0.0/1"]} with input as doc([
		exposure("world", "-1", 0, 65535, "all traffic", ["0.0.0.0/0"]),
		exposure("world", "tcp", 0, 65535, "tcp 0-65535", ["0.0.0.0/1", "128.0.0.0/1"]),
	])
}

test_single_port_and_public_range_pass if {
	count(rule.deny) == 0 with input as doc([
		exposure("world", "tcp", 443, 443, "tcp 443", ["0.0.0.0/0"]),
		exposure("public_range", "-1", 0, 65535, "all traffic", ["3.0.0.0/8"]),
	])
}
