# METADATA
# title: Instance reachable directly although a load balancer fronts it
# description: |
#   An instance that an internet-facing load balancer forwards to is also reachable from the
#   internet by its own address: a public IP, a route to an internet gateway, and ACL and
#   security-group rules that admit the internet, not only the load balancer. Traffic that
#   goes around the load balancer skips its TLS termination, its WAF web ACL and its access
#   logs. The evidence is the direct path and the load balancers that front the instance.
# custom:
#   id: EXP004
#   practice: effective-exposure
#   severity: medium
#   remediation: |
#     Let the instance's security group admit only the load balancer's security group, and
#     remove its public address; place it in a private subnet whose internet traffic leaves
#     through a NAT gateway.
#   controls: ["PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::EC2::Instance", "AWS::EC2::NetworkInterface"]
#   requires: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "elbv2:DescribeTargetGroups", "elbv2:DescribeTargetHealth"]
#   needs_moat_input: true
package moat.rules.exposure.instance_reachable_around_load_balancer

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, _ in input.regions
	some x in net.exposures(region)
	x.via == "direct"
	x.resource_type in {"AWS::EC2::Instance", "AWS::EC2::NetworkInterface"}
	fronts := {y.via |
		some y in net.exposures(region)
		y.resource_id == x.resource_id
		y.via != "direct"
	}
	count(fronts) > 0
	finding := object.union(result.fail(
		net.exposure_resource(region, x),
		sprintf("%s is reachable from the internet directly on %s %s (%s), around load balancer(s) %v that front it: %s", [x.resource_id, x.protocol, net.ports_text(x.ports), x.public_ip, sort(fronts), net.path_text(x)]),
		sprintf("%s direct", [x.protocol]),
		object.union(net.exposure_path_evidence(x), {"load_balancers": sort(fronts)}),
	), {"exposure": "reachable"})
}
