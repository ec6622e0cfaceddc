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
