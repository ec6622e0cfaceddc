# METADATA
# title: Web ACL without a rate-based rule
# description: |
#   A WAF web ACL has no rule providing a rate-based rule: it lacks a rate-based rule (RateBasedStatement) that limits requests per client IP.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every ALB
#   and API Gateway stage.
# custom:
#   id: WAF005
#   severity: medium
#   remediation: |
#     Add a rate-based rule, for example 2,000 requests per 5 minutes per IP with action Block.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL"]
package moat.rules.waf.web_acl_without_rate_limit

import data.moat.lib.result
import data.moat.lib.waf
import data.moat.lib.waf_statements

deny contains finding if {
	some [region, acl] in waf.web_acls
	not _has(acl)
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s has no rate-based rule (%d rule(s): %v)", [acl.Name, count(object.get(acl, "Rules", [])), [r.Name | some r in object.get(acl, "Rules", [])]]),
		"web_acl_without_rate_limit",
		{"rules": [r.Name | some r in object.get(acl, "Rules", [])]},
	)
}

_has(acl) if {
	some r in acl.Rules
	waf_statements.mentions(r.Statement, waf.rate_markers)
}
