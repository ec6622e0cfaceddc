# METADATA
# title: Direct Connect connection, LAG or virtual interface down
# description: |
#   A Direct Connect connection or LAG in state `down`, a virtual interface in state `down`,
#   or an `available` virtual interface with a BGP peer whose `bgpStatus` is `down`: traffic
#   that should stay on the private path has no route over it, and fails over to the
#   remaining paths (or the internet VPN) or stops. SecureCart practice: Direct Connect for
#   the logistics partner, up and redundant.
# custom:
#   id: DX002
#   practice: direct-connect
#   severity: medium
#   remediation: |
#     Check the physical link and the router with the location's provider (`aws directconnect
#     describe-connections`), then the BGP session (`aws directconnect
#     describe-virtual-interfaces --virtual-interface-id <id>`: peer addresses, ASN, MD5 key).
#   controls: ["AWS-WA REL02-BP02"]
#   resource_types: ["AWS::DirectConnect::Connection", "AWS::DirectConnect::Lag", "AWS::DirectConnect::VirtualInterface"]
#   requires: ["directconnect:DescribeConnections", "directconnect:DescribeLags", "directconnect:DescribeVirtualInterfaces"]
package moat.rules.directconnect.connection_down

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some c in object.get(r, ["directconnect", "Connections"], [])
	object.get(c, "connectionState", "") == "down"
	finding := result.fail(
		{"id": c.connectionId, "type": "AWS::DirectConnect::Connection", "region": region, "arn": result.directconnect_arn(region, "dxcon", c.connectionId)},
		sprintf("Direct Connect connection %s (%s) is down", [c.connectionId, object.get(c, "location", "?")]),
		"connection down",
		{"state": "down", "location": object.get(c, "location", "")},
	)
}

deny contains finding if {
	some region, r in input.regions
	some l in object.get(r, ["directconnect", "Lags"], [])
	object.get(l, "lagState", "") == "down"
	finding := result.fail(
		{"id": l.lagId, "type": "AWS::DirectConnect::Lag", "region": region, "arn": result.directconnect_arn(region, "dxlag", l.lagId)},
		sprintf("Direct Connect LAG %s (%s) is down: fewer than its minimum of %d link(s) are up", [l.lagId, object.get(l, "location", "?"), object.get(l, "minimumLinks", 0)]),
		"LAG down",
		{"state": "down", "minimum_links": object.get(l, "minimumLinks", 0)},
	)
}

deny contains finding if {
	some region, r in input.regions
	some v in object.get(r, ["directconnect", "VirtualInterfaces"], [])
	some problem in _vif_problems(v)
	finding := result.fail(
		{"id": v.virtualInterfaceId, "type": "AWS::DirectConnect::VirtualInterface", "region": region, "arn": result.directconnect_arn(region, "dxvif", v.virtualInterfaceId)},
		sprintf("Direct Connect %s virtual interface %s on %s: %s", [object.get(v, "virtualInterfaceType", "?"), v.virtualInterfaceId, object.get(v, "connectionId", "?"), problem]),
		problem,
		{"state": object.get(v, "virtualInterfaceState", ""), "bgp_peers": object.get(v, "bgpPeers", [])},
	)
}

_vif_problems(v) := {"the interface is down" | object.get(v, "virtualInterfaceState", "") == "down"} | {sprintf("BGP peer %s (%s) is down", [object.get(p, "bgpPeerId", "?"), object.get(p, "addressFamily", "?")]) |
	object.get(v, "virtualInterfaceState", "") == "available"
	some p in object.get(v, "bgpPeers", [])
	object.get(p, "bgpStatus", "") == "down"
}
