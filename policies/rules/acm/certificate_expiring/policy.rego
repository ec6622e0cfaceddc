# METADATA
# title: Certificate expires soon or has expired
# description: |
#   An ACM certificate's NotAfter is within `certificate_expiry_days` (default 30) of the
#   snapshot's collection time, or already past. Clients will reject the endpoints that
#   serve it. Decided as of `collected_at`, so a snapshot always gives the same answer.
# custom:
#   id: ACM001
#   practice: acm-certificates
#   severity: high
#   remediation: |
#     Renew or replace the certificate: for an ACM-issued certificate, check why managed
#     renewal has not happened (DNS validation records present?); for an imported one,
#     import the renewed certificate with `aws acm import-certificate --certificate-arn <arn> …`.
#   controls: ["AWS-FSBP ACM.1", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::CertificateManager::Certificate"]
#   requires: ["acm:ListCertificates", "acm:DescribeCertificate"]
#   needs_moat_input: true
package moat.rules.acm.certificate_expiring

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some c in r.acm.Certificates
	days := input.moat.certificate_days_left[region][c.CertificateArn]
	days <= data.moat.config.certificate_expiry_days
	state := _state(days)
	finding := result.fail(
		{"id": c.CertificateArn, "type": "AWS::CertificateManager::Certificate", "region": region, "arn": c.CertificateArn},
		sprintf("certificate for %s %s (NotAfter %s)", [object.get(c, "DomainName", "?"), state, c.NotAfter]),
		"expiry",
		{"not_after": c.NotAfter, "days_left": days, "threshold_days": data.moat.config.certificate_expiry_days},
	)
}

_state(days) := sprintf("expired %d day(s) before collection", [0 - days]) if days < 0

_state(days) := sprintf("expires %d day(s) after collection", [days]) if days >= 0
