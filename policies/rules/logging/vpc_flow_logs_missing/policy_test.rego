package moat.rules.logging.vpc_flow_logs_missing_test

import data.moat.lib.result
import data.moat.rules.logging.vpc_flow_logs_missing as rule

doc(types) := {"regions": {"r": {"ec2": {"Vpcs": [{"VpcId": "vpc-1"}]}}}, "moat": {"index": {"r": {"flow_log_types": {"vpc-1": types}}}}}

test_no_flow_log_fails if {
	result.found(rule.deny) == {["r", "vpc-1", "flow logs"]} with input as doc([])
}

test_accept_only_fails if {
	result.found(rule.deny) == {["r", "vpc-1", "flow logs"]} with input as doc(["ACCEPT"])
}

test_all_passes if {
	count(rule.deny) == 0 with input as doc(["ALL"])
}
