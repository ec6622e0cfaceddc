# METADATA
# title: CloudFront reaches a custom origin unencrypted or over old TLS
# description: |
#   A CloudFront distribution fetches from a custom origin (a load balancer, a web server)
#   over plain HTTP: its origin protocol policy is `http-only`, or `match-viewer` while a
#   cache behaviour that uses the origin lets viewers in over HTTP (`allow-all`), so their
#   requests reach the origin in clear text too. Or it may use SSLv3, TLS 1.0 or TLS 1.1 with
#   the origin (`OriginSslProtocols`). SecureCart practice: TLS for all traffic, not only the
#   viewer side. S3 origins are reached over HTTPS by CloudFront's S3 origin type and are not
#   judged here.
# custom:
#   id: TLS009
#   practice: tls-everywhere
#   severity: high
#   remediation: |
#     Set the origin's protocol policy to `https-only` and its SSL protocols to TLSv1.2 only
#     (`aws cloudfront update-distribution`, `CustomOriginConfig.OriginProtocolPolicy` and
#     `OriginSslProtocols`), with a certificate on the origin that matches its domain name.
#   controls: ["AWS-FSBP CloudFront.9", "AWS-FSBP CloudFront.10", "PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   requires: ["cloudfront:ListDistributions"]
package moat.rules.tls.cloudfront_origin_unencrypted

import data.moat.lib.result

_old_protocols := {"SSLv3", "TLSv1", "TLSv1.1"}

deny contains finding if {
	some d in input.global.cloudfront.Distributions
	some o in object.get(d, ["Origins", "Items"], [])
	why := _plaintext(d, o)
	finding := result.fail(
		{"id": d.Id, "type": "AWS::CloudFront::Distribution", "region": "global", "arn": d.ARN},
		sprintf("CloudFront distribution %s reaches origin %s (%s) over plain HTTP: %s", [d.Id, object.get(o, "Id", "?"), o.DomainName, why]),
		sprintf("origin %s plaintext", [object.get(o, "Id", o.DomainName)]),
		{"origin": object.get(o, "Id", null), "domain_name": o.DomainName, "origin_protocol_policy": o.CustomOriginConfig.OriginProtocolPolicy},
	)
}

deny contains finding if {
	some d in input.global.cloudfront.Distributions
	some o in object.get(d, ["Origins", "Items"], [])
	o.CustomOriginConfig.OriginProtocolPolicy != "http-only"
	old := [p | some p in object.get(o.CustomOriginConfig, ["OriginSslProtocols", "Items"], []); p in _old_protocols]
	count(old) > 0
	finding := result.fail(
		{"id": d.Id, "type": "AWS::CloudFront::Distribution", "region": "global", "arn": d.ARN},
		sprintf("CloudFront distribution %s may use %v with origin %s (%s); only TLSv1.2 should be allowed", [d.Id, old, object.get(o, "Id", "?"), o.DomainName]),
		sprintf("origin %s protocols", [object.get(o, "Id", o.DomainName)]),
		{"origin": object.get(o, "Id", null), "domain_name": o.DomainName, "origin_ssl_protocols": o.CustomOriginConfig.OriginSslProtocols.Items},
	)
}

_plaintext(_, o) := "its origin protocol policy is http-only" if {
	o.CustomOriginConfig.OriginProtocolPolicy == "http-only"
}

_plaintext(d, o) := sprintf("its origin protocol policy is match-viewer and behaviour(s) %v let viewers in over HTTP", [paths]) if {
	o.CustomOriginConfig.OriginProtocolPolicy == "match-viewer"
	paths := sort([path |
		some [path, b] in _behaviors(d)
		b.TargetOriginId == object.get(o, "Id", "")
		b.ViewerProtocolPolicy == "allow-all"
	])
	count(paths) > 0
}

_behaviors(d) := array.concat([["default (*)", d.DefaultCacheBehavior]], [[object.get(b, "PathPattern", "?"), b] | some b in object.get(d, ["CacheBehaviors", "Items"], [])])
