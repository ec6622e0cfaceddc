# METADATA
# title: Private subnet's network ACL allows all egress to the internet
# description: |
#   The network ACL of a private subnet allows all outbound traffic (every protocol and
#   port) to 0.0.0.0/0 or ::/0: the first matching egress entry for the internet is an
#   all-traffic allow. Private tiers should reach the internet only for what they need.
#   Entries are evaluated as AWS does, in rule-number order, first match per address: the
#   finding needs every IPv4 (or IPv6) destination to be allowed for all traffic, however
#   many entries that takes.
# custom:
#   id: NACL002
#   practice: nat-egress
#   severity: low
#   remediation: |
#     Replace the all-traffic egress allow with entries for the ports the tier needs
#     (for example TCP 443 and the ephemeral range for return traffic).
#   controls: ["PCI-DSS-4.0 1.3.2"]
#   resource_types: ["AWS::EC2::NetworkAcl"]
#   requires: ["ec2:DescribeNetworkAcls", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
#   needs_moat_input: true
package moat.rules.network_acls.private_unrestricted_egress

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	private := private_subnets.by_id[region]
	some e in net.acl_egress(region)
	e.kind == "world"
	acl := r.ec2.NetworkAcls[e.acl]
	subnets := sort([a.SubnetId | some a in object.get(acl, "Associations", []); private[a.SubnetId]])
	count(subnets) > 0
	first := e.entries[0]
	finding := result.fail(
		{"id": acl.NetworkAclId, "type": "AWS::EC2::NetworkAcl", "region": region, "arn": result.ec2_arn(region, "network-acl", acl.NetworkAclId)},
		sprintf("network ACL %s of private subnet(s) %v allows all outbound traffic to %s through entry %v", [acl.NetworkAclId, subnets, net.acl_exposure_text(e), e.entries]),
		sprintf("egress entry %d", [first]),
		{"rule_number": first, "entries": e.entries, "private_subnets": subnets, "destination": concat(" + ", e.sources), "family": e.family},
	)
}
