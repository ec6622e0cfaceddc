package moat.rules.acm.certificate_expiring_test

import data.moat.lib.result
import data.moat.rules.acm.certificate_expiring as rule

doc(days) := {
	"regions": {"r": {"acm": {"Certificates": [{"CertificateArn": "arn:c", "DomainName": "shop.example", "Status": "ISSUED", "NotAfter": "2027-01-01T00:00:00Z"}]}}},
	"moat": {"certificate_days_left": {"r": {"arn:c": days}}},
}

test_expiring_fails if {
	result.found(rule.deny) == {["r", "arn:c", "expiry"]} with input as doc(10)
}

test_expired_fails if {
	result.found(rule.deny) == {["r", "arn:c", "expiry"]} with input as doc(-3)
}

test_far_expiry_passes if {
	count(rule.deny) == 0 with input as doc(200)
}

test_threshold_is_configurable if {
	result.found(rule.deny) == {["r", "arn:c", "expiry"]} with input as doc(40) with data.moat.config.certificate_expiry_days as 45
}
