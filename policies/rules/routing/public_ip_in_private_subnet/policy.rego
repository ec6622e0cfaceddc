# METADATA
# title: Public IP address in a private subnet
# description: |
#   An instance or network interface in a private subnet has a public IPv4 address. The
#   address is meant for the internet; in a private subnet it is either a mistake waiting
#   for a route, or a sign the subnet is not as private as its tags say.
# custom:
#   id: NET005
#   practice: nat-egress
#   severity: high
#   remediation: |
#     Release or disassociate the public (Elastic) IP address, and launch into the subnet
#     with `--no-associate-public-ip-address`.
#   controls: ["AWS-FSBP EC2.9", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::Instance", "AWS::EC2::NetworkInterface"]
#   requires: ["ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.routing.public_ip_in_private_subnet

import data.moat.lib.net
import data.moat.lib.result
import data.moat.lib.topology.instance_public_ip
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	some res in r.ec2.Reservations
	some i in res.Instances
	ip := i.PublicIpAddress
	private_subnets.by_id[region][i.SubnetId]
	finding := object.union(result.fail(
		{"id": i.InstanceId, "type": "AWS::EC2::Instance", "region": region, "arn": result.ec2_arn(region, "instance", i.InstanceId)},
		sprintf("instance %s in private subnet %s has public IP %s", [i.InstanceId, i.SubnetId, ip]),
		sprintf("public ip %s", [ip]),
		{"public_ip": ip, "subnet_id": i.SubnetId},
	), {"exposure": net.exposure_state(region, "resources", i.InstanceId, "-1", 0, 65535)})
}

deny contains finding if {
	some region, r in input.regions
	some eni in r.ec2.NetworkInterfaces
	ip := eni.Association.PublicIp
	private_subnets.by_id[region][eni.SubnetId]
	not _instance_reported(region, eni)
	finding := object.union(result.fail(
		{"id": eni.NetworkInterfaceId, "type": "AWS::EC2::NetworkInterface", "region": region, "arn": result.ec2_arn(region, "network-interface", eni.NetworkInterfaceId)},
		sprintf("network interface %s in private subnet %s has public IP %s", [eni.NetworkInterfaceId, eni.SubnetId, ip]),
		sprintf("public ip %s", [ip]),
		{"public_ip": ip, "subnet_id": eni.SubnetId},
	), {"exposure": net.exposure_state(region, "resources", _resource_of(eni), "-1", 0, 65535)})
}

# An instance's primary interface is reported once, on the instance.
_instance_reported(region, eni) if {
	instance_public_ip.by_instance[region][eni.Attachment.InstanceId] == eni.Association.PublicIp
}

# Exposure is recorded on the instance of an attached interface.
_resource_of(eni) := eni.Attachment.InstanceId

_resource_of(eni) := eni.NetworkInterfaceId if not eni.Attachment.InstanceId
