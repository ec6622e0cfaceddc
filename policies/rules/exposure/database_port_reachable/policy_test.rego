package moat.rules.exposure.database_port_reachable_test

import data.moat.lib.result
import data.moat.rules.exposure.database_port_reachable as rule

# The rule reads moat's exposure facts (input.moat.exposure, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(reachable) := {"regions": {"r": {}}, "moat": {"exposure": {"r": {"reachable": reachable}}}}

x(protocol, ports, via) := {
	"resource_type": "AWS::EC2::Instance", "resource_id": "i-1", "interface_id": "eni-1", "subnet_id": "subnet-1",
	"public_ip": "203.0.113.9", "protocol": protocol, "ports": ports, "via": via, "reachable_from_prefix": 0,
	"path": [{"type": "internet-gateway", "id": "igw-1"}, {"type": "security-group", "id": "sg-1"}, {"type": "network-interface", "id": "eni-1"}],
}

test_postgres_reachable_directly if {
	findings := rule.deny with input as doc([x("tcp", [[5432, 5432]], "direct")])
	result.found(findings) == {["r", "i-1", "tcp 5432 via direct"]}
}

test_ports_near_but_outside_pass if {
	count(rule.deny) == 0 with input as doc([x("tcp", [[5433, 6378]], "direct"), x("udp", [[3306, 3306]], "direct")])
}

test_nothing_without_exposure_facts if {
	count(rule.deny) == 0 with input as {"regions": {"r": {}}}
}
