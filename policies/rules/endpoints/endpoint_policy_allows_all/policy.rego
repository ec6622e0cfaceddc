# METADATA
# title: VPC endpoint policy allows everything
# description: |
#   A VPC endpoint's policy has an Allow statement for any principal ("*") and any action
#   ("*") without conditions: the default full-access policy. Anyone in the VPC can then use
#   the endpoint to reach any bucket, table or secret, including other accounts' (a data
#   exfiltration path).
# custom:
#   id: VPCE005
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
	doc := json.unmarshal(ep.PolicyDocument)
	some i, st in _statements(doc)
	st.Effect == "Allow"
	_any(object.get(st, "Principal", null))
	_star(object.get(st, "Action", null))
	not st.Condition
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("endpoint %s (%s) policy statement %d allows every action to every principal without conditions", [ep.VpcEndpointId, ep.ServiceName, i]),
		sprintf("statement %d", [i]),
		{"statement": st},
	)
}

_statements(doc) := doc.Statement if is_array(doc.Statement)

_statements(doc) := [doc.Statement] if is_object(doc.Statement)

_any(p) if p == "*"

_any(p) if p.AWS == "*"

_any(p) if "*" in p.AWS

_star(a) if a == "*"

_star(a) if "*" in a
