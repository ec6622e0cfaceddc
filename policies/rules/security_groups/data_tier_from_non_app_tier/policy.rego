# METADATA
# title: Data tier reachable from a tier other than the app tier
# description: |
#   A data-tier security group admits traffic from a security group that is not in the
#   application tier (for example the web tier or the load balancer's group). A compromise
#   of the edge then reaches the database directly. SecureCart practice: databases only from
#   the app tier.
# custom:
#   id: SG008
#   practice: database-tier
#   severity: high
#   remediation: |
#     Remove the rule that references the non-app group; admit only the application tier's
#     security group on the database port.
#   controls: ["PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "rds:DescribeDBInstances", "elbv2:DescribeLoadBalancers"]
package moat.rules.security_groups.data_tier_from_non_app_tier

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.sg_tiers

deny contains finding if {
	some region, r in input.regions
	tiers := sg_tiers.by_group[region]
	some sg in sg_tiers.in_tier(region, r, "data")
	some perm in sg.IpPermissions
	some pair in object.get(perm, "UserIdGroupPairs", [])
	source := pair.GroupId
	source != sg.GroupId
	not "app" in object.get(tiers, source, set())
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("data-tier security group %s admits %s from security group %s, which is not in the app tier (tiers: %v)", [sg.GroupId, rule, source, sort(object.get(tiers, source, set()))]),
		sprintf("ingress %s from %s", [rule, source]),
		{"rule": rule, "source_group": source, "source_tiers": sort(object.get(tiers, source, set()))},
	)
}
