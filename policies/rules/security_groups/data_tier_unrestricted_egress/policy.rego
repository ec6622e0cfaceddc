# METADATA
# title: Data tier has unrestricted egress
# description: |
#   A data-tier security group allows all outbound traffic to the whole internet. A
#   compromised database host can then exfiltrate data anywhere. Databases need to answer
#   their clients (security groups are stateful) and rarely need to open connections out.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address; a prefix list moat could not read is "cannot judge"
#   (info).
# custom:
#   id: SG010
#   practice: database-tier
#   severity: medium
#   remediation: |
#     Replace the all-traffic egress rule with rules for what the database really needs
#     (for example replication peers or a VPC endpoint's prefix list).
#   controls: ["PCI-DSS-4.0 1.3.2"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "rds:DescribeDBInstances"]
#   needs_moat_input: true
package moat.rules.security_groups.data_tier_unrestricted_egress

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.sg_tiers

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_egress(region)
	e.kind != "public_range"
	net.exposure_all_ports(e)
	sg := r.ec2.SecurityGroups[e.group]
	"data" in sg_tiers.by_group[region][sg.GroupId]
	finding := net.sg_finding(region, sg, e, "egress", " from the data tier", {})
}
