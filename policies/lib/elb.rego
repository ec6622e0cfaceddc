# Load-balancer helpers: indexes by ARN and the public-facing test.
package moat.lib.elb

import data.moat.lib.elb_ssl_policies

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

# The TLS protocols a security policy enables: as the snapshot's `elbv2.SslPolicies` for the
# region lists them (DescribeSSLPolicies), else as moat's table of AWS's predefined policies
# (policies/lib/elb_ssl_policies.rego). Undefined for a policy neither knows.
policy_protocols(region, name) := protocols if {
	protocols := _collected_policies(region)[name]
}

policy_protocols(region, name) := protocols if {
	not _collected_policies(region)[name]
	protocols := elb_ssl_policies.protocols[name]
}

_collected_policies(region) := {p.Name: object.get(p, "SslProtocols", []) |
	some p in object.get(input.regions[region], ["elbv2", "SslPolicies"], [])
}

# A Classic Load Balancer as a finding's resource.
classic_resource(region, lb) := {
	"id": lb.LoadBalancerName,
	"type": "AWS::ElasticLoadBalancing::LoadBalancer",
	"region": region,
	"arn": sprintf("arn:%s:elasticloadbalancing:%s:%s:loadbalancer/%s", [object.get(input, ["account", "partition"], "aws"), region, object.get(input, ["account", "id"], ""), lb.LoadBalancerName]),
}

classic_internet_facing(lb) if object.get(lb, "Scheme", "") == "internet-facing"

# The ciphers a security policy enables, as the snapshot's `elbv2.SslPolicies` lists them;
# empty when the snapshot does not list them (the shipped table holds protocols only).
policy_ciphers(region, name) := [c.Name |
	some p in object.get(input.regions[region], ["elbv2", "SslPolicies"], [])
	p.Name == name
	some c in object.get(p, "Ciphers", [])
]

# The ciphers of `ciphers` that match one of `tls_weak_ciphers`, sorted.
weak_ciphers(ciphers) := sort([c |
	some c in ciphers
	some pattern in data.moat.config.tls_weak_ciphers
	contains(upper(c), upper(pattern))
])

# "TLSv1, TLSv1.1 (allowed: TLSv1.2, TLSv1.3)", "weak cipher(s) DES-CBC3-SHA", or both.
outdated_text(old, weak) := concat("; ", array.concat(
	[sprintf("%s (allowed: %s)", [concat(", ", old), concat(", ", data.moat.config.tls_allowed_protocols)]) | count(old) > 0],
	[sprintf("weak cipher(s) %s", [concat(", ", weak)]) | count(weak) > 0],
))
