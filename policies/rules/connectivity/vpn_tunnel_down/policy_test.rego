package moat.rules.connectivity.vpn_tunnel_down_test

import data.moat.lib.result
import data.moat.rules.connectivity.vpn_tunnel_down as rule

doc(tunnels) := {"regions": {"r": {"ec2": {"VpnConnections": [{"VpnConnectionId": "vpn-1", "State": "available", "VgwTelemetry": tunnels}]}}}}

up(ip) := {"OutsideIpAddress": ip, "Status": "UP"}

test_one_down_fails if {
	result.found(rule.deny) == {["r", "vpn-1", "tunnel 2.2.2.2 is DOWN"]} with input as doc([up("1.1.1.1"), {"OutsideIpAddress": "2.2.2.2", "Status": "DOWN"}])
}

test_single_tunnel_fails if {
	result.found(rule.deny) == {["r", "vpn-1", "only 1 tunnel(s) configured"]} with input as doc([up("1.1.1.1")])
}

test_both_up_passes if {
	count(rule.deny) == 0 with input as doc([up("1.1.1.1"), up("2.2.2.2")])
}
