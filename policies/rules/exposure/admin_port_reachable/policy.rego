# METADATA
# title: Admin port reachable from the internet
# description: |
#   A remote-administration port (by default 22, 23, 3389, 5900, 5985, 5986; configurable
#   as `admin_ports`) of a resource is reachable from the internet: every link of a path
#   admits it, as AWS evaluates each one. The resource has a public address (or is a
#   load balancer listening on the port, or sits behind one that forwards it), its subnet's
#   route table sends the replies to an internet gateway (longest-prefix match), the
#   subnet's network ACL admits the packet in and the reply out to ephemeral ports (first
#   match by rule number), and one of its security groups admits it. Unlike SG001-SG003,
#   which report what a group allows whether or not anything uses it, this is what someone
#   on the internet can connect to now. The evidence is the path; see docs/exposure.md.
# custom:
#   id: EXP001
#   practice: effective-exposure
#   severity: critical
#   remediation: |
#     Close the path at any link: remove the security-group rule that admits the port from
#     the internet, deny it in the subnet's network ACL, or remove the public address. For
#     administration use AWS Systems Manager Session Manager or a VPN, not a port open to
#     the internet.
#   controls: ["CIS-AWS 5.2", "CIS-AWS 5.3", "AWS-FSBP EC2.13", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::Instance", "AWS::EC2::NetworkInterface", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"]
#   requires: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]
#   needs_moat_input: true
package moat.rules.exposure.admin_port_reachable

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, _ in input.regions
	some x in net.exposures(region)
	some port in net.reachable_ports(x, data.moat.config.admin_ports)
	finding := object.union(result.fail(
		net.exposure_resource(region, x),
		sprintf("%s %s is reachable from the internet on tcp %d (%s), via %s: %s", [x.resource_type, x.resource_id, port, x.public_ip, x.via, net.path_text(x)]),
		sprintf("tcp %d via %s", [port, x.via]),
		object.union(net.exposure_path_evidence(x), {"port": port}),
	), {"exposure": "reachable"})
}
