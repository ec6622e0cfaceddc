# METADATA
# title: Transit gateway attachment from an account outside the organization
# description: |
#   A transit gateway this account owns has an attachment (not deleted, rejected or failed)
#   whose resource belongs to another account that is neither one of the organization's
#   accounts nor on the allow-list. Through it that account's network routes into every
#   network the attachment's route table reaches. The organization's accounts are known
#   during `moat scan --org` (`config.organization_accounts`, which moat fills in), and the
#   allow-list is `config.transit_gateway_allowed_accounts`. When neither is known, a
#   cross-account attachment cannot be judged: it is reported at info severity, asking for the
#   list, and never passes silently.
#   SecureCart practice: connect workload accounts through a transit gateway securely.
# custom:
#   id: TGW003
#   practice: segmentation
#   severity: medium
#   remediation: |
#     Delete the attachment (`aws ec2 delete-transit-gateway-vpc-attachment`) and stop
#     sharing the transit gateway with that account (AWS RAM), or, if the account is a
#     partner you mean to connect, add it to `transit_gateway_allowed_accounts` and give its
#     attachment a route table of its own.
#   controls: ["PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::TransitGatewayAttachment"]
#   requires: ["ec2:DescribeTransitGateways", "ec2:DescribeTransitGatewayAttachments"]
package moat.rules.connectivity.transit_gateway_foreign_attachment

import data.moat.lib.result

known := {a | some a in object.get(data.moat.config, "transit_gateway_allowed_accounts", [])} | {a | some a in object.get(data.moat.config, "organization_accounts", [])}

deny contains finding if {
	some region, r in input.regions
	me := object.get(input, ["account", "id"], "")
	owned := {t.TransitGatewayId | some t in object.get(r, ["ec2", "TransitGateways"], []); object.get(t, "OwnerId", me) == me}
	some a in object.get(r, ["ec2", "TransitGatewayAttachments"], [])
	owned[a.TransitGatewayId]
	not object.get(a, "State", "") in {"deleted", "deleting", "rejected", "failed"}
	owner := object.get(a, "ResourceOwnerId", me)
	owner != me
	not known[owner]
	finding := result.fail_with_severity(
		{"id": a.TransitGatewayAttachmentId, "type": "AWS::EC2::TransitGatewayAttachment", "region": region, "arn": result.ec2_arn(region, "transit-gateway-attachment", a.TransitGatewayAttachmentId)},
		_message(a, owner),
		sprintf("attachment owner %s", [owner]),
		{"transit_gateway_id": a.TransitGatewayId, "resource_owner_id": owner, "resource_type": object.get(a, "ResourceType", ""), "resource_id": object.get(a, "ResourceId", ""), "known_accounts": count(known)},
		_severity,
	)
}

_message(a, owner) := sprintf("transit gateway %s has attachment %s (%s %s) from account %s, which is neither in the organization nor on the allow-list", [a.TransitGatewayId, a.TransitGatewayAttachmentId, object.get(a, "ResourceType", ""), object.get(a, "ResourceId", ""), owner]) if count(known) > 0

_message(a, owner) := sprintf("transit gateway %s has attachment %s (%s %s) from account %s; moat cannot tell whether that account is yours: scan with --org, or list your accounts in transit_gateway_allowed_accounts", [a.TransitGatewayId, a.TransitGatewayAttachmentId, object.get(a, "ResourceType", ""), object.get(a, "ResourceId", ""), owner]) if count(known) == 0

_severity := "medium" if count(known) > 0

_severity := "info" if count(known) == 0
