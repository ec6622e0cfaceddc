package moat.rules.security_groups.rdp_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.rdp_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_rdp_world_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 3000-4000 from 0.0.0.0/0"]} with input as doc([exposure("world", "tcp", 3000, 4000, "tcp 3000-4000", ["0.0.0.0/0"])])
}

test_other_port_passes if {
	count(rule.deny) == 0 with input as doc([exposure("world", "tcp", 3390, 3390, "tcp 3390", ["0.0.0.0/0"])])
}
