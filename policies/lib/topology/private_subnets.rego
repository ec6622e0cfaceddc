# by_id[region][subnet_id]: the private subnets, those meant to be private (app or data tier
# tags) and every subnet that is not public. A subnet with no route table in force in the
# snapshot (no explicit association, no main table of its VPC) has unknown routing: it is
# private only when tagged so, never by default.
package moat.lib.topology.private_subnets

import data.moat.lib.topology.public_subnets
import data.moat.lib.topology.route_tables
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
by_id := {region: {sid: subnets[i] | some sid, i in t.private_subnets} |
	some region, t in input.moat.topology
	subnets := input.regions[region].ec2.Subnets
} if {
	input.moat.topology
} else := {region: {s.SubnetId: s | some s in object.get(r, ["ec2", "Subnets"], []); _private(public, tables, s)} |
	some region, r in input.regions
	public := object.get(public_subnets.ids, region, set())
	tables := object.get(route_tables.by_subnet, region, {})
}

_private(_, _, subnet) if vpc.intended_private(subnet)

_private(public, tables, subnet) if {
	tables[subnet.SubnetId]
	not public[subnet.SubnetId]
}
