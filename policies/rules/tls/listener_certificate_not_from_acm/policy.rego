# METADATA
# title: Listener certificate not managed by ACM
# description: |
#   An HTTPS or TLS listener serves a certificate that is not in AWS Certificate Manager
#   (an IAM server certificate). Such certificates are not renewed automatically and expire
#   unnoticed. SecureCart practice: ACM-managed certificates.
# custom:
#   id: TLS006
#   practice: acm-certificates
#   severity: medium
#   remediation: |
#     Request or import the certificate in ACM and replace the listener's certificate:
#     `aws elbv2 modify-listener --listener-arn <arn> --certificates CertificateArn=<acm-arn>`.
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::Listener"]
#   requires: ["elbv2:DescribeListeners"]
package moat.rules.tls.listener_certificate_not_from_acm

import data.moat.lib.elb
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some l in r.elbv2.Listeners
	some cert in object.get(l, "Certificates", [])
	not contains(cert.CertificateArn, ":acm:")
	finding := result.fail(
		elb.listener_resource(region, l),
		sprintf("%s listener on port %d serves certificate %s, which is not managed by ACM", [l.Protocol, l.Port, cert.CertificateArn]),
		sprintf("certificate %s", [cert.CertificateArn]),
		{"certificate_arn": cert.CertificateArn, "port": l.Port},
	)
}
