package moat.rules.security_groups.data_tier_unrestricted_egress_test

import data.moat.lib.result
import data.moat.rules.security_groups.data_tier_unrestricted_egress as rule

doc(tier, perm) := {"regions": {"r": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1", "Tags": [{"Key": "Tier", "Value": tier}], "IpPermissionsEgress": [perm]}]}}}}

test_data_all_egress_fails if {
	result.found(rule.deny) == {["r", "sg-1", "egress all traffic to 0.0.0.0/0"]} with input as doc("data", {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_data_scoped_egress_passes if {
	count(rule.deny) == 0 with input as doc("data", {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]})
}

test_app_all_egress_is_out_of_scope if {
	count(rule.deny) == 0 with input as doc("app", {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}
