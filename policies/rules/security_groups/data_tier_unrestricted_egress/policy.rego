# METADATA
# title: Data tier has unrestricted egress
# description: |
#   A data-tier security group allows all outbound traffic to the whole internet. A
#   compromised database host can then exfiltrate data anywhere. Databases need to answer
#   their clients (security groups are stateful) and rarely need to open connections out.
# custom:
#   id: SG010
#   severity: medium
#   remediation: |
#     Replace the all-traffic egress rule with rules for what the database really needs
#     (for example replication peers or a VPC endpoint's prefix list).
#   controls: ["PCI-DSS-4.0 1.3.2"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "rds:DescribeDBInstances"]
package moat.rules.security_groups.data_tier_unrestricted_egress

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.sg_tiers

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_egress(region, r)
	"data" in sg_tiers.by_group[region][sg.GroupId]
	net.perm_all_ports(perm)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("data-tier security group %s allows outbound %s to %s", [sg.GroupId, rule, cidr]),
		sprintf("egress %s to %s", [rule, cidr]),
		{"rule": rule, "destination": cidr},
	)
}
