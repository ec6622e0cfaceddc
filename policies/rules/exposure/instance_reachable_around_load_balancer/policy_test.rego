package moat.rules.exposure.instance_reachable_around_load_balancer_test

import data.moat.lib.result
import data.moat.rules.exposure.instance_reachable_around_load_balancer as rule

doc(reachable) := {"regions": {"r": {}}, "moat": {"exposure": {"r": {"reachable": reachable}}}}

x(id, ports, via) := {
	"resource_type": "AWS::EC2::Instance", "resource_id": id, "interface_id": "eni-1", "subnet_id": "subnet-1",
	"public_ip": "203.0.113.9", "protocol": "tcp", "ports": ports, "via": via, "reachable_from_prefix": 0,
	"path": [{"type": "internet-gateway", "id": "igw-1"}, {"type": "network-interface", "id": "eni-1"}],
}

test_direct_and_fronted_fails if {
	findings := rule.deny with input as doc([x("i-1", [[8443, 8443]], "direct"), x("i-1", [[443, 443]], "web")])
	result.found(findings) == {["r", "i-1", "tcp direct"]}
	some f in findings
	f.evidence.load_balancers == ["web"]
}

test_only_fronted_or_only_direct_passes if {
	count(rule.deny) == 0 with input as doc([x("i-1", [[443, 443]], "web"), x("i-2", [[22, 22]], "direct")])
}
