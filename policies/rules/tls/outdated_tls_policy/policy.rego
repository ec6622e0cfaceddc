# METADATA
# title: HTTPS/TLS listener with an outdated TLS policy
# description: |
#   A load balancer's HTTPS or TLS listener uses a security policy that enables a protocol
#   outside `tls_allowed_protocols` (TLS 1.2 and 1.3): for example ELBSecurityPolicy-2016-08,
#   the API's default, or ELBSecurityPolicy-TLS13-1-0-2021-06, which despite its name still
#   accepts TLS 1.0 and 1.1; or, where the snapshot lists the policy's ciphers, enables a
#   cipher matching `tls_weak_ciphers` (RC4, 3DES, NULL, export, MD5). A policy is judged by
#   the protocols it enables: those the
#   snapshot's `elbv2.SslPolicies` lists (collected with DescribeSSLPolicies), else moat's
#   table of AWS's predefined policies. A policy known to neither is reported at info as
#   "cannot judge", with its name, never as outdated or as fine. SecureCart practice: modern
#   TLS policies.
# custom:
#   id: TLS002
#   practice: modern-tls
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
	policy := object.get(l, "SslPolicy", "")
	protocols := elb.policy_protocols(region, policy)
	old := sort([p | some p in protocols; not p in data.moat.config.tls_allowed_protocols])
	weak := elb.weak_ciphers(elb.policy_ciphers(region, policy))
	count(old) + count(weak) > 0
	finding := result.fail(
		elb.listener_resource(region, l),
		sprintf("%s listener on port %d uses TLS policy %s, which enables %s", [l.Protocol, l.Port, policy, elb.outdated_text(old, weak)]),
		sprintf("listener %s:%d policy", [l.Protocol, l.Port]),
		{"ssl_policy": policy, "ssl_protocols": sort(protocols), "outdated_protocols": old, "weak_ciphers": weak, "port": l.Port, "load_balancer_arn": l.LoadBalancerArn},
	)
}

# A policy neither the snapshot nor moat's table knows: what it enables cannot be judged.
deny contains finding if {
	some region, r in input.regions
	some l in r.elbv2.Listeners
	upper(l.Protocol) in {"HTTPS", "TLS"}
	policy := object.get(l, "SslPolicy", "")
	not elb.policy_protocols(region, policy)
	finding := result.fail_with_severity(
		elb.listener_resource(region, l),
		sprintf("cannot judge the TLS policy %q of the %s listener on port %d: it is neither in the snapshot's SslPolicies nor in moat's table of AWS's policies", [policy, l.Protocol, l.Port]),
		sprintf("listener %s:%d policy", [l.Protocol, l.Port]),
		{"ssl_policy": policy, "port": l.Port, "load_balancer_arn": l.LoadBalancerArn},
		"info",
	)
}
