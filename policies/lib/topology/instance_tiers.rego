# by_instance[region][instance_id]: the tiers an instance is in, a sorted array: from its
# own tags, its subnet's tags and its security groups' tiers. Instances in no tier are absent.
package moat.lib.topology.instance_tiers

import data.moat.lib.topology.sg_tiers
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
by_instance := {region: t.instance_tiers | some region, t in input.moat.topology} if {
	input.moat.topology
} else := {region: tiers |
	some region, r in input.regions
	subnets := {s.SubnetId: s | some s in object.get(r, ["ec2", "Subnets"], [])}
	tiers := {i.InstanceId: sort(t) |
		some res in object.get(r, ["ec2", "Reservations"], [])
		some i in object.get(res, "Instances", [])
		own := vpc.tiers_of(object.get(i, "Tags", [])) | vpc.tiers_of(object.get(subnets, [object.get(i, "SubnetId", ""), "Tags"], []))
		t := own | {x |
			some g in object.get(i, "SecurityGroups", [])
			some x in object.get(sg_tiers.by_group, [region, g.GroupId], [])
		}
		count(t) > 0
	}
}
