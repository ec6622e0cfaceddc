# ids[region]: the public subnets, those whose route table sends a default route (0.0.0.0/0
# or ::/0) to an internet gateway.
package moat.lib.topology.public_subnets

import data.moat.lib.topology.route_tables
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
ids := {region: {sid | some sid, _ in t.public_subnets} | some region, t in input.moat.topology} if {
	input.moat.topology
} else := {region: public |
	some region, idx in route_tables.by_subnet
	public := {sid | some sid, rt in idx; _default_to_igw(rt)}
}

_default_to_igw(rt) if {
	some route in object.get(rt, "Routes", [])
	vpc.is_default_route(route)
	vpc.is_igw(vpc.route_target(route))
}
