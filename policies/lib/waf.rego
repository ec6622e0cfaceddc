# WAF helpers: which web ACL protects which resource, and what a web ACL's rules contain.
package moat.lib.waf

import data.moat.lib.waf_statements

# Every web ACL with its scope: regional ones under their region, CloudFront ones as "global".
web_acls contains [region, acl] if {
	some region, r in input.regions
	some acl in object.get(r, ["wafv2", "WebACLs"], [])
}

web_acls contains ["global", acl] if {
	some acl in object.get(input, ["global", "wafv2", "WebACLs"], [])
}

acl_resource(region, acl) := {"id": acl.Name, "type": "AWS::WAFv2::WebACL", "region": region, "arn": acl.ARN}


# Every rule that runs in the ACL: Firewall Manager's pre-process groups, the ACL's own rules,
# then Firewall Manager's post-process groups (GetWebACL returns all three). A Firewall
# Manager group reads as a rule whose statement is its FirewallManagerStatement.
acl_rules(acl) := array.concat(
	array.concat(_fms(acl, "PreProcessFirewallManagerRuleGroups"), object.get(acl, "Rules", [])),
	_fms(acl, "PostProcessFirewallManagerRuleGroups"),
)

_fms(acl, key) := [object.union(g, {"Statement": object.get(g, "FirewallManagerStatement", {}), "FirewallManager": key}) |
	some g in object.get(acl, key, [])
]

# What blocks SQL injection and XSS: a match statement of that type in a rule whose action is
# Block, or an AWS managed rule group whose rules for it still block.
protection_statements := {"sqli": "SqliMatchStatement", "xss": "XssMatchStatement"}

# AWS managed rule groups and the name prefix of their rules for each protection. Groups gain
# rules over versions: every rule of the group with that prefix counts, not a fixed list.
protection_groups := {
	"sqli": {"AWSManagedRulesSQLiRuleSet": "SQLi"},
	"xss": {"AWSManagedRulesCommonRuleSet": "CrossSiteScripting_"},
}

# True when `rule` blocks requests of kind `kind` (sqli, xss).
blocks(rule, kind) if {
	_action_blocks(rule)
	some st in waf_statements.positive(rule.Statement)
	st[protection_statements[kind]]
}

blocks(rule, kind) if {
	g := rule.Statement.ManagedRuleGroupStatement
	object.get(g, "VendorName", "AWS") == "AWS"
	protection_groups[kind][g.Name]
	not _override_count(rule)
	count(weakened(rule, kind)) == 0
}

# The rules of a managed group for `kind` that do not block: excluded (the legacy
# ExcludedRules, which count instead), or overridden to Count, Allow, Challenge or CAPTCHA
# (Challenge and CAPTCHA stop only clients without a token: a person who solves one once gets
# through). A group in Count mode blocks none of them.
weakened(rule, kind) := {name |
	g := rule.Statement.ManagedRuleGroupStatement
	prefix := protection_groups[kind][g.Name]
	some name in _not_blocking(g)
	startswith(name, prefix)
}

_not_blocking(g) := {e.Name | some e in object.get(g, "ExcludedRules", [])} | {o.Name |
	some o in object.get(g, "RuleActionOverrides", [])
	not o.ActionToUse.Block
}

_override_count(rule) if rule.OverrideAction.Count

# A rule's action blocks: Block. Count, Allow, Challenge and CAPTCHA do not.
_action_blocks(rule) if rule.Action.Block

# The managed groups for `kind` the ACL runs that do not block it, and why: for evidence.
weakened_groups(acl, kind) := {g.Name: why |
	some rule in acl_rules(acl)
	g := rule.Statement.ManagedRuleGroupStatement
	protection_groups[kind][g.Name]
	why := _why_weak(rule, kind)
}

_why_weak(rule, _) := "the group runs in Count mode (OverrideAction Count)" if _override_count(rule)

_why_weak(rule, kind) := sprintf("rules excluded or overridden to a non-blocking action: %v", [sort(weakened(rule, kind))]) if {
	not _override_count(rule)
	count(weakened(rule, kind)) > 0
}

# Rules with a match statement of `kind` that do not block: for evidence.
non_blocking_matches(acl, kind) := {rule.Name: object.keys(object.get(rule, "Action", {})) |
	some rule in acl_rules(acl)
	not _action_blocks(rule)
	some st in waf_statements.positive(rule.Statement)
	st[protection_statements[kind]]
}

# A rate-based rule limits requests when its action is Block, CAPTCHA or Challenge (not Count).
rate_limits(rule) if {
	rule.Statement.RateBasedStatement
	some a in {"Block", "Captcha", "Challenge"}
	rule.Action[a]
}
