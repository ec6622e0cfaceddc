# by_resource[region][resource_arn]: the web ACL ARN associated with a resource.
package moat.lib.topology.web_acl_for

by_resource := {region: {a.ResourceArn: a.WebACLArn | some a in object.get(r, ["wafv2", "Associations"], [])} |
	some region, r in input.regions
}
