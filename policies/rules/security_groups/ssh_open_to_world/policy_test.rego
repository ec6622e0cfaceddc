package moat.rules.security_groups.ssh_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.ssh_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}},
	"moat": {"addresses": {"r": {"sg_ingress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_ssh_from_world if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 22 from 0.0.0.0/0"]} with input as doc([exposure("world", "tcp", 22, 22, "tcp 22", ["0.0.0.0/0"])])
}

test_halves_together_are_the_world if {
	findings := rule.deny with input as doc([exposure("world", "tcp", 22, 22, "tcp 22", ["0.0.0.0/1", "128.0.0.0/1"])])
	result.found(findings) == {["r", "sg-1", "ingress tcp 22 from 0.0.0.0/1 + 128.0.0.0/1"]}
	some f in findings
	contains(f.message, "together, every ipv4 address")
}

test_port_range_and_all_traffic_cover_22 if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 0-1024 from 0.0.0.0/0"], ["r", "sg-1", "ingress all traffic from ::/0"]} with input as doc([
		exposure("world", "tcp", 0, 1024, "tcp 0-1024", ["0.0.0.0/0"]),
		object.union(exposure("world", "-1", 0, 65535, "all traffic", ["::/0"]), {"family": "ipv6"}),
	])
}

test_broad_public_range_fails_with_its_breadth if {
	findings := rule.deny with input as doc([object.union(exposure("public_range", "tcp", 22, 22, "tcp 22", ["3.0.0.0/8"]), {"public_prefix": 8})])
	result.found(findings) == {["r", "sg-1", "ingress tcp 22 from 3.0.0.0/8"]}
	some f in findings
	f.evidence.public_prefix == 8
	not f.severity
}

test_unresolved_prefix_list_cannot_be_judged if {
	findings := rule.deny with input as doc([object.union(exposure("unknown", "tcp", 22, 22, "tcp 22", ["pl-1"]), {"reason": "the snapshot does not hold this prefix list"})])
	result.found(findings) == {["r", "sg-1", "ingress tcp 22 from pl-1"]}
	some f in findings
	f.severity == "info"
}

test_other_ports_and_udp_pass if {
	count(rule.deny) == 0 with input as doc([exposure("world", "tcp", 443, 443, "tcp 443", ["0.0.0.0/0"]), exposure("world", "udp", 22, 22, "udp 22", ["0.0.0.0/0"])])
}
