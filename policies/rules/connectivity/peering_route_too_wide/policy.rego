# METADATA
# title: Peering route wider than the peer VPC
# description: |
#   A route table sends a destination to a VPC peering connection that is not contained in
#   the peer VPC's CIDR blocks (for example 0.0.0.0/0 or a /8 to a pcx-). Least-privilege
#   peering routes only the peer's own ranges, and only to the subnets that need them.
# custom:
#   id: PEER001
#   practice: segmentation
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
import data.moat.lib.vpc

deny contains finding if {
	some region, r in input.regions
	peerings := {p.VpcPeeringConnectionId: p | some p in object.get(r.ec2, "VpcPeeringConnections", [])}
	lists := {pl.PrefixListId: pl | some pl in object.get(r.ec2, "ManagedPrefixLists", [])}
	some rt in r.ec2.RouteTables
	some route in rt.Routes
	pcx := route.VpcPeeringConnectionId
	dest := vpc.route_destination(route)
	peer := _peer(peerings[pcx], rt.VpcId)
	cidrs := _cidrs(peer)
	destinations := _destinations(route, lists)
	wide := {d | some d in destinations; not _contained(cidrs, d)}
	count(wide) > 0
	finding := result.fail(
		{"id": rt.RouteTableId, "type": "AWS::EC2::RouteTable", "region": region, "arn": result.ec2_arn(region, "route-table", rt.RouteTableId)},
		sprintf("route table %s sends %s to peering %s, wider than the peer VPC %s (%v)%s", [rt.RouteTableId, dest, pcx, object.get(peer, "VpcId", "?"), sort(cidrs), _through(route, wide)]),
		sprintf("route %s -> %s", [dest, pcx]),
		{"destination": dest, "peering": pcx, "peer_cidrs": sort(cidrs), "outside_peer": sort(wide)},
	)
}

# A route through a prefix list whose entries the snapshot lacks: which addresses it sends
# to the peer cannot be judged (info), never read as narrow enough.
deny contains finding if {
	some region, r in input.regions
	lists := {pl.PrefixListId: pl | some pl in object.get(r.ec2, "ManagedPrefixLists", [])}
	some rt in r.ec2.RouteTables
	some route in rt.Routes
	pcx := route.VpcPeeringConnectionId
	id := route.DestinationPrefixListId
	not lists[id].Entries
	finding := result.fail_with_severity(
		{"id": rt.RouteTableId, "type": "AWS::EC2::RouteTable", "region": region, "arn": result.ec2_arn(region, "route-table", rt.RouteTableId)},
		sprintf("cannot judge route table %s's route to peering %s: the snapshot does not hold the entries of prefix list %s", [rt.RouteTableId, pcx, id]),
		sprintf("route %s -> %s", [id, pcx]),
		{"destination": id, "peering": pcx},
		"info",
	)
}

_peer(p, vpc_id) := p.AccepterVpcInfo if p.RequesterVpcInfo.VpcId == vpc_id

_peer(p, vpc_id) := p.RequesterVpcInfo if p.RequesterVpcInfo.VpcId != vpc_id

# The peer's IPv4 and IPv6 CIDRs.
_cidrs(info) := (({c.CidrBlock | some c in object.get(info, "CidrBlockSet", [])} | {c | c := object.get(info, "CidrBlock", ""); c != ""}) | {c.Ipv6CidrBlock | some c in object.get(info, "Ipv6CidrBlockSet", [])})

# A route's destinations: its IPv4 or IPv6 CIDR, or its prefix list's entries.
_destinations(route, _) := {route.DestinationCidrBlock} if route.DestinationCidrBlock

_destinations(route, _) := {route.DestinationIpv6CidrBlock} if route.DestinationIpv6CidrBlock

_destinations(route, lists) := {e.Cidr | some e in lists[route.DestinationPrefixListId].Entries} if {
	not route.DestinationCidrBlock
	not route.DestinationIpv6CidrBlock
	route.DestinationPrefixListId
}

_through(route, wide) := sprintf("; prefix list entries outside it: %v", [sort(wide)]) if route.DestinationPrefixListId

_through(route, _) := "" if not route.DestinationPrefixListId

_contained(cidrs, dest) if {
	some c in cidrs
	contains(c, ":") == contains(dest, ":")
	net.cidr_contains(c, dest)
}
