# ids[region]: security groups attached to internet-facing load balancers.
package moat.lib.topology.lb_groups

ids := {region: {g |
	some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
	lb.Scheme == "internet-facing"
	some g in object.get(lb, "SecurityGroups", [])
} |
	some region, r in input.regions
}
