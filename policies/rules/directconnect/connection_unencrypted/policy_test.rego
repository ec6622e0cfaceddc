package moat.rules.directconnect.connection_unencrypted_test

import data.moat.lib.result
import data.moat.rules.directconnect.connection_unencrypted as rule

macsec(status) := {"encryptionMode": "must_encrypt", "portEncryptionStatus": status, "macSecKeys": [{"state": "associated"}]}

conn(extra) := object.union({"connectionId": "dxcon-1", "connectionState": "available", "location": "EqDC2"}, extra)

vif(kind, on) := {"virtualInterfaceId": sprintf("dxvif-%s", [kind]), "virtualInterfaceType": kind, "virtualInterfaceState": "available", "connectionId": on, "directConnectGatewayId": "gw-1"}

doc(conns, lags, vifs, ec2) := {"regions": {"r": {"directconnect": {"Connections": conns, "Lags": lags, "VirtualInterfaces": vifs}, "ec2": ec2}}}

# A private-IP VPN over the Direct Connect gateway's transit gateway attachment.
vpn_over := {
	"TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-dx", "ResourceType": "direct-connect-gateway", "ResourceId": "gw-1", "State": "available"}],
	"VpnConnections": [{"VpnConnectionId": "vpn-1", "State": "available", "Options": {"OutsideIpAddressType": "PrivateIpv4", "TransportTransitGatewayAttachmentId": "tgw-attach-dx"}}],
}

test_no_macsec_fails if {
	result.found(rule.deny) == {["r", "dxcon-1", "MACsec is off (encryptionMode no_encrypt)"]} with input as doc([conn({})], [], [vif("private", "dxcon-1")], {})
}

test_macsec_up_passes if {
	count(rule.deny) == 0 with input as doc([conn(macsec("Encryption Up"))], [], [vif("private", "dxcon-1"), vif("transit", "dxcon-1")], {})
}

test_should_encrypt_with_port_down_fails if {
	c := object.union(conn(macsec("Encryption Down")), {"encryptionMode": "should_encrypt"})
	result.found(rule.deny) == {["r", "dxcon-1", "MACsec encryption is down on its ports (portEncryptionStatus is not Encryption Up)"]} with input as doc([c], [], [vif("private", "dxcon-1")], {})
}

test_mode_without_key_fails if {
	c := object.union(conn(macsec("Encryption Up")), {"macSecKeys": [{"state": "disassociated"}]})
	result.found(rule.deny) == {["r", "dxcon-1", "MACsec has no associated key"]} with input as doc([c], [], [vif("transit", "dxcon-1")], {})
}

test_private_ip_vpn_over_transit_vif_passes if {
	count(rule.deny) == 0 with input as doc([conn({})], [], [vif("transit", "dxcon-1")], vpn_over)
}

test_public_ip_vpn_does_not_count if {
	ec2 := object.union(vpn_over, {"VpnConnections": [{"VpnConnectionId": "vpn-1", "State": "available", "Options": {"TransportTransitGatewayAttachmentId": "tgw-attach-dx"}}]})
	result.found(rule.deny) == {["r", "dxcon-1", "MACsec is off (encryptionMode no_encrypt)"]} with input as doc([conn({})], [], [vif("transit", "dxcon-1")], ec2)
}

test_vpn_does_not_cover_a_private_vif if {
	[f.evidence.virtual_interfaces | some f in rule.deny] == [["dxvif-private"]] with input as doc([conn({})], [], [vif("private", "dxcon-1"), vif("transit", "dxcon-1")], vpn_over)
}

test_public_vif_only_passes if {
	count(rule.deny) == 0 with input as doc([conn({})], [], [vif("public", "dxcon-1")], {})
}

test_deleted_vif_passes if {
	v := object.union(vif("private", "dxcon-1"), {"virtualInterfaceState": "deleted"})
	count(rule.deny) == 0 with input as doc([conn({})], [], [v], {})
}

test_lag_needs_every_member_port_up if {
	lag := object.union(macsec(""), {"lagId": "dxlag-1", "lagState": "available", "location": "EqDC2", "connections": [{"portEncryptionStatus": "Encryption Up"}, {"portEncryptionStatus": "Encryption Down"}]})
	result.found(rule.deny) == {["r", "dxlag-1", "MACsec encryption is down on its ports (portEncryptionStatus is not Encryption Up)"]} with input as doc([], [lag], [vif("private", "dxlag-1")], {})
	ok := object.union(lag, {"connections": [{"portEncryptionStatus": "Encryption Up"}, {"portEncryptionStatus": "Encryption Up"}]})
	count(rule.deny) == 0 with input as doc([], [ok], [vif("private", "dxlag-1")], {})
}

test_unseen_connection_is_info if {
	found := {[f.resource_id, f.severity] | some f in rule.deny} with input as doc([], [], [vif("private", "dxcon-other")], {})
	found == {["dxvif-private", "info"]}
}
