package moat.rules.exposure.private_tier_reachable_test

import data.moat.lib.result
import data.moat.rules.exposure.private_tier_reachable as rule

doc(reachable, tags) := {
	"regions": {"r": {"ec2": {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "Tags": tags}]}}},
	"moat": {
		"exposure": {"r": {"reachable": reachable}},
		"topology": {"r": {"route_table_of": {}, "public_subnets": {}, "private_subnets": {"subnet-1": 0}, "sg_tiers": {}, "tier_members": {}}},
	},
}

x(type, via) := {
	"resource_type": type, "resource_id": "i-1", "interface_id": "eni-1", "subnet_id": "subnet-1",
	"public_ip": "203.0.113.9", "protocol": "tcp", "ports": [[443, 443]], "via": via, "reachable_from_prefix": 0,
	"path": [{"type": "internet-gateway", "id": "igw-1"}, {"type": "security-group", "id": "sg-1"}, {"type": "network-interface", "id": "eni-1"}],
}

test_app_instance_reachable_directly if {
	findings := rule.deny with input as doc([x("AWS::EC2::Instance", "direct")], [{"Key": "Tier", "Value": "app"}])
	result.found(findings) == {["r", "i-1", "tcp direct"]}
	some f in findings
	f.evidence.private_because == "subnet subnet-1"
}

test_behind_a_load_balancer_passes if {
	count(rule.deny) == 0 with input as doc([x("AWS::EC2::Instance", "lb-1")], [{"Key": "Tier", "Value": "app"}])
}

test_a_database_is_private_wherever_it_is if {
	findings := rule.deny with input as doc([x("AWS::RDS::DBInstance", "direct")], [])
	some f in findings
	f.evidence.private_because == "a DB instance"
}
