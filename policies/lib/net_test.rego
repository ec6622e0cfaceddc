package moat.lib.net_test

import data.moat.lib.net

test_world_sources_both_families if {
	net.world_sources({"IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}) == {"0.0.0.0/0", "::/0"}
}

test_port_ranges_and_all_protocols if {
	net.perm_covers_port({"IpProtocol": "tcp", "FromPort": 20, "ToPort": 25}, 22)
	net.perm_covers_port({"IpProtocol": "-1"}, 22)
	not net.perm_covers_port({"IpProtocol": "udp", "FromPort": 22, "ToPort": 22}, 22)
	not net.perm_covers_port({"IpProtocol": "tcp", "FromPort": 23, "ToPort": 25}, 22)
}

test_all_ports if {
	net.perm_all_ports({"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535})
	not net.perm_all_ports({"IpProtocol": "tcp", "FromPort": 1, "ToPort": 65535})
}

test_perm_text if {
	net.perm_text({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}) == "tcp 22"
	net.perm_text({"IpProtocol": "tcp", "FromPort": 1, "ToPort": 9}) == "tcp 1-9"
	net.perm_text({"IpProtocol": "-1"}) == "all traffic"
}
