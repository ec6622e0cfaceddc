# METADATA
# title: Transit gateway auto-accepts shared attachments
# description: |
#   A transit gateway has AutoAcceptSharedAttachments enabled: any account it is shared with
#   can attach a VPC and, with default route-table association and propagation, reach every
#   other attached network without review.
# custom:
#   id: TGW001
#   practice: segmentation
#   severity: medium
#   remediation: |
#     `aws ec2 modify-transit-gateway --transit-gateway-id <tgw> --options
#     AutoAcceptSharedAttachments=disable`, and accept attachments explicitly.
#   controls: ["AWS-FSBP EC2.23", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::TransitGateway"]
#   requires: ["ec2:DescribeTransitGateways"]
package moat.rules.connectivity.transit_gateway_auto_accept

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some tgw in r.ec2.TransitGateways
	tgw.Options.AutoAcceptSharedAttachments == "enable"
	finding := result.fail(
		{"id": tgw.TransitGatewayId, "type": "AWS::EC2::TransitGateway", "region": region, "arn": object.get(tgw, "TransitGatewayArn", result.ec2_arn(region, "transit-gateway", tgw.TransitGatewayId))},
		sprintf("transit gateway %s automatically accepts shared attachments", [tgw.TransitGatewayId]),
		"AutoAcceptSharedAttachments",
		{"options": tgw.Options},
	)
}
