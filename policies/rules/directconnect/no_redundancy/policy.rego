# METADATA
# title: Direct Connect gateway without redundant connections
# description: |
#   A Direct Connect gateway associated with a virtual private gateway or transit gateway
#   (so it serves VPCs), or a virtual private gateway with private virtual interfaces
#   attached directly, whose virtual interfaces all run over one connection (or one LAG),
#   or over connections that are all at one Direct Connect location. AWS's resiliency
#   recommendations call for at least one connection at each of two locations (high
#   resiliency), and two at each of two (maximum resiliency) for critical workloads: one
#   device, one fibre or one building is otherwise a single point of failure. Interfaces
#   that are deleted or rejected do not count; a down one still counts as a path (it is
#   reported by DX002). SecureCart practice: Direct Connect for the logistics partner, up
#   and redundant. The rule judges every gateway that serves VPCs; waive it for a
#   non-production gateway.
# custom:
#   id: DX003
#   practice: direct-connect
#   severity: medium
#   remediation: |
#     Order a second connection at a different Direct Connect location (the Resiliency
#     Toolkit in the Direct Connect console sets this up), and create a virtual interface on
#     it to the same gateway. Test failover with the toolkit's failover test.
#   controls: ["AWS-WA REL02-BP02"]
#   resource_types: ["AWS::DirectConnect::DirectConnectGateway", "AWS::EC2::VPNGateway"]
#   requires: ["directconnect:DescribeVirtualInterfaces", "directconnect:DescribeDirectConnectGateways", "directconnect:DescribeDirectConnectGatewayAssociations"]
package moat.rules.directconnect.no_redundancy

import data.moat.lib.result

_gone := {"deleting", "deleted", "rejected"}

# Every live virtual interface of the account, with its region.
_vifs := [[region, v] |
	some region, r in input.regions
	some v in object.get(r, ["directconnect", "VirtualInterfaces"], [])
	not object.get(v, "virtualInterfaceState", "") in _gone
]

# The gateways that serve VPCs: {id: [type, name, region, arn]}.
_served[id] := info if {
	some g in object.get(input, ["global", "directconnect", "Gateways"], [])
	not object.get(g, "directConnectGatewayState", "available") in {"deleting", "deleted"}
	some a in object.get(g, "associations", [])
	object.get(a, "associationState", "") in {"associated", "associating", "updating"}
	id := g.directConnectGatewayId
	info := {
		"type": "AWS::DirectConnect::DirectConnectGateway",
		"label": sprintf("Direct Connect gateway %s (%s)", [id, object.get(g, "directConnectGatewayName", "")]),
		"region": "global",
		"arn": sprintf("arn:%s:directconnect::%s:dx-gateway/%s", [object.get(input, ["account", "partition"], "aws"), object.get(input, ["account", "id"], ""), id]),
	}
}

_served[id] := info if {
	some [region, v] in _vifs
	id := object.get(v, "virtualGatewayId", "")
	id != ""
	info := {
		"type": "AWS::EC2::VPNGateway",
		"label": sprintf("virtual private gateway %s", [id]),
		"region": region,
		"arn": sprintf("arn:%s:ec2:%s:%s:vpn-gateway/%s", [object.get(input, ["account", "partition"], "aws"), region, object.get(input, ["account", "id"], ""), id]),
	}
}

_gateway_of(v) := object.get(v, "directConnectGatewayId", "") if object.get(v, "directConnectGatewayId", "") != ""

_gateway_of(v) := object.get(v, "virtualGatewayId", "") if {
	object.get(v, "directConnectGatewayId", "") == ""
	object.get(v, "virtualGatewayId", "") != ""
}

deny contains finding if {
	some id, info in _served
	paths := [v | some [_, v] in _vifs; _gateway_of(v) == id]
	count(paths) > 0
	carriers := {object.get(v, "connectionId", "") | some v in paths}
	locations := {object.get(v, "location", "") | some v in paths}
	problem := _problem(carriers, locations)
	finding := result.fail(
		{"id": id, "type": info.type, "region": info.region, "arn": info.arn},
		sprintf("%s serves VPCs over %s: a single point of failure; AWS recommends connections at two locations at least", [info.label, problem]),
		problem,
		{"connections": sort([c | some c in carriers]), "locations": sort([l | some l in locations]), "virtual_interfaces": sort([v.virtualInterfaceId | some v in paths])},
	)
}

_problem(carriers, _) := sprintf("one connection (%s)", [concat(", ", carriers)]) if count(carriers) == 1

_problem(carriers, locations) := sprintf("connections at one location only (%s)", [concat(", ", locations)]) if {
	count(carriers) > 1
	count(locations) == 1
}
