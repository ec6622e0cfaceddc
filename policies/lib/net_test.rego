package moat.lib.net_test

import data.moat.lib.net

test_exposure_port_ranges_and_all_protocols if {
	net.exposure_covers_port({"protocol": "tcp", "from_port": 20, "to_port": 25}, 22)
	net.exposure_covers_port({"protocol": "-1", "from_port": 0, "to_port": 65535}, 22)
	not net.exposure_covers_port({"protocol": "udp", "from_port": 22, "to_port": 22}, 22)
	not net.exposure_covers_port({"protocol": "tcp", "from_port": 23, "to_port": 25}, 22)
	net.exposure_ports({"protocol": "tcp", "from_port": 20, "to_port": 25}, [21, 22, 80]) == {21, 22}
}

test_exposure_all_ports if {
	net.exposure_all_ports({"protocol": "tcp", "from_port": 0, "to_port": 65535})
	not net.exposure_all_ports({"protocol": "tcp", "from_port": 1, "to_port": 65535})
	net.exposure_all_ports({"protocol": "-1", "from_port": 0, "to_port": 65535})
}

test_exposure_text if {
	net.exposure_text({"kind": "world", "sources": ["0.0.0.0/0"], "family": "ipv4"}) == "0.0.0.0/0"
	net.exposure_text({"kind": "world", "sources": ["0.0.0.0/1", "128.0.0.0/1"], "family": "ipv4"}) == "0.0.0.0/1 + 128.0.0.0/1 (together, every ipv4 address)"
	net.exposure_text({"kind": "public_range", "sources": ["3.0.0.0/8"], "public_prefix": 8}) == "3.0.0.0/8 (a public range as large as a /8)"
}

test_unknown_source_is_info_not_a_pass if {
	e := {"group": 0, "protocol": "tcp", "from_port": 22, "to_port": 22, "rule": "tcp 22", "kind": "unknown", "family": "ipv4", "sources": ["pl-1"], "reason": "the snapshot does not hold this prefix list"}
	f := net.sg_finding("us-east-1", {"GroupId": "sg-1"}, e, "ingress", "", {}) with input as {}
	f.severity == "info"
	f.element == "ingress tcp 22 from pl-1"
}

test_perm_text if {
	net.perm_text({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}) == "tcp 22"
	net.perm_text({"IpProtocol": "tcp", "FromPort": 1, "ToPort": 9}) == "tcp 1-9"
	net.perm_text({"IpProtocol": "-1"}) == "all traffic"
}

_exposure_input := {"moat": {"exposure": {"us-east-1": {
	"security_groups": {
		"sg-open": {"reachable": [{"protocol": "tcp", "ports": [[22, 22], [443, 443]]}], "resources": ["i-1"], "unknown": false},
		"sg-undecided": {"reachable": [], "resources": [], "unknown": true},
	},
	"network_acls": {},
	"resources": {},
}}}}

test_exposure_state_by_ports_and_protocol if {
	net.exposure_state("us-east-1", "security_groups", "sg-open", "tcp", 22, 22) == "reachable" with input as _exposure_input
	net.exposure_state("us-east-1", "security_groups", "sg-open", "-1", 0, 65535) == "reachable" with input as _exposure_input
	net.exposure_state("us-east-1", "security_groups", "sg-open", "tcp", 23, 442) == "latent" with input as _exposure_input
	net.exposure_state("us-east-1", "security_groups", "sg-open", "udp", 22, 22) == "latent" with input as _exposure_input
	net.ports_state("us-east-1", "security_groups", "sg-open", [3389, 443]) == "reachable" with input as _exposure_input
	net.ports_state("us-east-1", "security_groups", "sg-open", [3389]) == "latent" with input as _exposure_input
}

test_exposure_state_never_reads_safe_without_facts if {
	net.exposure_state("us-east-1", "security_groups", "sg-undecided", "tcp", 22, 22) == "unknown" with input as _exposure_input
	net.exposure_state("us-east-1", "security_groups", "sg-none", "tcp", 22, 22) == "latent" with input as _exposure_input
	net.exposure_state("us-east-1", "security_groups", "sg-open", "tcp", 22, 22) == "unknown" with input as {}
}

test_ingress_findings_carry_exposure_egress_do_not if {
	e := {"group": 0, "protocol": "tcp", "from_port": 0, "to_port": 65535, "rule": "tcp 0-65535", "kind": "world", "family": "ipv4", "sources": ["0.0.0.0/0"]}
	net.sg_finding("us-east-1", {"GroupId": "sg-open"}, e, "ingress", "", {"ports": [3389]}).exposure == "latent" with input as _exposure_input
	net.sg_finding("us-east-1", {"GroupId": "sg-open"}, e, "ingress", "", {}).exposure == "reachable" with input as _exposure_input
	not net.sg_finding("us-east-1", {"GroupId": "sg-open"}, e, "egress", "", {}).exposure with input as _exposure_input
}
