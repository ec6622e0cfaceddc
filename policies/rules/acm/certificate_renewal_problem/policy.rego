# METADATA
# title: Certificate in use cannot be renewed
# description: |
#   An ACM certificate that is in use is not eligible for managed renewal, or its last
#   managed renewal failed. It will expire unless someone acts.
# custom:
#   id: ACM002
#   practice: acm-certificates
#   severity: medium
#   remediation: |
#     For a failed renewal, fix the reason ACM gives (usually missing DNS validation
#     records); for an ineligible certificate, replace it with an ACM-issued one using DNS
#     validation.
#   controls: ["AWS-FSBP ACM.1"]
#   resource_types: ["AWS::CertificateManager::Certificate"]
#   requires: ["acm:ListCertificates", "acm:DescribeCertificate"]
package moat.rules.acm.certificate_renewal_problem

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some c in r.acm.Certificates
	problem := _problem(c)
	finding := result.fail(
		{"id": c.CertificateArn, "type": "AWS::CertificateManager::Certificate", "region": region, "arn": c.CertificateArn},
		sprintf("certificate for %s %s", [object.get(c, "DomainName", "?"), problem]),
		problem,
		{"renewal_eligibility": object.get(c, "RenewalEligibility", null), "renewal_status": object.get(c, ["RenewalSummary", "RenewalStatus"], null), "in_use_by": object.get(c, "InUseBy", [])},
	)
}

_problem(c) := "is in use but not eligible for managed renewal" if {
	c.RenewalEligibility == "INELIGIBLE"
	count(object.get(c, "InUseBy", [])) > 0
}

_problem(c) := sprintf("failed managed renewal (%s)", [object.get(c, ["RenewalSummary", "RenewalStatusReason"], "no reason given")]) if {
	c.RenewalSummary.RenewalStatus == "FAILED"
}
