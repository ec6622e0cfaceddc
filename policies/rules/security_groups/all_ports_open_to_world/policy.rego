# METADATA
# title: All ports open to the internet
# description: |
#   A security group allows all traffic (protocol -1) or every TCP/UDP port from the whole
#   internet. Every service on the attached interfaces, including ones started by accident,
#   is then exposed.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address; a prefix list moat could not read is "cannot judge"
#   (info).
# custom:
#   id: SG005
#   practice: no-admin-ports
#   severity: critical
#   remediation: |
#     Replace the rule with rules for the specific ports the workload serves, and restrict
#     their sources.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.18", "AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
#   needs_moat_input: true
package moat.rules.security_groups.all_ports_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_ingress(region)
	e.kind != "public_range"
	net.exposure_all_ports(e)
	sg := r.ec2.SecurityGroups[e.group]
	finding := net.sg_finding(region, sg, e, "ingress", "", {})
}
