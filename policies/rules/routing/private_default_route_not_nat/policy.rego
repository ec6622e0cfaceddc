# METADATA
# title: Private subnet's default route does not go to a NAT gateway
# description: |
#   A private subnet's default route (0.0.0.0/0, or ::/0) points at something other than a
#   NAT gateway or a transit gateway (`private_default_route_targets`; for IPv6 also an
#   egress-only internet gateway, IPv6's private egress): an instance, a network interface,
#   a peering connection or a virtual private gateway. Self-managed NAT instances
#   and ad-hoc targets bypass the managed, monitored egress path. Routes to an internet
#   gateway are reported by NET001.
# custom:
#   id: NET002
#   practice: nat-egress
#   severity: medium
#   remediation: |
#     Point the default route at a NAT gateway in a public subnet (or the transit gateway
#     of a central egress VPC): `aws ec2 replace-route --route-table-id <rtb>
#     --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat>`.
#   controls: ["PCI-DSS-4.0 1.3.2", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::Subnet"]
#   requires: ["ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.routing.private_default_route_not_nat

import data.moat.lib.result
import data.moat.lib.vpc
import data.moat.lib.topology.route_tables
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	some subnet_id, s in private_subnets.by_id[region]
	rt := route_tables.by_subnet[region][subnet_id]
	some route in rt.Routes
	vpc.is_default_route(route)
	not startswith(object.get(route, "NatGatewayId", ""), "nat-")
	target := vpc.route_target(route)
	not vpc.is_igw(target)
	dest := vpc.route_destination(route)
	not _allowed(dest, target)
	finding := result.fail(
		vpc.subnet_resource(region, s),
		sprintf("private subnet %s sends its default route (%s) to %s instead of a NAT gateway (route table %s)", [subnet_id, dest, target, rt.RouteTableId]),
		_element(dest, target),
		{"route_table_id": rt.RouteTableId, "target": target, "destination": dest},
	)
}

# The IPv4 element keeps its original form, so existing fingerprints stay.
_element("0.0.0.0/0", target) := sprintf("route 0.0.0.0/0 -> %s", [target])

_element(dest, target) := sprintf("route %s -> %s", [dest, target]) if dest != "0.0.0.0/0"

_allowed(_, target) if {
	some prefix in data.moat.config.private_default_route_targets
	startswith(target, prefix)
}

# IPv6 has no NAT gateway: an egress-only internet gateway is its private egress.
_allowed("::/0", target) if startswith(target, "eigw-")
