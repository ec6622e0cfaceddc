# METADATA
# title: Remote administration port open to the internet
# description: |
#   A security group allows inbound traffic from the whole internet to a remote
#   administration port other than SSH and RDP (by default telnet 23, VNC 5900 and WinRM
#   5985/5986; configurable as `admin_ports`). These services were built for trusted
#   networks and are routinely scanned for. All-traffic rules are reported by SG005.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address. A public range broader than
#   `address_space.broad_public_prefix` (outside private and trusted ranges) is reported
#   too, with its breadth; a prefix list moat could not read is "cannot judge" (info).
# custom:
#   id: SG003
#   practice: no-admin-ports
#   severity: high
#   remediation: |
#     Remove the rule or narrow its source to a trusted CIDR or security group; put
#     administration behind Session Manager, a VPN or a bastion.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
#   needs_moat_input: true
package moat.rules.security_groups.admin_port_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_ingress(region)
	not net.exposure_all_ports(e)
	ports := net.exposure_ports(e, {p | some p in data.moat.config.admin_ports; not p in {22, 3389}})
	count(ports) > 0
	sg := r.ec2.SecurityGroups[e.group]
	finding := net.sg_finding(region, sg, e, "ingress", sprintf(", which includes admin port(s) %v", [sort(ports)]), {"ports": sort(ports)})
}
