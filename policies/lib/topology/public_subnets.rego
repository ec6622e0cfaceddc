# ids[region]: the public subnets, those whose route table sends traffic for some public
# destination (outside config.address_space.private_ranges) to an internet gateway: a
# default route, two halves (0.0.0.0/1 + 128.0.0.0/1), a public range, IPv4 or IPv6, a
# CIDR or a prefix list alike. A route through a prefix list whose entries the snapshot
# lacks counts (its destinations are unknown).
#
# moat computes this in Rust by longest-prefix match (input.moat.topology). This Rego
# definition, used under a plain Rego engine, differs in one case: a route to an internet
# gateway whose public destinations more specific routes all take elsewhere still counts
# here (Rego has no CIDR subtraction); docs/input-moat.md says so.
package moat.lib.topology.public_subnets

import data.moat.lib.topology.route_tables
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
ids := {region: {sid | some sid, _ in t.public_subnets} | some region, t in input.moat.topology} if {
	input.moat.topology
} else := {region: public |
	some region, idx in route_tables.by_subnet
	lists := {pl.PrefixListId: pl | some pl in object.get(input.regions[region], ["ec2", "ManagedPrefixLists"], [])}
	public := {sid | some sid, rt in idx; _public_to_igw(rt, lists)}
}

_public_to_igw(rt, lists) if {
	some route in object.get(rt, "Routes", [])
	vpc.is_igw(vpc.route_target(route))
	lower(object.get(route, "State", "active")) != "blackhole"
	_public_destination(route, lists)
}

_public_destination(route, _) if _public(route.DestinationCidrBlock)

_public_destination(route, _) if _public(route.DestinationIpv6CidrBlock)

_public_destination(route, lists) if {
	some entry in lists[route.DestinationPrefixListId].Entries
	_public(entry.Cidr)
}

_public_destination(route, lists) if {
	id := route.DestinationPrefixListId
	not lists[id].Entries
}

_public(cidr) if {
	net.cidr_is_valid(cidr)
	not _private(cidr)
}

_private(cidr) if {
	some range in data.moat.config.address_space.private_ranges
	_same_family(range, cidr)
	net.cidr_contains(range, cidr)
}

_same_family(a, b) if contains(a, ":") == contains(b, ":")
