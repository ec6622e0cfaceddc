# METADATA
# title: HTTP listener does not redirect to HTTPS
# description: |
#   An internet-facing load balancer has an HTTP listener whose default action serves
#   traffic (forward, fixed response, …) instead of redirecting to HTTPS. Requests and
#   cookies then cross the internet in clear text. SecureCart practice: HTTPS only, HTTP
#   only as a redirect.
# custom:
#   id: TLS001
#   practice: https-only
#   severity: high
#   remediation: |
#     Change the listener's default action to a redirect to HTTPS (port 443, status
#     HTTP_301) and serve the application from an HTTPS listener:
#     `aws elbv2 modify-listener --listener-arn <arn> --default-actions
#     'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'`.
#   controls: ["AWS-FSBP ELB.1", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::Listener"]
#   requires: ["elbv2:DescribeLoadBalancers", "elbv2:DescribeListeners"]
package moat.rules.tls.http_listener_without_redirect

import data.moat.lib.elb
import data.moat.lib.result
import data.moat.lib.topology.load_balancers

deny contains finding if {
	some region, r in input.regions
	some l in r.elbv2.Listeners
	upper(l.Protocol) == "HTTP"
	lb := load_balancers.by_arn[region][l.LoadBalancerArn]
	elb.is_internet_facing(lb)
	not elb.redirects_to_https(l)
	actions := [a.Type | some a in l.DefaultActions]
	finding := result.fail(
		elb.listener_resource(region, l),
		sprintf("HTTP listener on port %d of internet-facing load balancer %s does not redirect to HTTPS (default action: %s)", [l.Port, object.get(lb, "LoadBalancerName", lb.LoadBalancerArn), concat(", ", actions)]),
		sprintf("listener HTTP:%d", [l.Port]),
		{"port": l.Port, "protocol": l.Protocol, "default_actions": actions, "load_balancer_arn": l.LoadBalancerArn},
	)
}
