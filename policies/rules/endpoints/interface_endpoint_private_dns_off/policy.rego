# METADATA
# title: Interface endpoint without private DNS
# description: |
#   An interface VPC endpoint has private DNS disabled. SDKs and tools keep resolving the
#   service's public name, so their traffic bypasses the endpoint unless every client is
#   configured with the endpoint-specific name.
# custom:
#   id: VPCE004
#   practice: vpc-endpoints
#   severity: low
#   remediation: |
#     `aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --private-dns-enabled` (the VPC
#     needs DNS hostnames and DNS support enabled).
#   controls: ["AWS-FSBP EC2.10"]
#   resource_types: ["AWS::EC2::VPCEndpoint"]
#   requires: ["ec2:DescribeVpcEndpoints"]
package moat.rules.endpoints.interface_endpoint_private_dns_off

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some ep in r.ec2.VpcEndpoints
	ep.VpcEndpointType == "Interface"
	object.get(ep, "PrivateDnsEnabled", false) == false
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("interface endpoint %s for %s has private DNS disabled", [ep.VpcEndpointId, ep.ServiceName]),
		"private dns",
		{"service_name": ep.ServiceName},
	)
}
