package moat.rules.endpoints.interface_endpoint_private_dns_off_test

import data.moat.lib.result
import data.moat.rules.endpoints.interface_endpoint_private_dns_off as rule

doc(dns) := {"regions": {"r": {"ec2": {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.r.secretsmanager", "PrivateDnsEnabled": dns}]}}}}

test_dns_off_fails if {
	result.found(rule.deny) == {["r", "vpce-1", "private dns"]} with input as doc(false)
}

test_dns_on_passes if {
	count(rule.deny) == 0 with input as doc(true)
}

partner(dns, details) := {"regions": {"r": {"ec2": object.union(
	{"VpcEndpoints": [{"VpcEndpointId": "vpce-2", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.r.vpce-svc-1", "PrivateDnsEnabled": dns}]},
	details,
)}}}

svc(name, state) := {"VpcEndpointServiceDetails": [{"ServiceName": "com.amazonaws.vpce.r.vpce-svc-1", "PrivateDnsName": name, "PrivateDnsNameVerificationState": state}]}

test_partner_offering_private_dns_fails if {
	result.found(rule.deny) == {["r", "vpce-2", "private dns"]} with input as partner(false, svc("api.pay.example", "verified"))
}

test_partner_without_private_dns_passes if {
	count(rule.deny) == 0 with input as partner(false, {"VpcEndpointServiceDetails": [{"ServiceName": "com.amazonaws.vpce.r.vpce-svc-1"}]})
}

test_partner_with_unverified_name_passes if {
	count(rule.deny) == 0 with input as partner(false, svc("api.pay.example", "pendingVerification"))
}

test_partner_not_described_is_info if {
	{[f.resource_id, f.severity] | some f in rule.deny} == {["vpce-2", "info"]} with input as partner(false, {})
}

test_partner_with_dns_on_passes if {
	count(rule.deny) == 0 with input as partner(true, svc("api.pay.example", "verified"))
}
