package moat.rules.security_groups.load_balancer_non_web_port_test

import data.moat.lib.result
import data.moat.rules.security_groups.load_balancer_non_web_port as rule

doc(perm) := {"regions": {"r": {
	"ec2": {"SecurityGroups": [{"GroupId": "sg-lb", "IpPermissions": [perm]}]},
	"elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "Scheme": "internet-facing", "Type": "application", "SecurityGroups": ["sg-lb"]}]},
}}}

test_8080_from_world_fails if {
	result.found(rule.deny) == {["r", "sg-lb", "ingress tcp 8080 from 0.0.0.0/0"]} with input as doc({"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_range_80_to_443_fails if {
	result.found(rule.deny) == {["r", "sg-lb", "ingress tcp 80-443 from 0.0.0.0/0"]} with input as doc({"IpProtocol": "tcp", "FromPort": 80, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}

test_443_passes if {
	count(rule.deny) == 0 with input as doc({"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]})
}
