# METADATA
# title: Web ACL without SQL-injection protection
# description: |
#   A WAF web ACL has no rule providing SQL-injection protection: it lacks the AWSManagedRulesSQLiRuleSet managed rule group or a SqliMatchStatement rule.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every ALB
#   and API Gateway stage.
# custom:
#   id: WAF003
#   severity: high
#   remediation: |
#     Add the AWS managed rule group AWSManagedRulesSQLiRuleSet (override action None) to the web ACL, or a rule with a SqliMatchStatement that blocks.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL"]
package moat.rules.waf.web_acl_without_sqli_protection

import data.moat.lib.result
import data.moat.lib.waf
import data.moat.lib.waf_statements

deny contains finding if {
	some [region, acl] in waf.web_acls
	not _has(acl)
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s has no rule providing SQL-injection protection (%d rule(s): %v)", [acl.Name, count(object.get(acl, "Rules", [])), [r.Name | some r in object.get(acl, "Rules", [])]]),
		"web_acl_without_sqli_protection",
		{"rules": [r.Name | some r in object.get(acl, "Rules", [])]},
	)
}

_has(acl) if {
	some r in acl.Rules
	waf_statements.mentions(r.Statement, waf.sqli_markers)
}
