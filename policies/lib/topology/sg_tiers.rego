# by_group[region][group_id]: the tiers a security group is in, from its tags, plus "web" for
# groups on internet-facing load balancers and "data" for groups on database instances.
package moat.lib.topology.sg_tiers

import data.moat.lib.vpc

by_group := {region: tiers |
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
