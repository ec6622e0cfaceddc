# METADATA
# title: Certificate in use is not issued
# description: |
#   A certificate attached to a load balancer, API or distribution is not in state ISSUED
#   (for example EXPIRED, REVOKED or FAILED). Clients will see certificate errors.
# custom:
#   id: ACM003
#   practice: acm-certificates
#   severity: high
#   remediation: |
#     Attach an issued certificate to the resources listed in InUseBy, then delete or fix
#     this one.
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::CertificateManager::Certificate"]
#   requires: ["acm:ListCertificates", "acm:DescribeCertificate"]
package moat.rules.acm.certificate_in_use_not_issued

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some c in r.acm.Certificates
	users := object.get(c, "InUseBy", [])
	count(users) > 0
	c.Status != "ISSUED"
	finding := result.fail(
		{"id": c.CertificateArn, "type": "AWS::CertificateManager::Certificate", "region": region, "arn": c.CertificateArn},
		sprintf("certificate for %s is %s but in use by %d resource(s)", [object.get(c, "DomainName", "?"), c.Status, count(users)]),
		"status",
		{"status": c.Status, "in_use_by": users},
	)
}
