# METADATA
# title: Load balancer accepts more than 80/443 from the internet
# description: |
#   A security group attached to an internet-facing load balancer accepts traffic from the
#   internet on a port other than the web ports (80 and 443; configurable as
#   `lb_allowed_ports`). SecureCart practice: load balancers take only 80/443.
#   What counts is the set of addresses the group's rules admit together (rules are
#   additive): 0.0.0.0/0, 0.0.0.0/1 plus 128.0.0.0/1, or a prefix list whose entries add up
#   to every IPv4 or IPv6 address; a prefix list moat could not read is "cannot judge"
#   (info).
# custom:
#   id: SG006
#   practice: lb-web-ports
#   severity: high
#   remediation: |
#     Remove the rule, or replace it with rules for TCP 80 and 443 only. Serve other
#     protocols from a separate, non-public load balancer.
#   controls: ["AWS-FSBP EC2.18", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "elbv2:DescribeLoadBalancers"]
#   needs_moat_input: true
package moat.rules.security_groups.load_balancer_non_web_port

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.lb_groups

deny contains finding if {
	some region, r in input.regions
	some e in net.sg_ingress(region)
	e.kind != "public_range"
	sg := r.ec2.SecurityGroups[e.group]
	lb_groups.ids[region][sg.GroupId]
	_beyond_web(e)
	finding := net.sg_finding(region, sg, e, "ingress", sprintf(" on a load balancer; only %v are expected", [data.moat.config.lb_allowed_ports]), {})
}

_beyond_web(e) if e.protocol == "-1"

_beyond_web(e) if {
	e.protocol != "-1"
	allowed := {p | some p in data.moat.config.lb_allowed_ports; e.from_port <= p; p <= e.to_port}
	(e.to_port - e.from_port) + 1 > count(allowed)
}
