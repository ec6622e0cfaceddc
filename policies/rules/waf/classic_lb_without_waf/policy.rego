# METADATA
# title: Internet-facing Classic Load Balancer cannot have a WAF
# description: |
#   An internet-facing Classic Load Balancer serves HTTP or HTTPS. A Classic Load Balancer
#   cannot take a WAF web ACL at all, so nothing filters SQL injection, XSS or floods in
#   front of it. It passes only when a CloudFront distribution with a web ACL uses the load
#   balancer's DNS name as an origin (fronted); the load balancer stays reachable directly,
#   so restrict its security group to CloudFront's prefix list as well.
#   SecureCart practice: WAF in front of every public web entry point.
# custom:
#   id: WAF008
#   practice: waf
#   severity: high
#   remediation: |
#     Replace the Classic Load Balancer with an Application Load Balancer and associate a web
#     ACL, or put a CloudFront distribution with a web ACL in front of it and allow only
#     CloudFront (com.amazonaws.global.cloudfront.origin-facing) in its security group.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::ElasticLoadBalancing::LoadBalancer"]
#   requires: ["elb:DescribeLoadBalancers", "cloudfront:ListDistributions"]
package moat.rules.waf.classic_lb_without_waf

import data.moat.lib.elb
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some lb in object.get(r, ["elb", "LoadBalancerDescriptions"], [])
	elb.classic_internet_facing(lb)
	web := {sprintf("%s:%d", [upper(d.Listener.Protocol), d.Listener.LoadBalancerPort]) |
		some d in object.get(lb, "ListenerDescriptions", [])
		upper(d.Listener.Protocol) in {"HTTP", "HTTPS"}
	}
	count(web) > 0
	not _fronted(lb)
	finding := result.fail(
		elb.classic_resource(region, lb),
		sprintf("internet-facing Classic Load Balancer %s serves %v and cannot take a WAF web ACL; no CloudFront distribution with a web ACL fronts it", [lb.LoadBalancerName, sort(web)]),
		"classic_lb_without_waf",
		{"web_listeners": sort(web), "dns_name": object.get(lb, "DNSName", "")},
	)
}

# A CloudFront distribution with a web ACL whose origin is this load balancer.
_fronted(lb) if {
	dns := lower(lb.DNSName)
	some d in object.get(input, ["global", "cloudfront", "Distributions"], [])
	object.get(d, "WebACLId", "") != ""
	some o in object.get(d, ["Origins", "Items"], [])
	lower(o.DomainName) in {dns, concat("", ["dualstack.", dns])}
}
