# METADATA
# title: Peering route wider than the peer VPC
# description: |
#   A route table sends a destination to a VPC peering connection that is not contained in
#   the peer VPC's CIDR blocks (for example 0.0.0.0/0 or a /8 to a pcx-). Least-privilege
#   peering routes only the peer's own ranges, and only to the subnets that need them.
# custom:
#   id: PEER001
#   severity: medium
#   remediation: |
#     Replace the route with routes for the peer VPC's CIDR blocks (or narrower):
#     `aws ec2 delete-route …` then `aws ec2 create-route --destination-cidr-block <peer-cidr>
#     --vpc-peering-connection-id <pcx>`.
#   controls: ["CIS-AWS 5.6", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::RouteTable"]
#   requires: ["ec2:DescribeRouteTables", "ec2:DescribeVpcPeeringConnections"]
package moat.rules.connectivity.peering_route_too_wide

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	peerings := {p.VpcPeeringConnectionId: p | some p in object.get(r.ec2, "VpcPeeringConnections", [])}
	some rt in r.ec2.RouteTables
	some route in rt.Routes
	pcx := route.VpcPeeringConnectionId
	dest := route.DestinationCidrBlock
	peer := _peer(peerings[pcx], rt.VpcId)
	cidrs := {c | some c in _cidrs(peer)}
	not _contained(cidrs, dest)
	finding := result.fail(
		{"id": rt.RouteTableId, "type": "AWS::EC2::RouteTable", "region": region, "arn": result.ec2_arn(region, "route-table", rt.RouteTableId)},
		sprintf("route table %s sends %s to peering %s, wider than the peer VPC %s (%v)", [rt.RouteTableId, dest, pcx, object.get(peer, "VpcId", "?"), sort(cidrs)]),
		sprintf("route %s -> %s", [dest, pcx]),
		{"destination": dest, "peering": pcx, "peer_cidrs": sort(cidrs)},
	)
}

_peer(p, vpc_id) := p.AccepterVpcInfo if p.RequesterVpcInfo.VpcId == vpc_id

_peer(p, vpc_id) := p.RequesterVpcInfo if p.RequesterVpcInfo.VpcId != vpc_id

_cidrs(info) := {c.CidrBlock | some c in object.get(info, "CidrBlockSet", [])} | {c | c := object.get(info, "CidrBlock", ""); c != ""}

_contained(cidrs, dest) if {
	some c in cidrs
	net.cidr_contains(c, dest)
}
