package moat.rules.security_groups.ssh_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.ssh_open_to_world as rule

sg(perm) := {"regions": {"us-east-1": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [perm]}]}}}}

test_ssh_from_world_ipv4 if {
	result.found(rule.deny) == {["us-east-1", "sg-1", "ingress tcp 22 from 0.0.0.0/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_ssh_from_world_ipv6 if {
	result.found(rule.deny) == {["us-east-1", "sg-1", "ingress tcp 22 from ::/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
}

test_port_range_covering_22 if {
	result.found(rule.deny) == {["us-east-1", "sg-1", "ingress tcp 0-1024 from 0.0.0.0/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_all_traffic if {
	result.found(rule.deny) == {["us-east-1", "sg-1", "ingress all traffic from 0.0.0.0/0"]} with input as sg({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_both_families_reported_separately if {
	result.found(rule.deny) == {["us-east-1", "sg-1", "ingress tcp 22 from 0.0.0.0/0"], ["us-east-1", "sg-1", "ingress tcp 22 from ::/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
}

test_trusted_cidr_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]})
}

test_other_port_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_udp_22_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "udp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}
