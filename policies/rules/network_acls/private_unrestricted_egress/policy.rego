# METADATA
# title: Private subnet's network ACL allows all egress to the internet
# description: |
#   The network ACL of a private subnet allows all outbound traffic (every protocol and
#   port) to 0.0.0.0/0 or ::/0: the first matching egress entry for the internet is an
#   all-traffic allow. Private tiers should reach the internet only for what they need.
# custom:
#   id: NACL002
#   severity: low
#   remediation: |
#     Replace the all-traffic egress allow with entries for the ports the tier needs
#     (for example TCP 443 and the ephemeral range for return traffic).
#   controls: ["PCI-DSS-4.0 1.3.2"]
#   resource_types: ["AWS::EC2::NetworkAcl"]
#   requires: ["ec2:DescribeNetworkAcls", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.network_acls.private_unrestricted_egress

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	private := private_subnets.by_id[region]
	some acl in r.ec2.NetworkAcls
	world := [e | some e in acl.Entries; e.Egress == true; e.Protocol == "-1"; net.acl_world(e)]
	count(world) > 0
	first := min({e.RuleNumber | some e in world})
	some entry in world
	entry.RuleNumber == first
	entry.RuleAction == "allow"
	subnets := sort([a.SubnetId | some a in object.get(acl, "Associations", []); private[a.SubnetId]])
	count(subnets) > 0
	finding := result.fail(
		{"id": acl.NetworkAclId, "type": "AWS::EC2::NetworkAcl", "region": region, "arn": result.ec2_arn(region, "network-acl", acl.NetworkAclId)},
		sprintf("network ACL %s of private subnet(s) %v: egress entry %d allows all traffic to %s", [acl.NetworkAclId, subnets, entry.RuleNumber, net.acl_source(entry)]),
		sprintf("egress entry %d", [entry.RuleNumber]),
		{"rule_number": entry.RuleNumber, "private_subnets": subnets},
	)
}
