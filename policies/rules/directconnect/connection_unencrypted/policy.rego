# METADATA
# title: Direct Connect connection carries private traffic unencrypted
# description: |
#   AWS does not encrypt traffic on a Direct Connect connection. A connection or LAG that
#   carries private or transit virtual interfaces must encrypt at layer 2 with MACsec
#   (`encryptionMode` `must_encrypt` or `should_encrypt`, a MACsec key in state `associated`,
#   and `portEncryptionStatus` `Encryption Up` on every port; with `should_encrypt` a port
#   whose MACsec session is down carries plaintext), or every transit virtual interface on it
#   must carry a Site-to-Site VPN: a private-IP VPN (`OutsideIpAddressType` `PrivateIpv4`)
#   whose transport is the transit gateway attachment of the interface's Direct Connect
#   gateway. A private virtual interface cannot carry a private-IP VPN, so only MACsec
#   protects it. Public virtual interfaces are not judged (traffic to public AWS endpoints is
#   TLS, and a public-IP VPN over one cannot be tied to the interface from the snapshot). A
#   virtual interface on a connection this account cannot see (another account's hosted
#   connection) is reported at info: its encryption is unknown, not fine. SecureCart practice:
#   Direct Connect for the logistics partner, encrypted.
# custom:
#   id: DX001
#   practice: direct-connect
#   severity: medium
#   remediation: |
#     On a dedicated connection that supports it (10, 100 or 400 Gbps), associate a MACsec
#     key (`aws directconnect associate-mac-sec-key --connection-id <id> --secret-arn <arn>`)
#     and set `--encryption-mode must_encrypt` with `aws directconnect update-connection`
#     once the router's MACsec session is up. Otherwise run a private-IP Site-to-Site VPN over
#     a transit virtual interface (`aws ec2 create-vpn-connection ... --options
#     OutsideIpAddressType=PrivateIpv4,TransportTransitGatewayAttachmentId=<dx-gateway attachment>`).
#   controls: ["PCI-DSS-4.0 4.2.1", "AWS-WA SEC09-BP02"]
#   resource_types: ["AWS::DirectConnect::Connection", "AWS::DirectConnect::Lag", "AWS::DirectConnect::VirtualInterface"]
#   requires: ["directconnect:DescribeConnections", "directconnect:DescribeLags", "directconnect:DescribeVirtualInterfaces", "ec2:DescribeTransitGatewayAttachments", "ec2:DescribeVpnConnections"]
package moat.rules.directconnect.connection_unencrypted

import data.moat.lib.result

_gone := {"deleting", "deleted", "rejected"}

# The private and transit virtual interfaces of a region, by the connection or LAG under them.
_private_vifs(r) := {v |
	some v in object.get(r, ["directconnect", "VirtualInterfaces"], [])
	object.get(v, "virtualInterfaceType", "") in {"private", "transit"}
	not object.get(v, "virtualInterfaceState", "") in _gone
}

# Each carrier of a region: a connection (its own ports) or a LAG (its member connections).
_carriers(r) := object.union({c.connectionId: {"kind": "connection", "type": "AWS::DirectConnect::Connection", "arn_kind": "dxcon", "x": c, "ports": [c]} |
	some c in object.get(r, ["directconnect", "Connections"], [])
	not object.get(c, "connectionState", "") in _gone
}, {l.lagId: {"kind": "LAG", "type": "AWS::DirectConnect::Lag", "arn_kind": "dxlag", "x": l, "ports": object.get(l, "connections", [])} |
	some l in object.get(r, ["directconnect", "Lags"], [])
	not object.get(l, "lagState", "") in _gone
})

_mode_on(x) if object.get(x, "encryptionMode", "no_encrypt") in {"must_encrypt", "should_encrypt"}

_has_key(x) if {
	some k in object.get(x, "macSecKeys", [])
	object.get(k, "state", "") == "associated"
}

_ports_up(ports) if {
	count(ports) > 0
	every p in ports {
		object.get(p, "portEncryptionStatus", "") == "Encryption Up"
	}
}

# Why MACsec does not protect the carrier (no value: it does).
_why(c) := sprintf("MACsec is off (encryptionMode %s)", [object.get(c.x, "encryptionMode", "no_encrypt")]) if not _mode_on(c.x)

_why(c) := "MACsec has no associated key" if {
	_mode_on(c.x)
	not _has_key(c.x)
}

_why(c) := "MACsec encryption is down on its ports (portEncryptionStatus is not Encryption Up)" if {
	_mode_on(c.x)
	_has_key(c.x)
	not _ports_up(c.ports)
}

# A private-IP Site-to-Site VPN runs over the transit virtual interface's gateway.
_vpn_over(v) if {
	v.virtualInterfaceType == "transit"
	gw := object.get(v, "directConnectGatewayId", "")
	gw != ""
	some r in input.regions
	some att in object.get(r, ["ec2", "TransitGatewayAttachments"], [])
	object.get(att, "ResourceType", "") == "direct-connect-gateway"
	object.get(att, "ResourceId", "") == gw
	object.get(att, "State", "available") == "available"
	some vpn in object.get(r, ["ec2", "VpnConnections"], [])
	object.get(vpn, "State", "available") == "available"
	object.get(vpn, ["Options", "OutsideIpAddressType"], "PublicIpv4") == "PrivateIpv4"
	object.get(vpn, ["Options", "TransportTransitGatewayAttachmentId"], "") == att.TransitGatewayAttachmentId
}

deny contains finding if {
	some region, r in input.regions
	carriers := _carriers(r)
	some id, c in carriers
	why := _why(c)
	exposed := sort([v.virtualInterfaceId |
		some v in _private_vifs(r)
		v.connectionId == id
		not _vpn_over(v)
	])
	count(exposed) > 0
	name := object.get(c.x, ["connectionName"], object.get(c.x, ["lagName"], id))
	finding := result.fail(
		{"id": id, "type": c.type, "region": region, "arn": result.directconnect_arn(region, c.arn_kind, id)},
		sprintf("Direct Connect %s %s (%s, %s) carries private traffic unencrypted: %s, and no private-IP VPN runs over virtual interface(s) %s", [c.kind, id, name, object.get(c.x, "location", "?"), why, concat(", ", exposed)]),
		why,
		{"virtual_interfaces": exposed, "encryption_mode": object.get(c.x, "encryptionMode", "no_encrypt"), "port_encryption": [object.get(p, "portEncryptionStatus", "") | some p in c.ports]},
	)
}

deny contains finding if {
	some region, r in input.regions
	carriers := _carriers(r)
	some v in _private_vifs(r)
	id := object.get(v, "connectionId", "")
	not carriers[id]
	not _vpn_over(v)
	finding := result.fail_with_severity(
		{"id": v.virtualInterfaceId, "type": "AWS::DirectConnect::VirtualInterface", "region": region, "arn": result.directconnect_arn(region, "dxvif", v.virtualInterfaceId)},
		sprintf("Direct Connect %s virtual interface %s runs over connection %s, which this account cannot see: whether it is encrypted (MACsec) is unknown, and no private-IP VPN runs over it", [v.virtualInterfaceType, v.virtualInterfaceId, id]),
		sprintf("connection %s not visible", [id]),
		{"connection_id": id},
		"info",
	)
}
