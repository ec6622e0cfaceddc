package moat.rules.acm.certificate_renewal_problem_test

import data.moat.lib.result
import data.moat.rules.acm.certificate_renewal_problem as rule

doc(c) := {"regions": {"r": {"acm": {"Certificates": [object.union({"CertificateArn": "arn:c", "Status": "ISSUED"}, c)]}}}}

test_ineligible_in_use_fails if {
	result.found(rule.deny) == {["r", "arn:c", "is in use but not eligible for managed renewal"]} with input as doc({"RenewalEligibility": "INELIGIBLE", "InUseBy": ["arn:lb"]})
}

test_failed_renewal_fails if {
	result.found(rule.deny) == {["r", "arn:c", "failed managed renewal (CAA_ERROR)"]} with input as doc({"RenewalEligibility": "ELIGIBLE", "RenewalSummary": {"RenewalStatus": "FAILED", "RenewalStatusReason": "CAA_ERROR"}})
}

test_ineligible_unused_passes if {
	count(rule.deny) == 0 with input as doc({"RenewalEligibility": "INELIGIBLE", "InUseBy": []})
}
