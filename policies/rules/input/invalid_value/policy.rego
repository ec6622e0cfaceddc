# METADATA
# title: Snapshot value cannot be evaluated
# description: |
#   A value in the snapshot is well-typed but malformed (an invalid CIDR, a port range out
#   of bounds or running backwards), so the rules that read it cannot decide whether the
#   resource is compliant. moat reports it here instead of letting it read as "passed".
#   `moat validate` lists the same problems with file, line and column.
# custom:
#   id: MOAT001
#   practice: evaluable-input
#   severity: high
#   remediation: |
#     Fix the value in the snapshot (or in AWS, if it was collected that way) and scan again.
#     `moat validate <snapshot>` shows where each problem is.
#   controls: []
#   resource_types: ["AWS::EC2::SecurityGroup", "AWS::EC2::NetworkAcl", "AWS::EC2::RouteTable", "AWS::EC2::VPC", "AWS::EC2::Subnet"]
#   needs_moat_input: true
package moat.rules.input.invalid_value

import data.moat.lib.result

deny contains finding if {
	some p in input.moat.value_problems
	finding := result.fail(
		{"id": p.resource_id, "type": p.resource_type, "region": p.region},
		sprintf("%s at %s (line %d); rules that read it cannot evaluate this resource", [p.message, p.pointer, p.line]),
		p.pointer,
		{"pointer": p.pointer, "line": p.line, "problem": p.message},
	)
}
