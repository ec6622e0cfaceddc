package moat.rules.connectivity.transit_gateway_auto_accept_test

import data.moat.lib.result
import data.moat.rules.connectivity.transit_gateway_auto_accept as rule

doc(v) := {"regions": {"r": {"ec2": {"TransitGateways": [{"TransitGatewayId": "tgw-1", "Options": {"AutoAcceptSharedAttachments": v}}]}}}}

test_enabled_fails if {
	result.found(rule.deny) == {["r", "tgw-1", "AutoAcceptSharedAttachments"]} with input as doc("enable")
}

test_disabled_passes if {
	count(rule.deny) == 0 with input as doc("disable")
}
