# METADATA
# title: Gateway endpoint not associated with every private route table
# description: |
#   An S3 or DynamoDB gateway endpoint (services in `required_gateway_endpoints`) exists in a
#   VPC but is not associated with the route table of one of its private subnets. That
#   subnet's traffic to the service still leaves through the NAT gateway.
# custom:
#   id: VPCE002
#   practice: vpc-endpoints
#   severity: medium
#   remediation: |
#     Add the route table to the endpoint:
#     `aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce> --add-route-table-ids <rtb>`.
#   controls: ["AWS-FSBP EC2.10"]
#   resource_types: ["AWS::EC2::VPCEndpoint"]
#   requires: ["ec2:DescribeVpcEndpoints", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.endpoints.gateway_endpoint_missing_route_tables

import data.moat.lib.result
import data.moat.lib.topology.subnets_by_vpc
import data.moat.lib.vpc
import data.moat.lib.topology.route_tables
import data.moat.lib.topology.private_subnets

deny contains finding if {
	some region, r in input.regions
	private_ids := private_subnets.by_id[region]
	tables := route_tables.by_subnet[region]
	some ep in r.ec2.VpcEndpoints
	ep.VpcEndpointType == "Gateway"
	not lower(object.get(ep, "State", "available")) in {"deleted", "deleting", "failed", "rejected", "expired"}
	service := vpc.endpoint_service(ep)
	service in data.moat.config.required_gateway_endpoints
	vpc_id := ep.VpcId
	private_rts := {rt.RouteTableId |
		some sid in object.get(subnets_by_vpc.by_vpc[region], vpc_id, [])
		private_ids[sid]
		rt := tables[sid]
	}
	some missing in private_rts - {id | some id in object.get(ep, "RouteTableIds", [])}
	finding := result.fail(
		{"id": ep.VpcEndpointId, "type": "AWS::EC2::VPCEndpoint", "region": region, "arn": result.ec2_arn(region, "vpc-endpoint", ep.VpcEndpointId)},
		sprintf("%s gateway endpoint %s is not associated with private route table %s of %s", [service, ep.VpcEndpointId, missing, vpc_id]),
		sprintf("route table %s", [missing]),
		{"service": service, "route_table_id": missing, "associated": object.get(ep, "RouteTableIds", [])},
	)
}
