package moat.rules.shield.critical_edge_unprotected_test

import data.moat.lib.result
import data.moat.rules.shield.critical_edge_unprotected as rule

doc(protections) := {
	"regions": {"r": {"elbv2": {"LoadBalancers": [{"LoadBalancerArn": "arn:lb", "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application", "Tags": [{"Key": "Criticality", "Value": "critical"}]}]}}},
	"global": {"shield": {"SubscriptionState": "ACTIVE", "Protections": protections}},
}

test_unprotected_critical_alb_fails if {
	result.found(rule.deny) == {["r", "web", "shield protection"]} with input as doc([])
}

test_protected_passes if {
	count(rule.deny) == 0 with input as doc([{"ResourceArn": "arn:lb"}])
}

test_without_subscription_reports_info if {
	d := object.union(doc([]), {"global": {"shield": {"SubscriptionState": "INACTIVE"}}})
	findings := rule.deny with input as d
	result.found(findings) == {["r", "web", "shield protection"]}
	some f in findings
	f.severity == "info"
}
