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
#   and redundant, for the gateways that serve production VPCs: when the account tags its
#   environments (config `production_tag`, by default `Environment` = production/prod, on
#   any VPC or transit gateway), a Direct Connect gateway is judged only when it is
#   associated with a transit gateway tagged production or attached to a production VPC.
#   A gateway associated with a virtual private gateway is judged in any case (the snapshot
#   does not hold which VPC that gateway is attached to), and so is every gateway of an
#   account that does not tag environments.
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
#   requires: ["directconnect:DescribeVirtualInterfaces", "directconnect:DescribeDirectConnectGateways", "directconnect:DescribeDirectConnectGatewayAssociations", "ec2:DescribeVpcs", "ec2:DescribeTransitGateways", "ec2:DescribeTransitGatewayAttachments"]
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
		"associated": {{"id": object.get(x, ["associatedGateway", "id"], ""), "type": object.get(x, ["associatedGateway", "type"], "")} |
			some x in object.get(g, "associations", [])
			object.get(x, "associationState", "") in {"associated", "associating", "updating"}
		},
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
		"associated": set(),
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

_cfg := data.moat.config.production_tag

_production(tags) if {
	some t in tags
	t.Key == _cfg.key
	lower(object.get(t, "Value", "")) in _cfg.values
}

# The account tags its environments: some VPC or transit gateway carries the key.
_tags_environments if {
	some r in input.regions
	some x in array.concat(object.get(r, ["ec2", "Vpcs"], []), object.get(r, ["ec2", "TransitGateways"], []))
	some t in object.get(x, "Tags", [])
	t.Key == _cfg.key
}

_production_vpcs := {v.VpcId |
	some r in input.regions
	some v in object.get(r, ["ec2", "Vpcs"], [])
	_production(object.get(v, "Tags", []))
}

# A production transit gateway: tagged so, or attached to a production VPC.
_production_tgws := {g.TransitGatewayId |
	some r in input.regions
	some g in object.get(r, ["ec2", "TransitGateways"], [])
	_production(object.get(g, "Tags", []))
} | {a.TransitGatewayId |
	some r in input.regions
	some a in object.get(r, ["ec2", "TransitGatewayAttachments"], [])
	object.get(a, "ResourceType", "") == "vpc"
	object.get(a, "ResourceId", "") in _production_vpcs
}

_judged(_) if not _tags_environments

_judged(info) if info.type == "AWS::EC2::VPNGateway"

_judged(info) if {
	some gw in info.associated
	gw.type != "transitGateway"
}

_judged(info) if {
	some gw in info.associated
	gw.type == "transitGateway"
	gw.id in _production_tgws
}

deny contains finding if {
	some id, info in _served
	_judged(info)
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
