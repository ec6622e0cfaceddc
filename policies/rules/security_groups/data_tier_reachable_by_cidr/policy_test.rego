package moat.rules.security_groups.data_tier_reachable_by_cidr_test

import data.moat.lib.result
import data.moat.rules.security_groups.data_tier_reachable_by_cidr as rule

doc(perm, tags) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-db", "Tags": tags, "IpPermissions": [perm]}]}}}}

cidr_perm := {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}

test_tagged_data_tier_with_cidr_fails if {
	result.found(rule.deny) == {["r", "sg-db", "ingress tcp 5432 from 10.0.0.0/16"]} with input as doc(cidr_perm, [{"Key": "Tier", "Value": "data"}])
}

test_rds_group_is_data_tier_by_inference if {
	d := {"regions": {"r": {
		"ec2": {"SecurityGroups": [{"GroupId": "sg-db", "IpPermissions": [cidr_perm]}]},
		"rds": {"DBInstances": [{"DBInstanceIdentifier": "db", "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db"}]}]},
	}}}
	result.found(rule.deny) == {["r", "sg-db", "ingress tcp 5432 from 10.0.0.0/16"]} with input as d
}

test_group_reference_passes if {
	count(rule.deny) == 0 with input as doc({"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": "sg-app"}]}, [{"Key": "Tier", "Value": "data"}])
}

test_app_tier_is_out_of_scope if {
	count(rule.deny) == 0 with input as doc(cidr_perm, [{"Key": "Tier", "Value": "app"}])
}
