# Load-balancer helpers: indexes by ARN and the public-facing test.
package moat.lib.elb

is_internet_facing(lb) if lb.Scheme == "internet-facing"

listener_resource(region, l) := {
	"id": l.ListenerArn,
	"type": "AWS::ElasticLoadBalancingV2::Listener",
	"region": region,
	"arn": l.ListenerArn,
}

lb_resource(region, lb) := {
	"id": object.get(lb, "LoadBalancerName", lb.LoadBalancerArn),
	"type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
	"region": region,
	"arn": lb.LoadBalancerArn,
}

# True when the listener's default action redirects to HTTPS.
redirects_to_https(l) if {
	some a in l.DefaultActions
	a.Type == "redirect"
	upper(object.get(a, ["RedirectConfig", "Protocol"], "")) == "HTTPS"
}
