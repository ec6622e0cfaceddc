# METADATA
# title: Web ACL in front of a public edge without bot protection
# description: |
#   A WAF web ACL protects an internet-facing ALB, a public API Gateway REST API stage (any
#   endpoint type but PRIVATE) or a CloudFront distribution, and runs nothing against bots: no
#   AWS managed rule group AWSManagedRulesBotControlRuleSet (Bot Control),
#   AWSManagedRulesAmazonIpReputationList (addresses AWS has seen in bot and reconnaissance
#   traffic) or AWSManagedRulesAnonymousIpList (VPNs, proxies, Tor and hosting providers
#   that hide a client). A group in Count mode (OverrideAction Count) blocks nothing and does
#   not count. Firewall Manager's pre- and post-process rule groups count like the ACL's own
#   rules. An ACL that fronts nothing public is not reported. The association is read from
#   GetWebACLForResource, a stage's webAclArn and a distribution's WebACLId.
#   SecureCart practice: block bots as well as SQL injection and XSS.
# custom:
#   id: WAF009
#   practice: bots
#   severity: medium
#   remediation: |
#     Add the AWS managed rule group AWSManagedRulesAmazonIpReputationList (and, for
#     credential stuffing and scraping, AWSManagedRulesBotControlRuleSet or
#     AWSManagedRulesAnonymousIpList) to the web ACL with override action None.
#   controls: ["PCI-DSS-4.0 6.4.2"]
#   resource_types: ["AWS::WAFv2::WebACL"]
#   requires: ["wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "elbv2:DescribeLoadBalancers", "apigateway:GetRestApis", "apigateway:GetStages", "cloudfront:ListDistributions"]
package moat.rules.waf.public_edge_without_bot_protection

import data.moat.lib.elb
import data.moat.lib.result
import data.moat.lib.topology.web_acl_resources
import data.moat.lib.waf

# AWS managed rule groups that stop bots.
bot_groups := {"AWSManagedRulesBotControlRuleSet", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList"}

deny contains finding if {
	some [region, acl] in waf.web_acls
	fronts := _fronts(region, acl.ARN)
	count(fronts) > 0
	not _has(acl)
	counting := [r.Name | some r in waf.acl_rules(acl); _bot_group(r); r.OverrideAction.Count]
	finding := result.fail(
		waf.acl_resource(region, acl),
		sprintf("web ACL %s protects %s but runs no bot protection (Bot Control, IP reputation or anonymous IP list)%s", [acl.Name, concat(", ", sort(fronts)), _counting_text(counting)]),
		"web_acl_without_bot_protection",
		{"fronts": sort(fronts), "groups_in_count_mode": counting},
	)
}

_bot_group(rule) if {
	g := rule.Statement.ManagedRuleGroupStatement
	object.get(g, "VendorName", "AWS") == "AWS"
	bot_groups[g.Name]
}

_has(acl) if {
	some r in waf.acl_rules(acl)
	_bot_group(r)
	not r.OverrideAction.Count
}

_counting_text(names) := sprintf(" (in Count mode: %v)", [names]) if count(names) > 0

_counting_text(names) := "" if count(names) == 0

# The public resources a web ACL protects, by name: its resources (input.moat.index, so each
# ACL is a lookup, not a scan of every association) that are internet-facing ALBs or public
# REST API stages, and for a CloudFront ACL the distributions that name it.
_fronts(region, arn) := _regional_fronts(region, arn) | _edge_fronts(region, arn)

_regional_fronts(region, arn) := {name |
	region != "global"
	some res in object.get(web_acl_resources.by_acl, [region, arn], [])
	name := _public_name(region, res)
}

_edge_fronts(region, arn) := {name |
	region == "global"
	some d in object.get(input, ["global", "cloudfront", "Distributions"], [])
	object.get(d, "WebACLId", "") == arn
	name := sprintf("CloudFront distribution %s", [d.Id])
}

_public_name(region, res) := _public_albs[region][res]

_public_name(region, res) := _public_stages[region][res]

_public_albs := {region: {lb.LoadBalancerArn: sprintf("ALB %s", [lb.LoadBalancerName]) |
	some lb in object.get(r, ["elbv2", "LoadBalancers"], [])
	lb.Type == "application"
	elb.is_internet_facing(lb)
} |
	some region, r in input.regions
}

_public_stages := {region: {arn: name |
	some api in object.get(r, ["apigateway", "RestApis"], [])
	_public_api(api)
	some stage in object.get(api, "stages", [])
	arn := sprintf("arn:aws:apigateway:%s::/restapis/%s/stages/%s", [region, api.id, stage.stageName])
	name := sprintf("API stage %s/%s", [api.id, stage.stageName])
} |
	some region, r in input.regions
}

_public_api(api) if not "PRIVATE" in object.get(api, ["endpointConfiguration", "types"], [])
