# by_acl[region][web_acl_arn]: the ARNs of the resources a web ACL protects: its
# GetWebACLForResource associations, and REST API stages by their webAclArn, sorted.
package moat.lib.topology.web_acl_resources

# Precomputed by moat in Rust when present (input.moat.index; see route_tables.rego).
by_acl := {region: idx.web_acl_resources | some region, idx in input.moat.index} if {
	input.moat.index
} else := {region: {acl: sort(arns[acl]) | some acl, _ in arns} |
	some region, r in input.regions
	pairs := {[a.WebACLArn, a.ResourceArn] | some a in object.get(r, ["wafv2", "Associations"], [])} | {[stage.webAclArn, sprintf("arn:aws:apigateway:%s::/restapis/%s/stages/%s", [region, api.id, stage.stageName])] |
		some api in object.get(r, ["apigateway", "RestApis"], [])
		some stage in object.get(api, "stages", [])
		stage.webAclArn
	}
	arns := {acl: {p[1] | some p in pairs; p[0] == acl} | some [acl, _] in pairs}
}
