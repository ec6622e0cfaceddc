# by_subnet[region][subnet_id]: the route table in force for each subnet, i.e. its explicit
# association, else the main route table of its VPC.
package moat.lib.topology.route_tables

by_subnet := {region: idx |
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
