package moat.rules.security_groups.database_port_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.database_port_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_postgres_world_fails if {
	findings := rule.deny with input as doc([exposure("world", "tcp", 5432, 5432, "tcp 5432", ["0.0.0.0/0"])])
	result.found(findings) == {["r", "sg-1", "ingress tcp 5432 from 0.0.0.0/0"]}
	some f in findings
	f.evidence.ports == [5432]
}

test_non_database_port_passes if {
	count(rule.deny) == 0 with input as doc([exposure("world", "tcp", 443, 443, "tcp 443", ["0.0.0.0/0"])])
}
