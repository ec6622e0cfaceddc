# METADATA
# title: Load balancer accepts more than 80/443 from the internet
# description: |
#   A security group attached to an internet-facing load balancer accepts traffic from the
#   internet on a port other than the web ports (80 and 443; configurable as
#   `lb_allowed_ports`). SecureCart practice: load balancers take only 80/443.
# custom:
#   id: SG006
#   severity: high
#   remediation: |
#     Remove the rule, or replace it with rules for TCP 80 and 443 only. Serve other
#     protocols from a separate, non-public load balancer.
#   controls: ["AWS-FSBP EC2.18", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::SecurityGroup"]
#   requires: ["ec2:DescribeSecurityGroups", "elbv2:DescribeLoadBalancers"]
package moat.rules.security_groups.load_balancer_non_web_port

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.lb_groups

deny contains finding if {
	some region, r in input.regions
	some [sg, perm, cidr] in net.world_ingress(region, r)
	lb_groups.ids[region][sg.GroupId]
	_beyond_web(perm)
	rule := net.perm_text(perm)
	finding := result.fail(
		net.sg_resource(region, sg),
		sprintf("load balancer security group %s allows inbound %s from %s; only %v are expected", [sg.GroupId, rule, cidr, data.moat.config.lb_allowed_ports]),
		sprintf("ingress %s from %s", [rule, cidr]),
		{"rule": rule, "source": cidr},
	)
}

_beyond_web(perm) if lower(perm.IpProtocol) in net.all_protocols

_beyond_web(perm) if {
	not lower(perm.IpProtocol) in net.all_protocols
	allowed := {p | some p in data.moat.config.lb_allowed_ports; perm.FromPort <= p; p <= perm.ToPort}
	(perm.ToPort - perm.FromPort) + 1 > count(allowed)
}
