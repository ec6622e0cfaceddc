# METADATA
# title: Classic Load Balancer listener with an outdated TLS policy
# description: |
#   An HTTPS or SSL listener of a Classic Load Balancer negotiates a protocol outside
#   `tls_allowed_protocols` (TLS 1.2 and 1.3). The listener's SSL negotiation policy (the
#   policy of type SSLNegotiationPolicyType among its PolicyNames) is judged by the
#   `Protocol-…` attributes it sets to true, as DescribeLoadBalancerPolicies returns them;
#   a cipher it sets to true that matches `tls_weak_ciphers` (RC4, 3DES, NULL, export, MD5)
#   fails too. When those were not read, a predefined policy name (ELBSecurityPolicy-…) is
#   judged by moat's table of AWS's policies. A listener whose policy neither tells is reported at info
#   as "cannot judge". SecureCart practice: modern TLS policies.
# custom:
#   id: TLS008
#   practice: modern-tls
#   severity: high
#   remediation: |
#     Give the listener a TLS 1.2 policy, e.g. `aws elb set-load-balancer-policies-of-listener
#     --load-balancer-name <name> --load-balancer-port 443 --policy-names <policy>` with a
#     policy created from ELBSecurityPolicy-TLS-1-2-2017-01, or move to an Application Load
#     Balancer.
#   controls: ["AWS-FSBP ELB.8", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancing::LoadBalancer"]
#   requires: ["elb:DescribeLoadBalancers"]
package moat.rules.tls.classic_lb_outdated_tls

import data.moat.lib.elb
import data.moat.lib.elb_ssl_policies
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some lb in object.get(r, ["elb", "LoadBalancerDescriptions"], [])
	some d in object.get(lb, "ListenerDescriptions", [])
	protocol := upper(d.Listener.Protocol)
	protocol in {"HTTPS", "SSL"}
	port := d.Listener.LoadBalancerPort
	[policy, protocols] := _policy(lb, d)
	old := sort([p | some p in protocols; not p in data.moat.config.tls_allowed_protocols])
	weak := elb.weak_ciphers(_ciphers(lb, policy))
	count(old) + count(weak) > 0
	finding := result.fail(
		elb.classic_resource(region, lb),
		sprintf("Classic Load Balancer %s's %s listener on port %d uses SSL negotiation policy %s, which enables %s", [lb.LoadBalancerName, protocol, port, policy, elb.outdated_text(old, weak)]),
		sprintf("listener %s:%d policy", [protocol, port]),
		{"policy": policy, "ssl_protocols": sort(protocols), "outdated_protocols": old, "weak_ciphers": weak, "port": port},
	)
}

deny contains finding if {
	some region, r in input.regions
	some lb in object.get(r, ["elb", "LoadBalancerDescriptions"], [])
	some d in object.get(lb, "ListenerDescriptions", [])
	protocol := upper(d.Listener.Protocol)
	protocol in {"HTTPS", "SSL"}
	port := d.Listener.LoadBalancerPort
	not _policy(lb, d)
	finding := result.fail_with_severity(
		elb.classic_resource(region, lb),
		sprintf("cannot judge the TLS settings of Classic Load Balancer %s's %s listener on port %d: its policies %v were not read and name no predefined policy moat knows", [lb.LoadBalancerName, protocol, port, object.get(d, "PolicyNames", [])]),
		sprintf("listener %s:%d policy", [protocol, port]),
		{"policy_names": object.get(d, "PolicyNames", []), "port": port},
		"info",
	)
}

# [policy name, enabled protocols] of a listener: from the SSL negotiation policy as read.
_policy(lb, d) := [pd.PolicyName, protocols] if {
	some pd in object.get(lb, "PolicyDescriptions", [])
	pd.PolicyName in object.get(d, "PolicyNames", [])
	pd.PolicyTypeName == "SSLNegotiationPolicyType"
	protocols := [trim_prefix(a.AttributeName, "Protocol-") |
		some a in object.get(pd, "PolicyAttributeDescriptions", [])
		startswith(a.AttributeName, "Protocol-")
		lower(object.get(a, "AttributeValue", "")) == "true"
	]
}

# Else from a predefined policy the listener names, by moat's table.
_policy(lb, d) := [name, elb_ssl_policies.protocols[name]] if {
	not _negotiation_policy_read(lb, d)
	some name in object.get(d, "PolicyNames", [])
	elb_ssl_policies.protocols[name]
}

# The ciphers a negotiation policy as read sets to true (every attribute that is not a
# protocol, an option or the reference policy is a cipher).
_ciphers(lb, policy) := [a.AttributeName |
	some pd in object.get(lb, "PolicyDescriptions", [])
	pd.PolicyName == policy
	some a in object.get(pd, "PolicyAttributeDescriptions", [])
	not startswith(a.AttributeName, "Protocol-")
	not a.AttributeName in {"Reference-Security-Policy", "Server-Defined-Cipher-Order"}
	lower(object.get(a, "AttributeValue", "")) == "true"
]

_negotiation_policy_read(lb, d) if {
	some pd in object.get(lb, "PolicyDescriptions", [])
	pd.PolicyName in object.get(d, "PolicyNames", [])
	pd.PolicyTypeName == "SSLNegotiationPolicyType"
}
