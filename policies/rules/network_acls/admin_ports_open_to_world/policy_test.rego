package moat.rules.network_acls.admin_ports_open_to_world_test

import data.moat.lib.result
import data.moat.rules.network_acls.admin_ports_open_to_world as rule

# The rule reads moat's address facts (input.moat.addresses, first match per address,
# computed in Rust and tested there and by this folder's fixtures).
doc(associations, exposures) := {
	"regions": {"r": {"ec2": {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Associations": associations}]}}},
	"moat": {"addresses": {"r": {"acl_ingress": exposures}}},
}

exposure(kind, from, to, entries, sources) := {"acl": 0, "protocol": "tcp", "from_port": from, "to_port": to, "kind": kind, "family": "ipv4", "entries": entries, "sources": sources}

test_allow_all_exposes_ssh_and_rdp if {
	result.found(rule.deny) == {["r", "acl-1", "entry 100 port 22"], ["r", "acl-1", "entry 100 port 3389"]} with input as doc([{"SubnetId": "subnet-1"}], [exposure("world", 0, 65535, [100], ["0.0.0.0/0"])])
}

test_admitted_by_several_entries_is_named_by_the_first if {
	findings := rule.deny with input as doc([{"SubnetId": "subnet-1"}], [exposure("world", 22, 22, [90, 100], ["0.0.0.0/1", "128.0.0.0/1"])])
	result.found(findings) == {["r", "acl-1", "entry 90 port 22"]}
	some f in findings
	f.evidence.entries == [90, 100]
}

test_other_ports_pass if {
	count(rule.deny) == 0 with input as doc([{"SubnetId": "subnet-1"}], [exposure("world", 23, 3388, [100], ["0.0.0.0/0"])])
}

test_unassociated_acl_is_ignored if {
	count(rule.deny) == 0 with input as doc([], [exposure("world", 0, 65535, [100], ["0.0.0.0/0"])])
}
