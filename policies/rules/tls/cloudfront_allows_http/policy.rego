# METADATA
# title: CloudFront serves viewers over plain HTTP
# description: |
#   A CloudFront distribution's default or path-specific cache behaviour has viewer protocol
#   policy allow-all, so viewers can browse over plain HTTP. SecureCart practice: HTTPS only.
# custom:
#   id: TLS003
#   practice: https-only
#   severity: high
#   remediation: |
#     Set the behaviour's viewer protocol policy to redirect-to-https (or https-only) and
#     deploy the distribution.
#   controls: ["AWS-FSBP CloudFront.3", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   requires: ["cloudfront:ListDistributions"]
package moat.rules.tls.cloudfront_allows_http

import data.moat.lib.result

deny contains finding if {
	some d in input.global.cloudfront.Distributions
	some [path, behavior] in _behaviors(d)
	behavior.ViewerProtocolPolicy == "allow-all"
	finding := result.fail(
		{"id": d.Id, "type": "AWS::CloudFront::Distribution", "region": "global", "arn": d.ARN},
		sprintf("CloudFront distribution %s serves %s over HTTP (viewer protocol policy allow-all)", [d.Id, path]),
		sprintf("behavior %s", [path]),
		{"path_pattern": path, "viewer_protocol_policy": behavior.ViewerProtocolPolicy},
	)
}

_behaviors(d) := array.concat([["default (*)", d.DefaultCacheBehavior]], [[object.get(b, "PathPattern", "?"), b] | some b in object.get(d, ["CacheBehaviors", "Items"], [])])
