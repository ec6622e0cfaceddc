# Shield helpers: the critical edges (internet-facing load balancers and CloudFront
# distributions tagged as critical, per data.moat.config.critical_tag).
package moat.lib.shield

import data.moat.lib.elb

_critical(tags) if {
	some t in tags
	t.Key == data.moat.config.critical_tag.key
	lower(t.Value) in data.moat.config.critical_tag.values
}

critical_edges contains [region, resource] if {
	some region, r in input.regions
	some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
	elb.is_internet_facing(lb)
	_critical(object.get(lb, "Tags", []))
	resource := elb.lb_resource(region, lb)
}

critical_edges contains ["global", resource] if {
	some d in object.get(input, ["global", "cloudfront", "Distributions"], [])
	_critical(object.get(d, "Tags", []))
	resource := {"id": d.Id, "type": "AWS::CloudFront::Distribution", "region": "global", "arn": d.ARN}
}

subscribed if input.global.shield.SubscriptionState == "ACTIVE"

protected contains p.ResourceArn if {
	some p in object.get(input, ["global", "shield", "Protections"], [])
}
