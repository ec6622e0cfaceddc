# METADATA
# title: Private subnet auto-assigns public IPs
# description: |
#   A private subnet has MapPublicIpOnLaunch enabled, so every instance launched in it gets
#   a public IPv4 address. One route-table change later, those instances are on the internet.
# custom:
#   id: NET004
#   practice: nat-egress
#   severity: medium
#   remediation: |
#     `aws ec2 modify-subnet-attribute --subnet-id <subnet> --no-map-public-ip-on-launch`.
#   controls: ["AWS-FSBP EC2.15", "PCI-DSS-4.0 1.4.1"]
#   resource_types: ["AWS::EC2::Subnet"]
#   requires: ["ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.routing.private_subnet_auto_assigns_public_ip

import data.moat.lib.result
import data.moat.lib.vpc
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	some subnet_id, s in private_subnets.by_id[region]
	s.MapPublicIpOnLaunch == true
	finding := result.fail(
		vpc.subnet_resource(region, s),
		sprintf("private subnet %s assigns public IPv4 addresses on launch (MapPublicIpOnLaunch)", [subnet_id]),
		"MapPublicIpOnLaunch",
		{"map_public_ip_on_launch": true},
	)
}
