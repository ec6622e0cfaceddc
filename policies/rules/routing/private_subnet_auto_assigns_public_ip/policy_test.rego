package moat.rules.routing.private_subnet_auto_assigns_public_ip_test

import data.moat.lib.result
import data.moat.rules.routing.private_subnet_auto_assigns_public_ip as rule

doc(tier, map) := {"regions": {"r": {"ec2": {
	"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "MapPublicIpOnLaunch": map, "Tags": [{"Key": "Tier", "Value": tier}]}],
	"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}],
}}}}

test_private_auto_assign_fails if {
	result.found(rule.deny) == {["r", "subnet-a", "MapPublicIpOnLaunch"]} with input as doc("app", true)
}

test_public_subnet_passes if {
	count(rule.deny) == 0 with input as doc("web", true)
}
