# by_subnet[region][subnet_id]: the route table in force for each subnet, i.e. its explicit
# association, else the main route table of its VPC.
package moat.lib.topology.route_tables

# moat precomputes this index in Rust (input.moat.topology); the Rego below is the
# definition, used when the input does not carry it (OPA, unit tests), and a test checks
# that both agree.
by_subnet := {region: {sid: tables[i] | some sid, i in t.route_table_of} |
	some region, t in input.moat.topology
	tables := input.regions[region].ec2.RouteTables
} if {
	input.moat.topology
} else := {region: idx |
	some region, r in input.regions
	tables := object.get(r, ["ec2", "RouteTables"], [])
	explicit := {a.SubnetId: rt | some rt in tables; some a in object.get(rt, "Associations", []); a.SubnetId}
	main := {rt.VpcId: rt | some rt in tables; some a in object.get(rt, "Associations", []); a.Main == true}
	idx := {s.SubnetId: rt |
		some s in object.get(r, ["ec2", "Subnets"], [])
		rt := object.get(explicit, s.SubnetId, object.get(main, s.VpcId, null))
		rt != null
	}
}
