package moat.rules.exposure.admin_port_reachable_test

import data.moat.lib.result
import data.moat.rules.exposure.admin_port_reachable as rule

# The rule reads moat's exposure facts (input.moat.exposure, computed in Rust and tested
# there and by this folder's fixtures); these tests give it those facts directly.
doc(reachable) := {"regions": {"r": {}}, "moat": {"exposure": {"r": {"reachable": reachable}}}}

x(protocol, ports, via) := {
	"resource_type": "AWS::EC2::Instance", "resource_id": "i-1", "interface_id": "eni-1", "subnet_id": "subnet-1",
	"public_ip": "203.0.113.9", "protocol": protocol, "ports": ports, "via": via, "reachable_from_prefix": 0,
	"path": [{"type": "internet-gateway", "id": "igw-1"}, {"type": "security-group", "id": "sg-1"}, {"type": "network-interface", "id": "eni-1"}],
}

test_ssh_reachable_directly if {
	findings := rule.deny with input as doc([x("tcp", [[22, 22], [443, 443]], "direct")])
	result.found(findings) == {["r", "i-1", "tcp 22 via direct"]}
	some f in findings
	f.exposure == "reachable"
	f.evidence.path[0].id == "igw-1"
}

test_each_admin_port_in_a_range_is_named if {
	result.found(rule.deny) == {["r", "i-1", "tcp 3389 via lb-1"], ["r", "i-1", "tcp 5900 via lb-1"]} with input as doc([x("tcp", [[3000, 5950]], "lb-1")])
}

test_web_ports_and_udp_pass if {
	count(rule.deny) == 0 with input as doc([x("tcp", [[80, 80], [443, 443]], "direct"), x("udp", [[22, 22]], "direct")])
}

test_nothing_without_exposure_facts if {
	count(rule.deny) == 0 with input as {"regions": {"r": {}}}
}
