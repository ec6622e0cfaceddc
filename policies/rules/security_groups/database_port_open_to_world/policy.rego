# METADATA
# title: Database port open to the internet
# description: |
#   A security group allows inbound traffic from the whole internet to a database or cache
#   port (by default 1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017; configurable as
#   `database_ports`). SecureCart practice: databases only from the app tier, never public.
#   All-traffic rules are reported by SG005.
# custom:
#   id: SG004
#   severity: critical
#   remediation: |
#     Remove the rule; allow the database port only from the application tier's security
#     group (a security-group reference, not a CIDR).
#   controls: ["AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
package moat.rules.security_groups.database_port_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	not net.perm_all_ports(perm)
	ports := net.ports_opened(perm, data.moat.config.database_ports)
	count(ports) > 0
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("security group %s allows inbound %s from %s, which includes database port(s) %v", [sg.GroupId, rule, cidr, sort(ports)]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr, "ports": sort(ports)},
	)
}
