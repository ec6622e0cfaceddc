# METADATA
# title: Interface endpoint without private DNS
# description: |
#   An interface VPC endpoint has private DNS disabled. SDKs and tools keep resolving the
#   service's public name, so their traffic bypasses the endpoint unless every client is
#   configured with the endpoint-specific name. AWS services always offer private DNS. A
#   partner's endpoint service (`com.amazonaws.vpce.…`) may not: the endpoint is reported
#   only when the service offers a private DNS name whose verification state is `verified`
#   (DescribeVpcEndpointServices), since otherwise there is nothing to enable. When the
#   snapshot does not say what the service offers, the endpoint is reported at info: unknown,
#   not fine.
# custom:
#   id: VPCE004
#   practice: vpc-endpoints
#   severity: low
#   remediation: |
#     `aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --private-dns-enabled` (the VPC
#     needs DNS hostnames and DNS support enabled).
#   controls: ["AWS-FSBP EC2.10"]
#   resource_types: ["AWS::EC2::VPCEndpoint"]
#   requires: ["ec2:DescribeVpcEndpoints", "ec2:DescribeVpcEndpointServices"]
package moat.rules.endpoints.interface_endpoint_private_dns_off

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	ep.VpcEndpointType == "Interface"
	object.get(ep, "PrivateDnsEnabled", false) == false
	not _partner(ep)
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("interface endpoint %s for %s has private DNS disabled", [ep.VpcEndpointId, ep.ServiceName]),
		"private dns",
		{"service_name": ep.ServiceName},
	)
}

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	ep.VpcEndpointType == "Interface"
	object.get(ep, "PrivateDnsEnabled", false) == false
	_partner(ep)
	some d in object.get(r.ec2, "VpcEndpointServiceDetails", [])
	d.ServiceName == ep.ServiceName
	name := object.get(d, "PrivateDnsName", "")
	name != ""
	object.get(d, "PrivateDnsNameVerificationState", "verified") == "verified"
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("interface endpoint %s for partner service %s has private DNS disabled, although the service offers %s: clients resolving that name reach the provider over the internet", [ep.VpcEndpointId, ep.ServiceName, name]),
		"private dns",
		{"service_name": ep.ServiceName, "service_private_dns_name": name},
	)
}

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	ep.VpcEndpointType == "Interface"
	object.get(ep, "PrivateDnsEnabled", false) == false
	_partner(ep)
	not _described(r, ep.ServiceName)
	finding := result.fail_with_severity(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("interface endpoint %s for partner service %s has private DNS disabled, and the snapshot does not say whether the service offers a private DNS name (DescribeVpcEndpointServices)", [ep.VpcEndpointId, ep.ServiceName]),
		"private dns",
		{"service_name": ep.ServiceName},
		"info",
	)
}

_partner(ep) if startswith(ep.ServiceName, "com.amazonaws.vpce.")

_described(r, name) if {
	some d in object.get(r.ec2, "VpcEndpointServiceDetails", [])
	d.ServiceName == name
}
