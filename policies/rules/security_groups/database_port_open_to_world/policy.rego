# METADATA
# title: Database port open to the internet
# description: |
#   A security group allows inbound traffic from the whole internet to a database or cache
#   port (by default 1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017; configurable as
#   `database_ports`). SecureCart practice: databases only from the app tier, never public.
#   All-traffic rules are reported by SG005.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address. A public range broader than
#   `address_space.broad_public_prefix` (outside private and trusted ranges) is reported
#   too, with its breadth; a prefix list moat could not read is "cannot judge" (info).
# custom:
#   id: SG004
#   practice: database-tier
#   severity: critical
#   remediation: |
#     Remove the rule; allow the database port only from the application tier's security
#     group (a security-group reference, not a CIDR).
#   controls: ["AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups"]
#   needs_moat_input: true
package moat.rules.security_groups.database_port_open_to_world

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_ingress(region)
	not net.exposure_all_ports(e)
	ports := net.exposure_ports(e, data.moat.config.database_ports)
	count(ports) > 0
	sg := r.ec2.SecurityGroups[e.group]
	finding := net.sg_finding(region, sg, e, "ingress", sprintf(", which includes database port(s) %v", [sort(ports)]), {"ports": sort(ports)})
}
