package moat.rules.security_groups.database_port_open_to_world_test

import data.moat.lib.result
import data.moat.rules.security_groups.database_port_open_to_world as rule

sg(perm) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [perm]}]}}}}

test_postgres_world_fails if {
	result.found(rule.deny) == {["r", "sg-1", "ingress tcp 5432 from 0.0.0.0/0"]} with input as sg({"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_postgres_from_vpc_passes if {
	count(rule.deny) == 0 with input as sg({"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]})
}
