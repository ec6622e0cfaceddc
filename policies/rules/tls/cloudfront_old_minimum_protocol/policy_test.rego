package moat.rules.tls.cloudfront_old_minimum_protocol_test

import data.moat.lib.result
import data.moat.rules.tls.cloudfront_old_minimum_protocol as rule

doc(vc) := {"global": {"cloudfront": {"Distributions": [{"Id": "E1", "ARN": "arn:cf", "ViewerCertificate": vc, "DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"}}]}}}

test_tls1_fails if {
	result.found(rule.deny) == {["global", "E1", "minimum protocol version"]} with input as doc({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": "arn:c", "MinimumProtocolVersion": "TLSv1_2016"})
}

test_default_certificate_fails if {
	result.found(rule.deny) == {["global", "E1", "minimum protocol version"]} with input as doc({"CloudFrontDefaultCertificate": true})
}

test_modern_passes if {
	count(rule.deny) == 0 with input as doc({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": "arn:c", "MinimumProtocolVersion": "TLSv1.2_2021"})
}

test_absent_minimum_is_read_as_tlsv1_and_says_so if {
	findings := rule.deny with input as doc({"CloudFrontDefaultCertificate": false, "ACMCertificateArn": "arn:c"})
	result.found(findings) == {["global", "E1", "minimum protocol version"]}
	some f in findings
	contains(f.message, "has no MinimumProtocolVersion set; read as TLSv1")
}
