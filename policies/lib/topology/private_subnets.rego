# by_id[region][subnet_id]: the private subnets, those meant to be private (app or data tier
# tags) and every subnet that is not public.
package moat.lib.topology.private_subnets

import data.moat.lib.topology.public_subnets
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
by_id := {region: {sid: subnets[i] | some sid, i in t.private_subnets} |
	some region, t in input.moat.topology
	subnets := input.regions[region].ec2.Subnets
} if {
	input.moat.topology
} else := {region: {s.SubnetId: s | some s in object.get(r, ["ec2", "Subnets"], []); _private(public, s)} |
	some region, r in input.regions
	public := object.get(public_subnets.ids, region, set())
}

_private(_, subnet) if vpc.intended_private(subnet)

_private(public, subnet) if not public[subnet.SubnetId]
