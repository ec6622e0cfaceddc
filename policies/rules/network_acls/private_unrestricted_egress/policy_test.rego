package moat.rules.network_acls.private_unrestricted_egress_test

import data.moat.lib.result
import data.moat.rules.network_acls.private_unrestricted_egress as rule

# The rule reads moat's address facts for the ACL (input.moat.addresses, computed in Rust).
doc(tier, entries) := {"moat": {"addresses": {"r": {"acl_egress": [{"acl": 0, "protocol": "-1", "from_port": 0, "to_port": 65535, "kind": "world", "family": "ipv4", "entries": [100], "sources": ["0.0.0.0/0"]} | some e in entries; e == all_out]}}}, "regions": {"r": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": tier}]}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}],
	"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1"}], "Entries": entries}],
}}}}

all_out := {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0"}

test_private_all_egress_fails if {
	result.found(rule.deny) == {["r", "acl-1", "egress entry 100"]} with input as doc("app", [all_out])
}

test_public_subnet_is_out_of_scope if {
	count(rule.deny) == 0 with input as doc("web", [all_out])
}

test_scoped_egress_passes if {
	https := {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}}
	deny_all := {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}
	count(rule.deny) == 0 with input as doc("app", [https, deny_all])
}
