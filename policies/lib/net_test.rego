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
