package moat.rules.tls.cloudfront_origin_unencrypted_test

import data.moat.lib.result
import data.moat.rules.tls.cloudfront_origin_unencrypted as rule

doc(policy, protocols, viewer) := {"global": {"cloudfront": {"Distributions": [{
	"Id": "E1", "ARN": "arn:aws:cloudfront::1:distribution/E1",
	"Origins": {"Quantity": 2, "Items": [
		{"Id": "alb", "DomainName": "alb.example", "CustomOriginConfig": {"OriginProtocolPolicy": policy, "OriginSslProtocols": {"Quantity": count(protocols), "Items": protocols}}},
		{"Id": "s3", "DomainName": "b.s3.amazonaws.com"},
	]},
	"DefaultCacheBehavior": {"TargetOriginId": "alb", "ViewerProtocolPolicy": viewer},
}]}}}

test_https_only_tls12_passes if {
	count(rule.deny) == 0 with input as doc("https-only", ["TLSv1.2"], "allow-all")
}

test_http_only_fails if {
	result.found(rule.deny) == {["global", "E1", "origin alb plaintext"]} with input as doc("http-only", ["TLSv1"], "redirect-to-https")
}

test_match_viewer_fails_only_when_viewers_may_use_http if {
	result.found(rule.deny) == {["global", "E1", "origin alb plaintext"]} with input as doc("match-viewer", ["TLSv1.2"], "allow-all")
	count(rule.deny) == 0 with input as doc("match-viewer", ["TLSv1.2"], "redirect-to-https")
}

test_old_origin_protocols_fail if {
	findings := rule.deny with input as doc("https-only", ["TLSv1", "TLSv1.1", "TLSv1.2"], "https-only")
	result.found(findings) == {["global", "E1", "origin alb protocols"]}
}
