package moat.rules.routing.public_ip_in_private_subnet_test

import data.moat.lib.result
import data.moat.rules.routing.public_ip_in_private_subnet as rule

base := {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "app"}]}]}

test_instance_with_public_ip_fails if {
	ec2 := object.union(base, {
		"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-a", "PublicIpAddress": "198.51.100.7"}]}],
		"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a", "Association": {"PublicIp": "198.51.100.7"}, "Attachment": {"InstanceId": "i-1"}}],
	})
	result.found(rule.deny) == {["r", "i-1", "public ip 198.51.100.7"]} with input as {"regions": {"r": {"ec2": ec2}}, "moat": {"index": {"r": {"instance_public_ip": {"i-1": "198.51.100.7"}}}}}
}

test_detached_interface_with_public_ip_fails if {
	ec2 := object.union(base, {"NetworkInterfaces": [{"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-a", "Association": {"PublicIp": "198.51.100.8"}}]})
	result.found(rule.deny) == {["r", "eni-2", "public ip 198.51.100.8"]} with input as {"regions": {"r": {"ec2": ec2}}}
}

test_private_only_passes if {
	ec2 := object.union(base, {"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.0.5"}]}]})
	count(rule.deny) == 0 with input as {"regions": {"r": {"ec2": ec2}}}
}
