# by_group[region][group_id]: the tiers a security group is in (a collection to test with
# `in`: an array when precomputed, a set otherwise), from its tags, plus "web" for
# groups on internet-facing load balancers and "data" for groups on database instances.
package moat.lib.topology.sg_tiers

import data.moat.lib.vpc

# Precomputed by moat in Rust when present (see route_tables.rego).
by_group := {region: t.sg_tiers | some region, t in input.moat.topology} if {
	input.moat.topology
} else := {region: tiers |
	some region, r in input.regions
	lb_groups := {g |
		some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
		lb.Scheme == "internet-facing"
		some g in object.get(lb, "SecurityGroups", [])
	}
	db_groups := {g.VpcSecurityGroupId |
		some db in object.get(r, ["rds", "DBInstances"], [])
		some g in object.get(db, "VpcSecurityGroups", [])
	}
	tiers := {sg.GroupId: t |
		some sg in object.get(r, ["ec2", "SecurityGroups"], [])
		t := (vpc.tiers_of(object.get(sg, "Tags", [])) | {"web" | lb_groups[sg.GroupId]}) | {"data" | db_groups[sg.GroupId]}
	}
}

# The security groups of `tier` in a region (from moat's precomputed members when present).
in_tier(region, r, tier) := [r.ec2.SecurityGroups[i] | some i in input.moat.topology[region].tier_members[tier]] if {
	input.moat.topology
} else := [sg | some sg in object.get(r, ["ec2", "SecurityGroups"], []); tier in by_group[region][sg.GroupId]]
