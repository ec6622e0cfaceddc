# Shared finding builder: every rule reports the same shape, and moat joins in the rule's
# metadata (severity, title, remediation, controls) in one place.
package moat.lib.result

# fail(resource, message, element, evidence): a finding.
#   resource: {"id", "type", "region"} and optionally "arn"
#   message:  names the exact offending element (rule, CIDR, port, listener, route)
#   element:  a stable string for the offending element; it goes into the fingerprint
#   evidence: an object with the facts behind the message
fail(resource, message, element, evidence) := {
	"resource_id": resource.id,
	"resource_type": resource.type,
	"resource_arn": object.get(resource, "arn", ""),
	"region": resource.region,
	"message": message,
	"element": element,
	"evidence": evidence,
}
