# METADATA
# title: Web ACL protection rule only counts
# description: |
#   A web ACL rule runs in Count mode: a rule group whose override action is Count, or a
#   rule whose action is Count. Matching requests are logged but let through, so the
#   protection the rule seems to give is not in force.
# custom:
#   id: WAF006
#   practice: waf
#   severity: high
#   remediation: |
#     After testing, set the rule group's override action to None (use the group's own
#     actions) or the rule's action to Block.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL"]
package moat.rules.waf.protection_rule_in_count_mode

import data.moat.lib.result
import data.moat.lib.waf

deny contains finding if {
	some [region, acl] in waf.web_acls
	some rule in acl.Rules
	mode := _count_mode(rule)
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s rule %s (priority %d) runs in Count mode (%s): matching requests are not blocked", [acl.Name, rule.Name, rule.Priority, mode]),
		sprintf("rule %s", [rule.Name]),
		{"rule": rule.Name, "priority": rule.Priority, "mode": mode},
	)
}

_count_mode(rule) := "override action Count" if rule.OverrideAction.Count

_count_mode(rule) := "action Count" if rule.Action.Count
