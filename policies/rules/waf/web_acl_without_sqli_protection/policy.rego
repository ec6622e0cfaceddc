# METADATA
# title: Web ACL without SQL-injection protection
# description: |
#   A WAF web ACL has no rule that blocks SQL injection: no rule whose action is Block with a
#   SqliMatchStatement (at the top, or under And/Or; not under Not, not as a scope-down), and
#   no AWSManagedRulesSQLiRuleSet group whose SQLi rules still block. A group protects only
#   what it blocks: the group in Count mode, or any of its SQLi rules excluded or overridden
#   to Count, Allow, Challenge or CAPTCHA (a person who solves a challenge once gets through)
#   does not count, and the evidence names those rules. Firewall Manager's pre- and
#   post-process rule groups count like the ACL's own rules. A name that appears only in a
#   scope-down or an exclusion is no protection.
#   SecureCart practice: WAF with SQL-injection, XSS and rate-limit rules in front of every ALB
#   and API Gateway stage.
# custom:
#   id: WAF003
#   practice: waf
#   severity: high
#   remediation: |
#     Add the AWS managed rule group AWSManagedRulesSQLiRuleSet (override action None) to the web ACL, or a rule with a SqliMatchStatement that blocks.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL"]
package moat.rules.waf.web_acl_without_sqli_protection

import data.moat.lib.result
import data.moat.lib.waf

deny contains finding if {
	some [region, acl] in waf.web_acls
	not _has(acl)
	names := [r.Name | some r in waf.acl_rules(acl)]
	weak := waf.weakened_groups(acl, "sqli")
	counting := waf.non_blocking_matches(acl, "sqli")
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s has no rule that blocks SQL injection (%d rule(s): %v)%s", [acl.Name, count(names), names, _why(weak, counting)]),
		"web_acl_without_sqli_protection",
		{"rules": names, "weakened_groups": weak, "non_blocking_rules": counting},
	)
}

_has(acl) if {
	some r in waf.acl_rules(acl)
	waf.blocks(r, "sqli")
}

_why(weak, counting) := sprintf("; %s", [concat("; ", array.concat(
	[sprintf("managed group %s: %s", [n, w]) | some n, w in weak],
	[sprintf("rule %s matches SQL injection but its action is %v", [n, a]) | some n, a in counting],
))]) if {
	count(weak) + count(counting) > 0
} else := ""
