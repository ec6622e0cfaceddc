# METADATA
# title: VPC endpoint policy allows everything
# description: |
#   A VPC endpoint's policy lets any principal call any action of the service, as IAM
#   evaluates it: an Allow statement for any principal ("*") whose actions cover the whole
#   service ("*", or "s3:*" on an S3 endpoint), on any resource, with no condition that
#   narrows who may call (a condition every request through the endpoint meets anyway,
#   aws:SourceVpc or aws:SourceVpce, narrows nothing), and no explicit Deny for everyone that
#   takes it back (a Deny of every action unless aws:PrincipalOrgID matches does). Anyone in
#   the VPC can then use the endpoint to reach any bucket, table or secret, including other
#   accounts' (a data exfiltration path). The evidence names the deciding statements. A
#   policy that is not valid JSON is "cannot judge" (info).
# custom:
#   id: VPCE005
#   practice: vpc-endpoints
#   severity: medium
#   remediation: |
#     Replace the policy with one that names the actions and resources the workloads need,
#     and pin principals or resources to your organisation (aws:PrincipalOrgID,
#     aws:ResourceAccount conditions).
#   controls: ["PCI-DSS-4.0 1.3.2"]
#   resource_types: ["AWS::EC2::VPCEndpoint"]
#   requires: ["ec2:DescribeVpcEndpoints"]
package moat.rules.endpoints.endpoint_policy_allows_all

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	json.is_valid(ep.PolicyDocument)
	doc := json.unmarshal(ep.PolicyDocument)
	service := _service_prefix(ep.ServiceName)
	statements := _statements(doc)
	some i, st in statements
	_allows_everything(st, service)
	not _denied_back(statements, service)
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("endpoint %s (%s) policy statement %d lets any principal call any %s action on any resource, and no Deny takes it back", [ep.VpcEndpointId, ep.ServiceName, i, service]),
		sprintf("statement %d", [i]),
		{"statement": st, "service": service},
	)
}

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	is_string(ep.PolicyDocument)
	not json.is_valid(ep.PolicyDocument)
	finding := result.fail_with_severity(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("cannot judge endpoint %s (%s): its policy document is not valid JSON", [ep.VpcEndpointId, ep.ServiceName]),
		"policy unreadable",
		{},
		"info",
	)
}

# The IAM service prefix of an endpoint service: com.amazonaws.us-east-1.ecr.api → ecr.
_service_prefix(name) := parts[3] if {
	parts := split(name, ".")
	count(parts) >= 4
} else := name

_statements(doc) := doc.Statement if is_array(doc.Statement)

_statements(doc) := [doc.Statement] if is_object(doc.Statement)

_allows_everything(st, service) if {
	st.Effect == "Allow"
	_all_actions(object.get(st, "Action", null), service)
	_everyone(object.get(st, "Principal", null))
	_all_resources(object.get(st, "Resource", "*"))
	not _narrows(object.get(st, "Condition", {}))
}

# An explicit Deny for everyone of every action: with no condition (nothing is allowed), or
# with a condition that narrows who is denied (everyone outside an organisation, say).
_denied_back(statements, service) if {
	some st in statements
	st.Effect == "Deny"
	_everyone(object.get(st, "Principal", null))
	_all_actions(object.get(st, "Action", null), service)
}

_everyone(p) if p == "*"

_everyone(p) if p.AWS == "*"

_everyone(p) if "*" in p.AWS

_all_actions(a, service) if _action_star(a, service)

_all_actions(a, service) if {
	is_array(a)
	some x in a
	_action_star(x, service)
}

_action_star(a, _) if a == "*"

_action_star(a, service) if {
	is_string(a)
	lower(a) == sprintf("%s:*", [lower(service)])
}

_all_resources(r) if r == "*"

_all_resources(r) if "*" in r

# Condition keys every request through the endpoint meets anyway: they narrow nothing.
_met_anyway := {"aws:sourcevpc", "aws:sourcevpce"}

_narrows(condition) if {
	some _, keys in condition
	some key, _ in keys
	not lower(key) in _met_anyway
}
