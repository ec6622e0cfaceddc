package moat.rules.network_acls.admin_ports_open_to_world_test

import data.moat.lib.result
import data.moat.rules.network_acls.admin_ports_open_to_world as rule

doc(entries) := {"regions": {"r": {"ec2": {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1"}], "Entries": entries}]}}}}

allow_all := {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"}

deny_22 := {"RuleNumber": 90, "Protocol": "6", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}}

test_allow_all_exposes_ssh_and_rdp if {
	result.found(rule.deny) == {["r", "acl-1", "entry 100 port 22"], ["r", "acl-1", "entry 100 port 3389"]} with input as doc([allow_all])
}

test_lower_deny_wins_for_ssh if {
	findings := rule.deny with input as doc([allow_all, deny_22])
	result.found(findings) == {["r", "acl-1", "entry 100 port 3389"]}
	some f in findings
	f.evidence.port == 3389
}

test_higher_deny_does_not_help if {
	late_deny := object.union(deny_22, {"RuleNumber": 200})
	result.found(rule.deny) == {["r", "acl-1", "entry 100 port 22"], ["r", "acl-1", "entry 100 port 3389"]} with input as doc([allow_all, late_deny])
}

test_unassociated_acl_is_ignored if {
	count(rule.deny) == 0 with input as {"regions": {"r": {"ec2": {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "v", "Entries": [allow_all]}]}}}}
}
