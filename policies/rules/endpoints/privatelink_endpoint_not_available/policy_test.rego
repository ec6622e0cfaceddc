package moat.rules.endpoints.privatelink_endpoint_not_available_test

import data.moat.lib.result
import data.moat.rules.endpoints.privatelink_endpoint_not_available as rule

ep(service, state) := {"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "ServiceName": service, "State": state}

doc(e) := {"regions": {"r": {"ec2": {"VpcEndpoints": [e]}}}}

partner := "com.amazonaws.vpce.r.vpce-svc-0123456789abcdef0"

test_pending_acceptance_fails if {
	result.found(rule.deny) == {["r", "vpce-1", "privatelink state"]} with input as doc(ep(partner, "pendingAcceptance"))
}

test_rejected_failed_expired_partial_fail if {
	every state in ["rejected", "failed", "expired", "partial", "pending"] {
		result.found(rule.deny) == {["r", "vpce-1", "privatelink state"]} with input as doc(ep(partner, state))
	}
}

test_available_passes if {
	count(rule.deny) == 0 with input as doc(ep(partner, "available"))
}

test_deleted_is_not_reported if {
	every state in ["deleting", "deleted"] {
		count(rule.deny) == 0 with input as doc(ep(partner, state))
	}
}

test_aws_service_endpoint_is_another_rules_concern if {
	count(rule.deny) == 0 with input as doc(ep("com.amazonaws.r.secretsmanager", "pendingAcceptance"))
}

test_absent_state_is_reported_as_unknown if {
	e := object.remove(ep(partner, ""), ["State"])
	some f in rule.deny with input as doc(e)
	contains(f.message, "is unknown") with input as doc(e)
}
