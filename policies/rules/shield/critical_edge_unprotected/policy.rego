# METADATA
# title: Critical edge without Shield Advanced protection
# description: |
#   An internet-facing load balancer or a CloudFront distribution tagged as critical
#   (`critical_tag`, default Criticality = critical or high) has no Shield Advanced
#   protection, so it gets neither DDoS response team support nor cost protection.
#   SecureCart practice: Shield on critical edges. When the account has no Shield Advanced
#   subscription at all, the finding is reported at severity info: subscribing is an
#   account-level decision with a cost.
# custom:
#   id: SHIELD001
#   practice: shield
#   severity: high
#   remediation: |
#     Protect the resource: `aws shield create-protection --name <name> --resource-arn <arn>`
#     (after `aws shield create-subscription` when the account has none).
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::CloudFront::Distribution"]
#   requires: ["shield:DescribeSubscription", "shield:ListProtections", "elbv2:DescribeLoadBalancers", "elbv2:DescribeTags", "cloudfront:ListDistributions"]
package moat.rules.shield.critical_edge_unprotected

import data.moat.lib.result
import data.moat.lib.shield

deny contains finding if {
	shield.subscribed
	some [region, res] in shield.critical_edges
	not shield.protected[res.arn]
	finding := result.fail(
		res,
		sprintf("critical %s %s has no Shield Advanced protection", [res.type, res.id]),
		"shield protection",
		{"subscription_state": "ACTIVE"},
	)
}

deny contains finding if {
	not shield.subscribed
	some [region, res] in shield.critical_edges
	finding := result.fail_with_severity(
		res,
		sprintf("critical %s %s has no Shield Advanced protection: the account has no Shield Advanced subscription", [res.type, res.id]),
		"shield protection",
		{"subscription_state": object.get(input, ["global", "shield", "SubscriptionState"], "unknown")},
		"info",
	)
}
