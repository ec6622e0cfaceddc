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
