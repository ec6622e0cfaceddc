# WAF helpers: which web ACL protects which resource, and what a web ACL's rules contain.
package moat.lib.waf

# Every web ACL with its scope: regional ones under their region, CloudFront ones as "global".
web_acls contains [region, acl] if {
	some region, r in input.regions
	some acl in object.get(r, ["wafv2", "WebACLs"], [])
}

web_acls contains ["global", acl] if {
	some acl in object.get(input, ["global", "wafv2", "WebACLs"], [])
}

acl_resource(region, acl) := {"id": acl.Name, "type": "AWS::WAFv2::WebACL", "region": region, "arn": acl.ARN}

# The markers of protections, for statements.mentions.
sqli_markers := {"AWSManagedRulesSQLiRuleSet", "SqliMatchStatement"}

xss_markers := {"AWSManagedRulesCommonRuleSet", "XssMatchStatement"}

rate_markers := {"RateBasedStatement"}
