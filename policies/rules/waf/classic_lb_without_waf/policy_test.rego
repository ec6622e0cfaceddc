package moat.rules.waf.classic_lb_without_waf_test

import data.moat.lib.result
import data.moat.rules.waf.classic_lb_without_waf as rule

lb := {"LoadBalancerName": "old", "DNSName": "old-123.us-east-1.elb.amazonaws.com", "Scheme": "internet-facing", "ListenerDescriptions": [{"Listener": {"Protocol": "HTTPS", "LoadBalancerPort": 443}}]}

doc(distributions) := {"regions": {"r": {"elb": {"LoadBalancerDescriptions": [lb]}}}, "global": {"cloudfront": {"Distributions": distributions}}}

cdn(origin, acl) := {"Id": "E1", "ARN": "arn:cf", "WebACLId": acl, "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": origin}]}, "DefaultCacheBehavior": {}}

test_unfronted_classic_lb_fails if {
	result.found(rule.deny) == {["r", "old", "classic_lb_without_waf"]} with input as doc([])
}

test_fronted_by_cloudfront_with_a_web_acl_passes if {
	count(rule.deny) == 0 with input as doc([cdn("old-123.us-east-1.elb.amazonaws.com", "arn:aws:wafv2:us-east-1:1:global/webacl/cdn/1")])
	count(rule.deny) == 0 with input as doc([cdn("dualstack.old-123.us-east-1.elb.amazonaws.com", "arn:aws:wafv2:us-east-1:1:global/webacl/cdn/1")])
}

test_fronted_by_cloudfront_without_a_web_acl_fails if {
	result.found(rule.deny) == {["r", "old", "classic_lb_without_waf"]} with input as doc([cdn("old-123.us-east-1.elb.amazonaws.com", "")])
}

test_tcp_only_is_out_of_scope if {
	d := {"regions": {"r": {"elb": {"LoadBalancerDescriptions": [object.union(lb, {"ListenerDescriptions": [{"Listener": {"Protocol": "TCP", "LoadBalancerPort": 5000}}]})]}}}}
	count(rule.deny) == 0 with input as d
}
