# METADATA
# title: Default security group has rules
# description: |
#   A VPC's default security group has inbound or outbound rules. Resources launched without
#   an explicit group land in it and inherit whatever it allows. The default group should
#   restrict all traffic so that every resource gets a deliberately chosen group.
# custom:
#   id: SG009
#   practice: no-admin-ports
#   severity: medium
#   remediation: |
#     Remove every inbound and outbound rule of the default security group (it cannot be
#     deleted), and move resources that use it to purpose-made groups.
#   controls: ["CIS-AWS 5.5", "AWS-FSBP EC2.2", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.default_group_has_rules

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some sg in r.ec2.SecurityGroups
	object.get(sg, "GroupName", "") == "default"
	ingress := count(object.get(sg, "IpPermissions", []))
	egress := count(object.get(sg, "IpPermissionsEgress", []))
	ingress + egress > 0
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("default security group %s of %s has %d inbound and %d outbound rule(s)", [sg.GroupId, object.get(sg, "VpcId", "?"), ingress, egress]),
		"default group rules",
		{"ingress_rules": ingress, "egress_rules": egress},
	)
}
