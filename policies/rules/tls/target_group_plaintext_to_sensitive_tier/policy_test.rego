package moat.rules.tls.target_group_plaintext_to_sensitive_tier_test

import data.moat.lib.result
import data.moat.rules.tls.target_group_plaintext_to_sensitive_tier as rule

doc(listener_protocol, tg_protocol, tier) := {"regions": {"r": {
	"elbv2": {
		"Listeners": [{"ListenerArn": "arn:l", "Protocol": listener_protocol, "Port": 443, "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:tg"}]}],
		"TargetGroups": [{"TargetGroupArn": "arn:tg", "TargetGroupName": "orders", "Protocol": tg_protocol, "TargetType": "instance", "TargetHealthDescriptions": [{"Target": {"Id": "i-1", "Port": 8080}}]}],
	},
	"ec2": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1", "Tags": [{"Key": "Tier", "Value": tier}]}]}]},
}}}

test_https_to_http_data_tier_fails if {
	result.found(rule.deny) == {["r", "orders", "plaintext from arn:l"]} with input as doc("HTTPS", "HTTP", "data")
}

test_tls_to_tcp_data_tier_fails if {
	result.found(rule.deny) == {["r", "orders", "plaintext from arn:l"]} with input as doc("TLS", "TCP", "data")
}

test_https_to_https_passes if {
	count(rule.deny) == 0 with input as doc("HTTPS", "HTTPS", "data")
}

test_app_tier_is_not_reported_by_default if {
	count(rule.deny) == 0 with input as doc("HTTPS", "HTTP", "app")
}

test_configured_tiers_are_honoured if {
	result.found(rule.deny) == {["r", "orders", "plaintext from arn:l"]} with input as doc("HTTPS", "HTTP", "app")
		with data.moat.config.tls_to_targets_tiers as ["app", "data"]
}

test_plain_http_listener_is_another_rules_concern if {
	count(rule.deny) == 0 with input as doc("HTTP", "HTTP", "data")
}

test_weighted_forward_config_counts if {
	d := {"regions": {"r": {
		"elbv2": {
			"Listeners": [{"ListenerArn": "arn:l", "Protocol": "HTTPS", "Port": 443, "DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "arn:tg", "Weight": 1}]}}]}],
			"TargetGroups": [{"TargetGroupArn": "arn:tg", "TargetGroupName": "orders", "Protocol": "HTTP", "TargetHealthDescriptions": [{"Target": {"Id": "i-1"}}]}],
		},
		"ec2": {"Reservations": [{"Instances": [{"InstanceId": "i-1", "Tags": [{"Key": "Tier", "Value": "data"}]}]}]},
	}}}
	result.found(rule.deny) == {["r", "orders", "plaintext from arn:l"]} with input as d
}
