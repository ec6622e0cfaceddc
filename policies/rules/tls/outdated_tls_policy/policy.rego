# METADATA
# title: HTTPS/TLS listener with an outdated TLS policy
# description: |
#   A load balancer's HTTPS or TLS listener uses a security policy that is not one of the
#   TLS 1.2+ policies in `minimum_tls_policies` (for example ELBSecurityPolicy-2016-08, which
#   still accepts TLS 1.0 and 1.1 and weak ciphers). SecureCart practice: modern TLS policies.
# custom:
#   id: TLS002
#   severity: high
#   remediation: |
#     Switch the listener to a TLS 1.2+ policy, preferably ELBSecurityPolicy-TLS13-1-2-2021-06:
#     `aws elbv2 modify-listener --listener-arn <arn> --ssl-policy
#     ELBSecurityPolicy-TLS13-1-2-2021-06`.
#   controls: ["AWS-FSBP ELB.17", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::Listener"]
#   requires: ["elbv2:DescribeListeners"]
package moat.rules.tls.outdated_tls_policy

import data.moat.lib.elb
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some l in r.elbv2.Listeners
	upper(l.Protocol) in {"HTTPS", "TLS"}
	policy := object.get(l, "SslPolicy", "(none)")
	not policy in data.moat.config.minimum_tls_policies
	finding := result.fail(
		elb.listener_resource(region, l),
		sprintf("%s listener on port %d uses TLS policy %s, which allows protocols or ciphers older than TLS 1.2", [l.Protocol, l.Port, policy]),
		sprintf("listener %s:%d policy", [l.Protocol, l.Port]),
		{"ssl_policy": policy, "port": l.Port, "load_balancer_arn": l.LoadBalancerArn},
	)
}
