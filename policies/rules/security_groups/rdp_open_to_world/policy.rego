# METADATA
# title: RDP open to the internet
# description: |
#   A security group allows inbound RDP (TCP 3389) from the whole internet (0.0.0.0/0 or ::/0),
#   directly, through a port range that contains 3389, or through an all-traffic rule. RDP is
#   among the most brute-forced services on the internet. SecureCart practice: no admin ports
#   open to the internet.
# custom:
#   id: SG002
#   severity: critical
#   remediation: |
#     Remove the rule or narrow its source to a trusted CIDR; reach Windows hosts through
#     Systems Manager Session Manager (port forwarding) or Fleet Manager instead.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.14", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.rdp_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	net.perm_covers_port(perm, 3389)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("security group %s allows inbound %s from %s, which includes RDP (tcp 3389)", [sg.GroupId, rule, cidr]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr},
	)
}
