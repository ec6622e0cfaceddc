# METADATA
# title: PrivateLink endpoint service open to anyone or accepting without review
# description: |
#   An endpoint service this account provides (PrivateLink, in front of a Network or
#   Gateway Load Balancer) lets every AWS account create endpoints to it (an allowed
#   principal `*`), or accepts connections without the provider's review
#   (`AcceptanceRequired` false), or both. With both, any AWS account anywhere can connect
#   privately to the load balancer behind it: high. With one of them, the other is the only
#   control left: medium. Services being deleted are not reported. When the permissions of a
#   region's services could not be read, the rule is not evaluated there: it never guesses
#   that nobody is allowed.
#   SecureCart practice: PrivateLink for the payment providers (least privilege on both
#   sides).
# custom:
#   id: VPCE007
#   practice: privatelink
#   severity: medium
#   remediation: |
#     Allow only the consumers' account or role ARNs
#     (`aws ec2 modify-vpc-endpoint-service-permissions --service-id <id> --remove-allowed-principals '*' --add-allowed-principals arn:aws:iam::<account>:root`)
#     and require acceptance
#     (`aws ec2 modify-vpc-endpoint-service-configuration --service-id <id> --acceptance-required`).
#   controls: ["PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::VPCEndpointService"]
#   requires: ["ec2:DescribeVpcEndpointServiceConfigurations", "ec2:DescribeVpcEndpointServicePermissions"]
package moat.rules.endpoints.endpoint_service_open

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some svc in object.get(r, ["ec2", "VpcEndpointServiceConfigurations"], [])
	not object.get(svc, "ServiceState", "") in {"Deleting", "Deleted"}
	is_array(svc.AllowedPrincipals)
	problems := _problems(svc)
	count(problems) > 0
	finding := result.fail_with_severity(
		{"id": svc.ServiceId, "type": "AWS::EC2::VPCEndpointService", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint-service", svc.ServiceId)},
		sprintf("endpoint service %s (%s) %s", [svc.ServiceId, object.get(svc, "ServiceName", ""), concat(" and ", sort(problems))]),
		"endpoint service access",
		{"acceptance_required": object.get(svc, "AcceptanceRequired", null), "allowed_principals": [p.Principal | some p in svc.AllowedPrincipals], "load_balancers": array.concat(object.get(svc, "NetworkLoadBalancerArns", []), object.get(svc, "GatewayLoadBalancerArns", []))},
		_severity(problems),
	)
}

_problems(svc) := {p |
	some p in ["allows every AWS account to connect (allowed principal *)"]
	some a in svc.AllowedPrincipals
	a.Principal == "*"
} | {p |
	some p in ["accepts connections without review (AcceptanceRequired false)"]
	svc.AcceptanceRequired == false
}

_severity(problems) := "high" if count(problems) == 2

_severity(problems) := "medium" if count(problems) < 2
