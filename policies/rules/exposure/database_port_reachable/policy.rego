# METADATA
# title: Database port reachable from the internet
# description: |
#   A database or cache port (by default 1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017;
#   configurable as `database_ports`) of a resource is reachable from the internet: a public
#   address (a publicly accessible DB instance, an instance's public IP, a load balancer
#   that listens on or forwards the port), a route that returns the replies through an
#   internet gateway, a network ACL that admits the packet and the reply, and a security
#   group that admits it. SecureCart practice: databases only from the app tier, never
#   public. Unlike SG004 and RDS001, which report configuration, this is a connection someone
#   on the internet can open now. The evidence is the path; see docs/exposure.md.
# custom:
#   id: EXP002
#   practice: effective-exposure
#   severity: critical
#   remediation: |
#     Close the path: allow the port only from the application tier's security group,
#     make the DB instance not publicly accessible (`aws rds modify-db-instance
#     --no-publicly-accessible`), and keep databases in private subnets.
#   controls: ["AWS-FSBP RDS.2", "AWS-FSBP EC2.19", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.4"]
#   resource_types: ["AWS::RDS::DBInstance", "AWS::EC2::Instance", "AWS::EC2::NetworkInterface", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"]
#   requires: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "rds:DescribeDBInstances"]
#   needs_moat_input: true
package moat.rules.exposure.database_port_reachable

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, _ in input.regions
	some x in net.exposures(region)
	some port in net.reachable_ports(x, data.moat.config.database_ports)
	finding := object.union(result.fail(
		net.exposure_resource(region, x),
		sprintf("%s %s is reachable from the internet on tcp %d (%s), via %s: %s", [x.resource_type, x.resource_id, port, x.public_ip, x.via, net.path_text(x)]),
		sprintf("tcp %d via %s", [port, x.via]),
		object.union(net.exposure_path_evidence(x), {"port": port}),
	), {"exposure": "reachable"})
}
