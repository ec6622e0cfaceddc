package moat.rules.security_groups.data_tier_from_non_app_tier_test

import data.moat.lib.result
import data.moat.rules.security_groups.data_tier_from_non_app_tier as rule

doc(source_tier) := {"regions": {"r": {"ec2": {"SecurityGroups": [
	{"GroupId": "sg-db", "Tags": [{"Key": "Tier", "Value": "data"}], "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": "sg-src"}]}]},
	{"GroupId": "sg-src", "Tags": [{"Key": "Tier", "Value": source_tier}]},
]}}}}

test_from_web_tier_fails if {
	result.found(rule.deny) == {["r", "sg-db", "ingress tcp 5432 from sg-src"]} with input as doc("web")
}

test_from_app_tier_passes if {
	count(rule.deny) == 0 with input as doc("app")
}
