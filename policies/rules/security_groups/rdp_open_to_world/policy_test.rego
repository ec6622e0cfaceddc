package moat.rules.security_groups.rdp_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.rdp_open_to_world as rule

sg(perm) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [perm]}]}}}}

test_rdp_world_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 3389 from 0.0.0.0/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_range_ipv6_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 3000-4000 from ::/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 3000, "ToPort": 4000, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})
}

test_trusted_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]})
}
