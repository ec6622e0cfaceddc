package moat.rules.tls.cloudfront_allows_http_test

import data.moat.lib.result
import data.moat.rules.tls.cloudfront_allows_http as rule

doc(default_policy, path) := {"global": {"cloudfront": {"Distributions": [{
	"Id": "E1", "ARN": "arn:cf",
	"DefaultCacheBehavior": {"ViewerProtocolPolicy": default_policy},
	"CacheBehaviors": {"Quantity": 1, "Items": [{"PathPattern": "/img/*", "ViewerProtocolPolicy": path}]},
}]}}}

test_default_allow_all_fails if {
	result.found(rule.deny) == {["global", "E1", "behavior default (*)"]} with input as doc("allow-all", "https-only")
}

test_path_allow_all_fails if {
	result.found(rule.deny) == {["global", "E1", "behavior /img/*"]} with input as doc("redirect-to-https", "allow-all")
}

test_https_passes if {
	count(rule.deny) == 0 with input as doc("redirect-to-https", "https-only")
}
