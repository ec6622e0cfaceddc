package moat.rules.security_groups.all_ports_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.all_ports_open_to_world as rule

sg(perm) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [perm]}]}}}}

test_all_traffic_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress all traffic from 0.0.0.0/0"]} with input as sg({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_all_tcp_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 0-65535 from ::/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
}

test_single_port_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}
