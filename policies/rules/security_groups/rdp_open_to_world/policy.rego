# METADATA
# title: RDP open to the internet
# description: |
#   A security group allows inbound RDP (TCP 3389) from the whole internet (0.0.0.0/0 or ::/0),
#   directly, through a port range that contains 3389, or through an all-traffic rule. RDP is
#   among the most brute-forced services on the internet. SecureCart practice: no admin ports
#   open to the internet.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address. A public range broader than
#   `address_space.broad_public_prefix` (outside private and trusted ranges) is reported
#   too, with its breadth; a prefix list moat could not read is "cannot judge" (info).
# custom:
#   id: SG002
#   practice: no-admin-ports
#   severity: critical
#   remediation: |
#     Remove the rule or narrow its source to a trusted CIDR; reach Windows hosts through
#     Systems Manager Session Manager (port forwarding) or Fleet Manager instead.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.14", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
#   needs_moat_input: true
package moat.rules.security_groups.rdp_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_ingress(region)
	net.exposure_covers_port(e, 3389)
	sg := r.ec2.SecurityGroups[e.group]
	finding := net.sg_finding(region, sg, e, "ingress", ", which includes RDP (tcp 3389)", {"ports": [3389]})
}
