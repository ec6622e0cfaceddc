package moat.rules.acm.certificate_in_use_not_issued_test

import data.moat.lib.result
import data.moat.rules.acm.certificate_in_use_not_issued as rule

doc(status, users) := {"regions": {"r": {"acm": {"Certificates": [{"CertificateArn": "arn:c", "Status": status, "InUseBy": users}]}}}}

test_expired_in_use_fails if {
	result.found(rule.deny) == {["r", "arn:c", "status"]} with input as doc("EXPIRED", ["arn:lb"])
}

test_issued_passes if {
	count(rule.deny) == 0 with input as doc("ISSUED", ["arn:lb"])
}

test_unused_pending_passes if {
	count(rule.deny) == 0 with input as doc("PENDING_VALIDATION", [])
}
