# METADATA
# title: Transit gateway joins every attachment to one routing domain
# description: |
#   A transit gateway both associates new attachments with its default route table
#   (`DefaultRouteTableAssociation` enable) and propagates their routes into it
#   (`DefaultRouteTablePropagation` enable): every VPC, VPN and peering attached to it can
#   reach every other, the opposite of segmenting workload accounts. SecureCart practice:
#   connect workload accounts through a transit gateway with least-privilege routing, one
#   route table per segment (production, payment, shared services) and propagation only
#   where a segment must reach another. Either option alone can be part of a segmented
#   design; both together make one flat network.
# custom:
#   id: TGW002
#   practice: segmentation
#   severity: medium
#   remediation: |
#     Turn off default propagation (`aws ec2 modify-transit-gateway --transit-gateway-id
#     <tgw> --options DefaultRouteTablePropagation=disable`), create a route table per
#     segment, associate each attachment with its segment's table and propagate only the
#     routes each segment needs.
#   controls: ["PCI-DSS-4.0 1.2.1", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::TransitGateway"]
#   requires: ["ec2:DescribeTransitGateways"]
package moat.rules.connectivity.transit_gateway_not_segmented

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some tgw in r.ec2.TransitGateways
	tgw.Options.DefaultRouteTableAssociation == "enable"
	tgw.Options.DefaultRouteTablePropagation == "enable"
	finding := result.fail(
		{"id": tgw.TransitGatewayId, "type": "AWS::EC2::TransitGateway", "region": region, "arn": object.get(tgw, "TransitGatewayArn", result.ec2_arn(region, "transit-gateway", tgw.TransitGatewayId))},
		sprintf("transit gateway %s associates every attachment with its default route table and propagates every attachment's routes into it: all attachments reach each other", [tgw.TransitGatewayId]),
		"DefaultRouteTableAssociation+DefaultRouteTablePropagation",
		{"default_route_table_association": "enable", "default_route_table_propagation": "enable", "route_table": object.get(tgw.Options, "AssociationDefaultRouteTableId", null)},
	)
}
