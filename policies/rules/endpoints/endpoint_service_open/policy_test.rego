package moat.rules.endpoints.endpoint_service_open_test

import data.moat.lib.result
import data.moat.rules.endpoints.endpoint_service_open as rule

svc(acceptance, principals) := {"ServiceId": "vpce-svc-1", "ServiceName": "com.amazonaws.vpce.r.vpce-svc-1", "ServiceState": "Available", "AcceptanceRequired": acceptance, "AllowedPrincipals": [{"Principal": p} | some p in principals]}

doc(s) := {"regions": {"r": {"ec2": {"VpcEndpointServiceConfigurations": [s]}}}}

test_everyone_without_review_is_high if {
	result.found(rule.deny) == {["r", "vpce-svc-1", "endpoint service access"]} with input as doc(svc(false, ["*"]))
	some f in rule.deny with input as doc(svc(false, ["*"]))
	f.severity == "high"
}

test_everyone_with_review_is_medium if {
	some f in rule.deny with input as doc(svc(true, ["*"]))
	f.severity == "medium"
	contains(f.message, "principal *")
}

test_named_consumers_without_review_is_medium if {
	some f in rule.deny with input as doc(svc(false, ["arn:aws:iam::111111111111:root"]))
	f.severity == "medium"
	contains(f.message, "without review")
}

test_named_consumers_with_review_passes if {
	count(rule.deny) == 0 with input as doc(svc(true, ["arn:aws:iam::111111111111:root"]))
}

test_permissions_not_read_is_not_judged if {
	count(rule.deny) == 0 with input as doc(object.remove(svc(true, []), ["AllowedPrincipals"]))
}

test_deleted_service_is_not_reported if {
	count(rule.deny) == 0 with input as doc(object.union(svc(false, ["*"]), {"ServiceState": "Deleted"}))
}
