package moat.rules.directconnect.connection_down_test

import data.moat.lib.result
import data.moat.rules.directconnect.connection_down as rule

doc(dx) := {"regions": {"r": {"directconnect": dx}}}

peer(status) := {"bgpPeerId": "dxpeer-1", "addressFamily": "ipv4", "bgpStatus": status}

test_connection_down_fails if {
	result.found(rule.deny) == {["r", "dxcon-1", "connection down"]} with input as doc({"Connections": [{"connectionId": "dxcon-1", "connectionState": "down"}]})
}

test_connection_available_passes if {
	count(rule.deny) == 0 with input as doc({"Connections": [{"connectionId": "dxcon-1", "connectionState": "available"}, {"connectionId": "dxcon-2", "connectionState": "ordering"}]})
}

test_lag_down_fails if {
	result.found(rule.deny) == {["r", "dxlag-1", "LAG down"]} with input as doc({"Lags": [{"lagId": "dxlag-1", "lagState": "down", "minimumLinks": 2}]})
}

test_vif_down_fails if {
	result.found(rule.deny) == {["r", "dxvif-1", "the interface is down"]} with input as doc({"VirtualInterfaces": [{"virtualInterfaceId": "dxvif-1", "virtualInterfaceState": "down", "bgpPeers": [peer("down")]}]})
}

test_bgp_down_on_available_vif_fails if {
	result.found(rule.deny) == {["r", "dxvif-1", "BGP peer dxpeer-1 (ipv4) is down"]} with input as doc({"VirtualInterfaces": [{"virtualInterfaceId": "dxvif-1", "virtualInterfaceState": "available", "bgpPeers": [peer("down")]}]})
}

test_bgp_up_passes if {
	count(rule.deny) == 0 with input as doc({"VirtualInterfaces": [{"virtualInterfaceId": "dxvif-1", "virtualInterfaceState": "available", "bgpPeers": [peer("up")]}]})
}

test_bgp_of_a_vif_being_set_up_is_not_judged if {
	count(rule.deny) == 0 with input as doc({"VirtualInterfaces": [{"virtualInterfaceId": "dxvif-1", "virtualInterfaceState": "pending", "bgpPeers": [peer("down")]}]})
}
