package moat.rules.connectivity.transit_gateway_not_segmented_test

import data.moat.lib.result
import data.moat.rules.connectivity.transit_gateway_not_segmented as rule

doc(assoc, prop) := {"regions": {"r": {"ec2": {"TransitGateways": [{"TransitGatewayId": "tgw-1", "Options": {"DefaultRouteTableAssociation": assoc, "DefaultRouteTablePropagation": prop}}]}}}}

test_both_defaults_fail if {
	result.found(rule.deny) == {["r", "tgw-1", "DefaultRouteTableAssociation+DefaultRouteTablePropagation"]} with input as doc("enable", "enable")
}

test_either_alone_passes if {
	count(rule.deny) == 0 with input as doc("enable", "disable")
	count(rule.deny) == 0 with input as doc("disable", "enable")
	count(rule.deny) == 0 with input as {"regions": {"r": {"ec2": {"TransitGateways": [{"TransitGatewayId": "tgw-1"}]}}}}
}
