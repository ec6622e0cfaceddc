package moat.rules.directconnect.no_redundancy_test

import data.moat.lib.result
import data.moat.rules.directconnect.no_redundancy as rule

gw(state) := {"directConnectGatewayId": "gw-1", "directConnectGatewayName": "logistics", "associations": [{"associationState": state, "associatedGateway": {"id": "tgw-1", "type": "transitGateway"}}]}

vif(id, conn, location) := {"virtualInterfaceId": id, "virtualInterfaceType": "transit", "virtualInterfaceState": "available", "connectionId": conn, "location": location, "directConnectGatewayId": "gw-1"}

doc(gateways, vifs) := {"global": {"directconnect": {"Gateways": gateways}}, "regions": {"r": {"directconnect": {"VirtualInterfaces": vifs}}}}

test_one_connection_fails if {
	result.found(rule.deny) == {["global", "gw-1", "one connection (dxcon-1)"]} with input as doc([gw("associated")], [vif("dxvif-1", "dxcon-1", "EqDC2")])
}

test_two_interfaces_on_one_connection_fail if {
	result.found(rule.deny) == {["global", "gw-1", "one connection (dxcon-1)"]} with input as doc([gw("associated")], [vif("dxvif-1", "dxcon-1", "EqDC2"), vif("dxvif-2", "dxcon-1", "EqDC2")])
}

test_one_location_fails if {
	result.found(rule.deny) == {["global", "gw-1", "connections at one location only (EqDC2)"]} with input as doc([gw("associated")], [vif("dxvif-1", "dxcon-1", "EqDC2"), vif("dxvif-2", "dxcon-2", "EqDC2")])
}

test_two_locations_pass if {
	count(rule.deny) == 0 with input as doc([gw("associated")], [vif("dxvif-1", "dxcon-1", "EqDC2"), vif("dxvif-2", "dxcon-2", "CSVA1")])
}

test_a_deleted_interface_is_no_second_path if {
	gone := object.union(vif("dxvif-2", "dxcon-2", "CSVA1"), {"virtualInterfaceState": "deleted"})
	result.found(rule.deny) == {["global", "gw-1", "one connection (dxcon-1)"]} with input as doc([gw("associated")], [vif("dxvif-1", "dxcon-1", "EqDC2"), gone])
}

test_a_gateway_serving_nothing_is_not_judged if {
	count(rule.deny) == 0 with input as doc([gw("disassociated")], [vif("dxvif-1", "dxcon-1", "EqDC2")])
}

test_a_virtual_private_gateway_on_one_connection_fails if {
	v := object.union(vif("dxvif-1", "dxcon-1", "EqDC2"), {"virtualInterfaceType": "private", "directConnectGatewayId": "", "virtualGatewayId": "vgw-1"})
	result.found(rule.deny) == {["r", "vgw-1", "one connection (dxcon-1)"]} with input as doc([], [v])
}

# An account that tags environments: only gateways reaching production are judged.
tagged(env) := {
	"global": {"directconnect": {"Gateways": [gw("associated")]}},
	"regions": {"r": {
		"directconnect": {"VirtualInterfaces": [vif("dxvif-1", "dxcon-1", "EqDC2")]},
		"ec2": {
			"Vpcs": [{"VpcId": "vpc-1", "Tags": [{"Key": "Environment", "Value": env}]}],
			"TransitGateways": [{"TransitGatewayId": "tgw-1"}],
			"TransitGatewayAttachments": [{"TransitGatewayId": "tgw-1", "ResourceType": "vpc", "ResourceId": "vpc-1"}],
		},
	}},
}

test_a_gateway_reaching_production_is_judged if {
	result.found(rule.deny) == {["global", "gw-1", "one connection (dxcon-1)"]} with input as tagged("Production")
}

test_a_gateway_reaching_only_staging_is_not_judged if {
	count(rule.deny) == 0 with input as tagged("staging")
}
