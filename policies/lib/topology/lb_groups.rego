# ids[region]: security groups attached to internet-facing load balancers: Application and
# Network Load Balancers, and Classic Load Balancers.
package moat.lib.topology.lb_groups

ids := {region: groups |
	some region, r in input.regions
	groups := _v2(r) | _classic(r)
}

_v2(r) := {g |
	some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
	lb.Scheme == "internet-facing"
	some g in object.get(lb, "SecurityGroups", [])
}

_classic(r) := {g |
	some lb in object.get(r, ["elb", "LoadBalancerDescriptions"], [])
	object.get(lb, "Scheme", "") == "internet-facing"
	some g in object.get(lb, "SecurityGroups", [])
}
