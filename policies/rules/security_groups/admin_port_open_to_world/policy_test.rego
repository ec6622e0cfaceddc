package moat.rules.security_groups.admin_port_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.admin_port_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_vnc_world_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 5900 from 0.0.0.0/0"]} with input as doc([exposure("world", "tcp", 5900, 5900, "tcp 5900", ["0.0.0.0/0"])])
}

test_ssh_rdp_and_all_traffic_are_left_to_their_rules if {
	count(rule.deny) == 0 with input as doc([
		exposure("world", "tcp", 22, 22, "tcp 22", ["0.0.0.0/0"]),
		exposure("world", "tcp", 3389, 3389, "tcp 3389", ["0.0.0.0/0"]),
		exposure("world", "-1", 0, 65535, "all traffic", ["0.0.0.0/0"]),
	])
}
