# by_vpc[region][vpc_id]: the ids of a VPC's subnets, in snapshot order.
package moat.lib.topology.subnets_by_vpc

# Precomputed by moat in Rust when present (input.moat.index; see route_tables.rego).
by_vpc := {region: idx.subnets_by_vpc | some region, idx in input.moat.index} if {
	input.moat.index
} else := {region: {vpc_id: ids |
	some s in subnets
	vpc_id := s.VpcId
	ids := [x.SubnetId | some x in subnets; x.VpcId == vpc_id]
} |
	some region, r in input.regions
	subnets := object.get(r, ["ec2", "Subnets"], [])
}
