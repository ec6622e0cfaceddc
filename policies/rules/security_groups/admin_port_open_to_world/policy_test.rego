package moat.rules.security_groups.admin_port_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.admin_port_open_to_world as rule

sg(perm) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [perm]}]}}}}

test_vnc_world_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 5900 from 0.0.0.0/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 5900, "ToPort": 5900, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_ssh_is_left_to_sg001 if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_all_traffic_is_left_to_sg005 if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}
