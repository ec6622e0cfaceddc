# METADATA
# title: SSH open to the internet
# description: |
#   A security group allows inbound SSH (TCP 22) from the whole internet (0.0.0.0/0 or ::/0),
#   directly, through a port range that contains 22, or through an all-traffic rule
#   (protocol -1). Internet-wide SSH exposes hosts to credential stuffing and to every SSH
#   vulnerability as soon as it is published. SecureCart practice: no admin ports open to the
#   internet.
# custom:
#   id: SG001
#   severity: critical
#   remediation: |
#     Remove the rule, or narrow its source to a trusted CIDR or a bastion's security group.
#     Prefer AWS Systems Manager Session Manager, which needs no inbound port at all:
#     `aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions <rule>`.
#   controls: ["CIS-AWS 5.3", "CIS-AWS 5.4", "AWS-FSBP EC2.13", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.ssh_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	net.perm_covers_port(perm, 22)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("security group %s allows inbound %s from %s, which includes SSH (tcp 22)", [sg.GroupId, rule, cidr]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"ip_protocol": perm.IpProtocol, "from_port": object.get(perm, "FromPort", null), "to_port": object.get(perm, "ToPort", null), "source": cidr},
	)
}
