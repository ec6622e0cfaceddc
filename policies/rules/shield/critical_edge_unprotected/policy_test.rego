package moat.rules.shield.critical_edge_unprotected_test

import data.moat.rules.shield.critical_edge_unprotected as rule

doc(protections) := {
	"regions": {"r": {"elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application", "Tags": [{"Key": "Criticality", "Value": "critical"}]}]}}},
	"global": {"shield": {"SubscriptionState": "ACTIVE", "Protections": protections}},
}

test_unprotected_critical_alb_fails if {
	count(rule.deny) == 1 with input as doc([])
}

test_protected_passes if {
	count(rule.deny) == 0 with input as doc([{"ResourceArn": "arn:lb"}])
}

test_without_subscription_reports_info if {
	d := object.union(doc([]), {"global": {"shield": {"SubscriptionState": "INACTIVE"}}})
	findings := rule.deny with input as d
	count(findings) == 1
	some f in findings
	f.severity == "info"
}
