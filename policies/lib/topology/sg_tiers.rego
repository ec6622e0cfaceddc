# by_group[region][group_id]: the tiers a security group is in, a sorted array: from its
# tags, plus config.tiers.load_balancer_tier for groups on internet-facing load balancers
# and config.tiers.database_tier for groups on database instances.
package moat.lib.topology.sg_tiers

import data.moat.lib.topology.lb_groups
import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
by_group := {region: t.sg_tiers | some region, t in input.moat.topology} if {
	input.moat.topology
} else := {region: tiers |
	some region, r in input.regions
	lbs := object.get(lb_groups.ids, region, set())
	db_groups := {g.VpcSecurityGroupId |
		some db in object.get(r, ["rds", "DBInstances"], [])
		some g in object.get(db, "VpcSecurityGroups", [])
	}
	tiers := {sg.GroupId: sort(t) |
		some sg in object.get(r, ["ec2", "SecurityGroups"], [])
		t := (vpc.tiers_of(object.get(sg, "Tags", [])) | _lb_tier(lbs, sg.GroupId)) | _db_tier(db_groups, sg.GroupId)
	}
}

_lb_tier(groups, id) := {data.moat.config.tiers.load_balancer_tier | groups[id]}

_db_tier(groups, id) := {data.moat.config.tiers.database_tier | groups[id]}

# The security groups of `tier` in a region (from moat's precomputed members when present).
in_tier(region, r, tier) := [r.ec2.SecurityGroups[i] | some i in input.moat.topology[region].tier_members[tier]] if {
	input.moat.topology
} else := [sg | some sg in object.get(r, ["ec2", "SecurityGroups"], []); tier in by_group[region][sg.GroupId]]
