# METADATA
# title: NAT gateway placed in a private subnet
# description: |
#   A public NAT gateway sits in a subnet whose route table sends no public traffic to an
#   internet gateway (longest-prefix match, IPv4 and IPv6, CIDRs and prefix lists alike).
#   It cannot reach the internet, so the private subnets that route through it have no
#   working egress (and teams tend to "fix" that by routing them to the IGW directly).
#   SecureCart practice: a NAT gateway in a public subnet.
#   A NAT gateway whose subnet is not in the snapshot is reported at info as "cannot
#   judge", never read as sitting in a private subnet.
# custom:
#   id: NET003
#   practice: nat-egress
#   severity: high
#   remediation: |
#     Create the NAT gateway in a public subnet of the same VPC and availability zone,
#     repoint the private route tables to it, then delete the misplaced one.
#   controls: ["PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::NatGateway"]
#   requires: ["ec2:DescribeNatGateways", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.routing.nat_gateway_in_private_subnet

import data.moat.lib.result
import data.moat.lib.vpc

deny contains finding if {
	some region, r in input.regions
	some nat in r.ec2.NatGateways
	object.get(nat, "ConnectivityType", "public") == "public"
	not lower(object.get(nat, "State", "available")) in {"deleted", "deleting", "failed"}
	vpc.is_known_subnet(region, nat.SubnetId)
	not vpc.is_public(region, nat.SubnetId)
	finding := result.fail(
		{"id": nat.NatGatewayId, "type": "AWS::EC2::NatGateway", "region": region, "arn": result.ec2_arn(region, "natgateway", nat.NatGatewayId)},
		sprintf("NAT gateway %s is in subnet %s, which sends no public traffic to an internet gateway (longest-prefix match over its route table)", [nat.NatGatewayId, nat.SubnetId]),
		"placement",
		{"subnet_id": nat.SubnetId},
	)
}

# A NAT gateway in a subnet the snapshot does not hold: where it sits cannot be judged, which
# is reported (info), never read as "private".
deny contains finding if {
	some region, r in input.regions
	some nat in r.ec2.NatGateways
	object.get(nat, "ConnectivityType", "public") == "public"
	not lower(object.get(nat, "State", "available")) in {"deleted", "deleting", "failed"}
	not vpc.is_known_subnet(region, nat.SubnetId)
	finding := result.fail_with_severity(
		{"id": nat.NatGatewayId, "type": "AWS::EC2::NatGateway", "region": region, "arn": result.ec2_arn(region, "natgateway", nat.NatGatewayId)},
		sprintf("cannot judge where NAT gateway %s sits: its subnet %s: %s", [nat.NatGatewayId, nat.SubnetId, vpc.unknown_subnet_reason(region, nat.SubnetId)]),
		"placement unknown",
		{"subnet_id": nat.SubnetId},
		"info",
	)
}
