package moat.rules.tls.http_listener_without_redirect_test

import data.moat.lib.result
import data.moat.rules.tls.http_listener_without_redirect as rule

lb_arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"

doc(scheme, action) := {"regions": {"us-east-1": {"elbv2": {
	"LoadBalancers": [{"LoadBalancerArn": lb_arn, "LoadBalancerName": "web", "Scheme": scheme, "Type": "application"}],
	"Listeners": [{"ListenerArn": "arn:l1", "LoadBalancerArn": lb_arn, "Port": 80, "Protocol": "HTTP", "DefaultActions": [action]}],
}}}}

test_forward_on_http_fails if {
	result.found(rule.deny) == {["us-east-1", "arn:l1", "listener HTTP:80"]} with input as doc("internet-facing", {"Type": "forward", "TargetGroupArn": "arn:tg"})
}

test_redirect_to_https_passes if {
	count(rule.deny) == 0 with input as doc("internet-facing", {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}})
}

test_redirect_to_http_fails if {
	result.found(rule.deny) == {["us-east-1", "arn:l1", "listener HTTP:80"]} with input as doc("internet-facing", {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP", "Port": "8080", "StatusCode": "HTTP_301"}})
}

test_internal_lb_is_out_of_scope if {
	count(rule.deny) == 0 with input as doc("internal", {"Type": "forward", "TargetGroupArn": "arn:tg"})
}
