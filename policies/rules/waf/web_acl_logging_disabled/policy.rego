# METADATA
# title: Web ACL logging is off
# description: |
#   A WAF web ACL has no logging configuration. Blocked and allowed requests leave no
#   record, so attacks cannot be investigated and false positives cannot be tuned away.
# custom:
#   id: WAF007
#   practice: logging
#   severity: medium
#   remediation: |
#     Send the web ACL's logs to CloudWatch Logs, S3 or Firehose:
#     `aws wafv2 put-logging-configuration --logging-configuration
#     ResourceArn=<acl>,LogDestinationConfigs=<log-group-arn>` (the log group's name must
#     start with aws-waf-logs-).
#   controls: ["AWS-FSBP WAF.11", "PCI-DSS-4.0 10.2.1"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetLoggingConfiguration"]
package moat.rules.waf.web_acl_logging_disabled

import data.moat.lib.result
import data.moat.lib.waf

deny contains finding if {
	logged := {[region, c.ResourceArn] |
		some region in array.concat(["global"], [r | some r, _ in input.regions])
		some c in _configs(region)
		count(object.get(c, "LogDestinationConfigs", [])) > 0
	}
	some [region, acl] in waf.web_acls
	not logged[[region, acl.ARN]]
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s has no logging configuration", [acl.Name]),
		"logging",
		{},
	)
}

_configs(region) := object.get(input, ["global", "wafv2", "LoggingConfigurations"], []) if region == "global"

_configs(region) := object.get(input.regions[region], ["wafv2", "LoggingConfigurations"], []) if region != "global"
