package moat.rules.connectivity.peering_route_too_wide_test

import data.moat.lib.result
import data.moat.rules.connectivity.peering_route_too_wide as rule

doc(dest) := {"regions": {"r": {"ec2": {
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-a", "Routes": [{"DestinationCidrBlock": dest, "VpcPeeringConnectionId": "pcx-1"}]}],
	"VpcPeeringConnections": [{
		"VpcPeeringConnectionId": "pcx-1",
		"RequesterVpcInfo": {"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"},
		"AccepterVpcInfo": {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16", "CidrBlockSet": [{"CidrBlock": "10.1.0.0/16"}]},
	}],
}}}}

test_default_route_to_peer_fails if {
	result.found(rule.deny) == {["r", "rtb-1", "route 0.0.0.0/0 -> pcx-1"]} with input as doc("0.0.0.0/0")
}

test_wider_than_peer_fails if {
	result.found(rule.deny) == {["r", "rtb-1", "route 10.0.0.0/8 -> pcx-1"]} with input as doc("10.0.0.0/8")
}

test_peer_cidr_passes if {
	count(rule.deny) == 0 with input as doc("10.1.0.0/16")
}

test_narrower_passes if {
	count(rule.deny) == 0 with input as doc("10.1.20.0/24")
}

with_route(route, lists) := {"regions": {"r": {"ec2": {
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-a", "Routes": [object.union(route, {"VpcPeeringConnectionId": "pcx-1"})]}],
	"ManagedPrefixLists": lists,
	"VpcPeeringConnections": [{
		"VpcPeeringConnectionId": "pcx-1",
		"RequesterVpcInfo": {"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"},
		"AccepterVpcInfo": {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16", "Ipv6CidrBlockSet": [{"Ipv6CidrBlock": "2600:1f18:aa::/56"}]},
	}],
}}}}

test_ipv6_default_route_to_peer_fails if {
	result.found(rule.deny) == {["r", "rtb-1", "route ::/0 -> pcx-1"]} with input as with_route({"DestinationIpv6CidrBlock": "::/0"}, [])
}

test_ipv6_peer_cidr_passes if {
	count(rule.deny) == 0 with input as with_route({"DestinationIpv6CidrBlock": "2600:1f18:aa:1::/64"}, [])
}

test_prefix_list_with_an_entry_outside_the_peer_fails if {
	findings := rule.deny with input as with_route({"DestinationPrefixListId": "pl-1"}, [{"PrefixListId": "pl-1", "Entries": [{"Cidr": "10.1.2.0/24"}, {"Cidr": "10.9.0.0/16"}]}])
	result.found(findings) == {["r", "rtb-1", "route pl-1 -> pcx-1"]}
	some f in findings
	f.evidence.outside_peer == ["10.9.0.0/16"]
}

test_prefix_list_inside_the_peer_passes if {
	count(rule.deny) == 0 with input as with_route({"DestinationPrefixListId": "pl-1"}, [{"PrefixListId": "pl-1", "Entries": [{"Cidr": "10.1.2.0/24"}]}])
}

test_prefix_list_without_entries_cannot_be_judged if {
	findings := rule.deny with input as with_route({"DestinationPrefixListId": "pl-1"}, [{"PrefixListId": "pl-1"}])
	result.found(findings) == {["r", "rtb-1", "route pl-1 -> pcx-1"]}
	some f in findings
	f.severity == "info"
}
