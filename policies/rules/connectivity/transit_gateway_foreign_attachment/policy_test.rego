package moat.rules.connectivity.transit_gateway_foreign_attachment_test

import data.moat.lib.result
import data.moat.rules.connectivity.transit_gateway_foreign_attachment as rule

attachment(owner, state) := {"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1", "ResourceOwnerId": owner, "ResourceType": "vpc", "ResourceId": "vpc-9", "State": state}

doc(a) := {"account": {"id": "111111111111"}, "regions": {"r": {"ec2": {
	"TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "111111111111"}],
	"TransitGatewayAttachments": [a],
}}}}

test_foreign_attachment_outside_the_organization_is_medium if {
	fs := rule.deny with input as doc(attachment("999999999999", "available"))
		with data.moat.config.organization_accounts as ["111111111111", "222222222222"]
	result.found(fs) == {["r", "tgw-attach-1", "attachment owner 999999999999"]}
	some f in fs
	f.severity == "medium"
}

test_organization_account_passes if {
	count(rule.deny) == 0 with input as doc(attachment("222222222222", "available"))
		with data.moat.config.organization_accounts as ["111111111111", "222222222222"]
}

test_allow_listed_partner_passes if {
	count(rule.deny) == 0 with input as doc(attachment("999999999999", "available"))
		with data.moat.config.transit_gateway_allowed_accounts as ["999999999999"]
}

test_unknown_organization_is_info_not_silence if {
	fs := rule.deny with input as doc(attachment("999999999999", "available"))
		with data.moat.config.organization_accounts as []
		with data.moat.config.transit_gateway_allowed_accounts as []
	result.found(fs) == {["r", "tgw-attach-1", "attachment owner 999999999999"]}
	some f in fs
	f.severity == "info"
}

test_own_attachment_passes if {
	count(rule.deny) == 0 with input as doc(attachment("111111111111", "available"))
}

test_rejected_attachment_is_not_reported if {
	count(rule.deny) == 0 with input as doc(attachment("999999999999", "rejected"))
		with data.moat.config.organization_accounts as ["111111111111"]
}

test_attachment_to_a_shared_gateway_is_the_owners_concern if {
	d := {"account": {"id": "111111111111"}, "regions": {"r": {"ec2": {
		"TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "333333333333"}],
		"TransitGatewayAttachments": [attachment("999999999999", "available")],
	}}}}
	count(rule.deny) == 0 with input as d
		with data.moat.config.organization_accounts as ["111111111111"]
}
