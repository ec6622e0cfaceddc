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

# The ARN of an EC2 resource (security-group, subnet, vpc, route-table, …) in this account.
ec2_arn(region, kind, id) := sprintf("arn:%s:ec2:%s:%s:%s/%s", [object.get(input, ["account", "partition"], "aws"), region, object.get(input, ["account", "id"], ""), kind, id])

# The ARN of a Direct Connect resource (dxcon, dxlag, dxvif) in this account.
directconnect_arn(region, kind, id) := sprintf("arn:%s:directconnect:%s:%s:%s/%s", [object.get(input, ["account", "partition"], "aws"), region, object.get(input, ["account", "id"], ""), kind, id])

# fail_with_severity: like fail, with the rule's severity overridden for this finding.
fail_with_severity(resource, message, element, evidence, severity) := object.union(fail(resource, message, element, evidence), {"severity": severity})

# [region, resource id, element] of each finding: what the rules' tests compare exactly, so a
# finding on the wrong resource or element fails them, not only a wrong count.
found(findings) := {[f.region, f.resource_id, f.element] | some f in findings}
