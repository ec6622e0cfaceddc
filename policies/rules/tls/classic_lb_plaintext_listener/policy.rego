# METADATA
# title: Classic Load Balancer serves plaintext to the internet
# description: |
#   An internet-facing Classic Load Balancer has an HTTP or TCP listener. A Classic Load
#   Balancer cannot redirect HTTP to HTTPS, so an HTTP listener serves the application in
#   clear text, and a TCP listener passes whatever the backend speaks unencrypted. Classic
#   Load Balancers are common in older accounts and internet-facing more often than not.
#   SecureCart practice: HTTPS only, HTTP only as a redirect.
# custom:
#   id: TLS007
#   practice: https-only
#   severity: high
#   remediation: |
#     Replace the Classic Load Balancer with an Application Load Balancer (HTTP listener that
#     redirects to HTTPS) or a Network Load Balancer with TLS listeners; AWS's migration
#     wizard copies the configuration. Until then, remove the plaintext listener:
#     `aws elb delete-load-balancer-listeners --load-balancer-name <name> --load-balancer-ports 80`.
#   controls: ["AWS-FSBP ELB.3", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancing::LoadBalancer"]
#   requires: ["elb:DescribeLoadBalancers"]
package moat.rules.tls.classic_lb_plaintext_listener

import data.moat.lib.elb
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some lb in object.get(r, ["elb", "LoadBalancerDescriptions"], [])
	elb.classic_internet_facing(lb)
	some d in object.get(lb, "ListenerDescriptions", [])
	protocol := upper(d.Listener.Protocol)
	protocol in {"HTTP", "TCP"}
	port := d.Listener.LoadBalancerPort
	finding := result.fail(
		elb.classic_resource(region, lb),
		sprintf("internet-facing Classic Load Balancer %s serves %s on port %d, unencrypted (a Classic Load Balancer cannot redirect to HTTPS)", [lb.LoadBalancerName, protocol, port]),
		sprintf("listener %s:%d", [protocol, port]),
		{"protocol": protocol, "port": port, "dns_name": object.get(lb, "DNSName", "")},
	)
}
