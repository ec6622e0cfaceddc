# METADATA
# title: Internet-facing ALB without a web ACL
# description: |
#   An internet-facing Application Load Balancer has no AWS WAF web ACL associated. Requests
#   reach the application without SQL-injection, cross-site-scripting or rate-limit
#   filtering. SecureCart practice: WAF in front of every ALB.
# custom:
#   id: WAF001
#   practice: waf
#   severity: high
#   remediation: |
#     Associate the load balancer with the region's web ACL:
#     `aws wafv2 associate-web-acl --web-acl-arn <acl> --resource-arn <alb>`.
#   controls: ["AWS-FSBP ELB.16", "PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::LoadBalancer"]
#   requires: ["elbv2:DescribeLoadBalancers", "wafv2:GetWebACLForResource"]
package moat.rules.waf.alb_without_web_acl

import data.moat.lib.elb
import data.moat.lib.result
import data.moat.lib.waf
import data.moat.lib.topology.web_acl_for

deny contains finding if {
	some region, r in input.regions
	some lb in r.elbv2.LoadBalancers
	lb.Type == "application"
	elb.is_internet_facing(lb)
	not web_acl_for.by_resource[region][lb.LoadBalancerArn]
	finding := result.fail(
		elb.lb_resource(region, lb),
		sprintf("internet-facing ALB %s has no WAF web ACL associated", [object.get(lb, "LoadBalancerName", lb.LoadBalancerArn)]),
		"web acl association",
		{"scheme": lb.Scheme},
	)
}
