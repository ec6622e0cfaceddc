# METADATA
# title: Private subnet routes straight to an internet gateway
# description: |
#   A subnet meant to be private (tagged as app or data tier) has a default route to an
#   internet gateway, or a private subnet has any route to an internet gateway. Its
#   instances can then be reached from, and reach, the internet directly instead of through
#   a NAT gateway in a public subnet. SecureCart practice: private subnets reach the
#   internet only through a NAT gateway, never straight through an internet gateway.
# custom:
#   id: NET001
#   practice: nat-egress
#   severity: high
#   remediation: |
#     Point the subnet's route table default route (0.0.0.0/0, and ::/0 via an egress-only
#     internet gateway for IPv6) at a NAT gateway in a public subnet, or associate the subnet
#     with the private route table of its VPC:
#     `aws ec2 replace-route --route-table-id <rtb> --destination-cidr-block 0.0.0.0/0
#     --nat-gateway-id <nat>`.
#   controls: ["CIS-AWS 5.6", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::Subnet"]
#   requires: ["ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.routing.private_subnet_via_internet_gateway

import data.moat.lib.result
import data.moat.lib.vpc
import data.moat.lib.topology.route_tables
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	some subnet_id, s in private_subnets.by_id[region]
	rt := route_tables.by_subnet[region][subnet_id]
	some route in rt.Routes
	target := route.GatewayId
	vpc.is_igw(target)
	dest := vpc.route_destination(route)
	finding := result.fail(
		vpc.subnet_resource(region, s),
		sprintf("private subnet %s routes %s to internet gateway %s (route table %s)", [subnet_id, dest, target, rt.RouteTableId]),
		sprintf("route %s -> %s", [dest, target]),
		{"route_table_id": rt.RouteTableId, "destination": dest, "target": target, "tiers": vpc.tiers_of(object.get(s, "Tags", []))},
	)
}
