# METADATA
# title: Data-tier security group admits traffic by CIDR
# description: |
#   A security group of the data tier (tagged as data tier, or attached to an RDS instance)
#   admits inbound traffic from a CIDR range instead of from the application tier's security
#   group. CIDR rules admit every host in the range, including ones added later. SecureCart
#   practice: databases only from the app tier.
# custom:
#   id: SG007
#   practice: database-tier
#   severity: medium
#   remediation: |
#     Replace the CIDR source with a reference to the application tier's security group
#     (`--source-group sg-…`), then remove the CIDR rule.
#   controls: ["PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "rds:DescribeDBInstances"]
package moat.rules.security_groups.data_tier_reachable_by_cidr

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.sg_tiers

deny contains finding if {
	some region, r in input.regions
	some sg in sg_tiers.in_tier(region, r, "data")
	some perm in sg.IpPermissions
	some cidr in net.cidr_sources(perm)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("data-tier security group %s admits %s from CIDR %s instead of the app tier's security group", [sg.GroupId, rule, cidr]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr},
	)
}
