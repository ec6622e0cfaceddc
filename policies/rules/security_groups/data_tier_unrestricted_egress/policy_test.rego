package moat.rules.security_groups.data_tier_unrestricted_egress_test

import data.moat.lib.result
import data.moat.rules.security_groups.data_tier_unrestricted_egress as rule

# The rule reads moat's address facts (input.moat.addresses, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(exposures) := {
	"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "Tags": [{"Key": "Tier", "Value": "data"}]}]}}},
	"moat": {"addresses": {"r": {"sg_egress": exposures}}},
}

exposure(kind, protocol, from, to, rule_text, sources) := {"group": 0, "protocol": protocol, "from_port": from, "to_port": to, "rule": rule_text, "kind": kind, "family": "ipv4", "sources": sources}

test_data_all_egress_fails if {
	result.found(rule.deny) == {["r", "sg-1", "egress all traffic to 0.0.0.0/0"]} with input as doc([exposure("world", "-1", 0, 65535, "all traffic", ["0.0.0.0/0"])])
}

test_scoped_egress_passes if {
	count(rule.deny) == 0 with input as doc([exposure("world", "tcp", 443, 443, "tcp 443", ["0.0.0.0/0"])])
}
