# METADATA
# title: Remote administration port open to the internet
# description: |
#   A security group allows inbound traffic from the whole internet to a remote
#   administration port other than SSH and RDP (by default telnet 23, VNC 5900 and WinRM
#   5985/5986; configurable as `admin_ports`). These services were built for trusted
#   networks and are routinely scanned for. All-traffic rules are reported by SG005.
# custom:
#   id: SG003
#   severity: high
#   remediation: |
#     Remove the rule or narrow its source to a trusted CIDR or security group; put
#     administration behind Session Manager, a VPN or a bastion.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.admin_port_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	not net.perm_all_ports(perm)
	ports := net.ports_opened(perm, {p | some p in data.moat.config.admin_ports; not p in {22, 3389}})
	count(ports) > 0
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("security group %s allows inbound %s from %s, which includes admin port(s) %v", [sg.GroupId, rule, cidr, sort(ports)]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr, "ports": sort(ports)},
	)
}
