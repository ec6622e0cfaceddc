package moat.rules.databases.rds_in_public_subnet_test

import data.moat.lib.result
import data.moat.rules.databases.rds_in_public_subnet as rule

doc(route) := {"regions": {"r": {
	"ec2": {
		"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}],
		"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a"}], "Routes": [route]}],
	},
	"rds": {"DBInstances": [{"DBInstanceIdentifier": "orders", "DBSubnetGroup": {"DBSubnetGroupName": "g", "Subnets": [{"SubnetIdentifier": "subnet-a"}]}}]},
}}}

test_public_subnet_fails if {
	result.found(rule.deny) == {["r", "orders", "subnet subnet-a"]} with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"})
}

test_private_subnet_passes if {
	count(rule.deny) == 0 with input as doc({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"})
}

test_unknown_subnet_cannot_be_judged if {
	d := {"regions": {"r": {
		"ec2": {
			"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1"}, {"SubnetId": "subnet-b", "VpcId": "vpc-2"}],
			"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": []}],
		},
		"rds": {"DBInstances": [{"DBInstanceIdentifier": "orders", "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": "subnet-a"}, {"SubnetIdentifier": "subnet-b"}, {"SubnetIdentifier": "subnet-gone"}]}}]},
	}}}
	findings := rule.deny with input as d
	result.found(findings) == {["r", "orders", "subnet subnet-gone unknown"], ["r", "orders", "subnet subnet-b unknown"]}
	some g in findings
	contains(g.message, "no route table in force")
	some f in findings
	f.severity == "info"
}
