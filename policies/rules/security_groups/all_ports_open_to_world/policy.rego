# METADATA
# title: All ports open to the internet
# description: |
#   A security group allows all traffic (protocol -1) or every TCP/UDP port from the whole
#   internet. Every service on the attached interfaces, including ones started by accident,
#   is then exposed.
# custom:
#   id: SG005
#   severity: critical
#   remediation: |
#     Replace the rule with rules for the specific ports the workload serves, and restrict
#     their sources.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.18", "AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.all_ports_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	net.perm_all_ports(perm)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("security group %s allows inbound %s from %s", [sg.GroupId, rule, cidr]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr},
	)
}
