package moat.rules.waf.web_acl_logging_disabled_test

import data.moat.lib.result
import data.moat.rules.waf.web_acl_logging_disabled as rule

doc(configs) := {"regions": {"r": {"wafv2": {"WebACLs": [{"Name": "a", "Id": "1", "ARN": "arn:acl", "Rules": []}], "LoggingConfigurations": configs}}}}

test_no_logging_fails if {
	result.found(rule.deny) == {["r", "a", "logging"]} with input as doc([])
}

test_logging_passes if {
	count(rule.deny) == 0 with input as doc([{"ResourceArn": "arn:acl", "LogDestinationConfigs": ["arn:logs"]}])
}
