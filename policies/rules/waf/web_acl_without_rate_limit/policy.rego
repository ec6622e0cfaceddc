# METADATA
# title: Web ACL without a rate-based rule
# description: |
#   A WAF web ACL has no rate-based rule (RateBasedStatement) that limits requests per client:
#   one whose action is Block, CAPTCHA or Challenge (a rate-based rule in Count mode limits
#   nothing). Firewall Manager's pre- and post-process rule groups count too.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every ALB
#   and API Gateway stage.
# custom:
#   id: WAF005
#   practice: waf
#   severity: medium
#   remediation: |
#     Add a rate-based rule, for example 2,000 requests per 5 minutes per IP with action Block.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL"]
package moat.rules.waf.web_acl_without_rate_limit

import data.moat.lib.result
import data.moat.lib.waf

deny contains finding if {
	some [region, acl] in waf.web_acls
	not _has(acl)
	names := [r.Name | some r in waf.acl_rules(acl)]
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s has no rate-based rule that limits requests (Block, CAPTCHA or Challenge) (%d rule(s): %v)", [acl.Name, count(names), names]),
		"web_acl_without_rate_limit",
		{"rules": names},
	)
}

_has(acl) if {
	some r in waf.acl_rules(acl)
	waf.rate_limits(r)
}
