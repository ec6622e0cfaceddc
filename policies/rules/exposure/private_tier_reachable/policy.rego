# METADATA
# title: Private-tier resource reachable from the internet
# description: |
#   A resource of a private tier (`private_tiers`, by default app and data) is reachable from
#   the internet by its own address, on any port: it sits in a subnet tagged with a private
#   tier, one of its security groups is in a private tier, or it is a DB instance; and a
#   route to an internet gateway, the subnet's network ACL (both ways) and a security group
#   admit the traffic. SecureCart practice: private subnets reach the internet only through
#   a NAT gateway, and only load balancers face it; an app server behind a load balancer is
#   fine, one the internet reaches directly is not. The evidence is the path.
# custom:
#   id: EXP003
#   practice: effective-exposure
#   severity: high
#   remediation: |
#     Remove the resource's public address, route the subnet's internet traffic through a
#     NAT gateway in a public subnet (not an internet gateway), and serve the resource
#     through an internet-facing load balancer if it must be reached.
#   controls: ["PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1", "CIS-AWS 5.6"]
#   resource_types: ["AWS::EC2::Instance", "AWS::EC2::NetworkInterface", "AWS::RDS::DBInstance"]
#   requires: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
#   needs_moat_input: true
package moat.rules.exposure.private_tier_reachable

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.private_subnets
import data.moat.lib.topology.sg_tiers

deny contains finding if {
	some region, _ in input.regions
	some x in net.exposures(region)
	x.via == "direct"
	why := _private(region, x)
	finding := object.union(result.fail(
		net.exposure_resource(region, x),
		sprintf("%s %s of a private tier (%s) is reachable from the internet on %s %s (%s): %s", [x.resource_type, x.resource_id, why, x.protocol, net.ports_text(x.ports), x.public_ip, net.path_text(x)]),
		sprintf("%s direct", [x.protocol]),
		object.union(net.exposure_path_evidence(x), {"private_because": why}),
	), {"exposure": "reachable"})
}

# Why the resource is in a private tier (the first reason that holds).
_private(_, x) := "a DB instance" if x.resource_type == "AWS::RDS::DBInstance"

_private(region, x) := sprintf("subnet %s", [x.subnet_id]) if {
	x.resource_type != "AWS::RDS::DBInstance"
	private_subnets.by_id[region][x.subnet_id]
}

_private(region, x) := sprintf("security group %s", [min(_private_groups(region, x))]) if {
	x.resource_type != "AWS::RDS::DBInstance"
	not private_subnets.by_id[region][x.subnet_id]
	count(_private_groups(region, x)) > 0
}

_private_groups(region, x) := {s.id |
	some s in x.path
	s.type == "security-group"
	some tier in sg_tiers.by_group[region][s.id]
	tier in data.moat.config.private_tiers
}
