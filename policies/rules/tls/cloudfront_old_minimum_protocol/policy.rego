# METADATA
# title: CloudFront accepts TLS older than TLSv1.2_2021
# description: |
#   A CloudFront distribution's minimum viewer protocol version is below TLSv1.2_2021, or it
#   uses the default *.cloudfront.net certificate (which accepts TLSv1). Old TLS versions and
#   ciphers are accepted from viewers. SecureCart practice: modern TLS policies.
#   A custom-certificate distribution without MinimumProtocolVersion is read as TLSv1, and
#   the message says it was not set.
# custom:
#   id: TLS004
#   practice: modern-tls
#   severity: medium
#   remediation: |
#     Use an ACM certificate with SNI and set the viewer certificate's minimum protocol
#     version to TLSv1.2_2021 (or newer).
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   requires: ["cloudfront:ListDistributions"]
package moat.rules.tls.cloudfront_old_minimum_protocol

import data.moat.lib.result

modern := {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

deny contains finding if {
	some d in input.global.cloudfront.Distributions
	version := _version(object.get(d, "ViewerCertificate", {}))
	not version in modern
	finding := result.fail(
		{"id": d.Id, "type": "AWS::CloudFront::Distribution", "region": "global", "arn": d.ARN},
		_message(d.Id, version, object.get(d, "ViewerCertificate", {})),
		"minimum protocol version",
		{"minimum_protocol_version": version},
	)
}

# Absent from the snapshot: read as TLSv1, the oldest policy CloudFront accepts, and said so
# rather than presented as observed.
_message(id, version, vc) := msg if {
	object.get(vc, "CloudFrontDefaultCertificate", true) == false
	object.get(vc, "MinimumProtocolVersion", null) == null
	msg := sprintf("CloudFront distribution %s has no MinimumProtocolVersion set; read as %s, the oldest policy CloudFront accepts; TLSv1.2_2021 or newer is expected", [id, version])
} else := sprintf("CloudFront distribution %s accepts viewer TLS from %s; TLSv1.2_2021 or newer is expected", [id, version])

_version(vc) := "TLSv1 (default CloudFront certificate)" if {
	object.get(vc, "CloudFrontDefaultCertificate", true) == true
} else := object.get(vc, "MinimumProtocolVersion", "TLSv1")
