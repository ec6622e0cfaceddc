# by_arn[region][arn]: every load balancer by ARN.
package moat.lib.topology.load_balancers

by_arn := {region: {lb.LoadBalancerArn: lb | some lb in object.get(r, ["elbv2", "LoadBalancers"], [])} |
	some region, r in input.regions
}
