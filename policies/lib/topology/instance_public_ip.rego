# by_instance[region][instance_id]: the public IPv4 address of each instance that has one.
package moat.lib.topology.instance_public_ip

# Precomputed by moat in Rust when present (input.moat.index; see route_tables.rego).
by_instance := {region: idx.instance_public_ip | some region, idx in input.moat.index} if {
	input.moat.index
} else := {region: {i.InstanceId: i.PublicIpAddress |
	some res in object.get(r, ["ec2", "Reservations"], [])
	some i in object.get(res, "Instances", [])
	i.PublicIpAddress
} |
	some region, r in input.regions
}
