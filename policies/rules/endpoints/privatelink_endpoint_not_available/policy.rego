# METADATA
# title: PrivateLink endpoint to a partner service not available
# description: |
#   An interface or Gateway Load Balancer endpoint to an endpoint service that another party
#   provides (service name `com.amazonaws.vpce.<region>.vpce-svc-…`, such as a payment
#   provider's) is not `available`: the provider has not accepted it yet
#   (`pendingAcceptance`), rejected it, or it failed, expired or is only `partial` (not in
#   every subnet it was asked for). Calls meant to stay on AWS's network then fail, or are sent
#   to the provider's public endpoint over the internet by clients that fall back. A
#   `pending` endpoint is still being created and is reported too, because a scan that
#   keeps finding it pending has found a stuck one. Deleted and deleting endpoints are not
#   reported.
# custom:
#   id: VPCE006
#   practice: privatelink
#   severity: medium
#   remediation: |
#     Ask the provider to accept the connection (`pendingAcceptance`), or recreate the
#     endpoint in the subnets and Availability Zones the service supports
#     (`aws ec2 describe-vpc-endpoint-services --service-names <name>`).
#   controls: ["PCI-DSS-4.0 4.2.1"]
#   resource_types: ["AWS::EC2::VPCEndpoint"]
#   requires: ["ec2:DescribeVpcEndpoints"]
package moat.rules.endpoints.privatelink_endpoint_not_available

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some ep in object.get(r, ["ec2", "VpcEndpoints"], [])
	startswith(ep.ServiceName, "com.amazonaws.vpce.")
	state := object.get(ep, "State", "unknown")
	not state in {"available", "deleting", "deleted"}
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("PrivateLink endpoint %s to %s is %s, not available%s", [ep.VpcEndpointId, ep.ServiceName, state, _why(state)]),
		"privatelink state",
		{"service_name": ep.ServiceName, "state": state, "vpc_id": object.get(ep, "VpcId", "")},
	)
}

_why(state) := ": the service provider has not accepted the connection" if state == "pendingAcceptance"

_why(state) := ": the service provider rejected the connection" if state == "rejected"

_why(state) := "" if not state in {"pendingAcceptance", "rejected"}
