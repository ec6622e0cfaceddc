# METADATA
# title: VPC with private subnets lacks an S3 or DynamoDB gateway endpoint
# description: |
#   A VPC that has private subnets has no gateway endpoint for one of the services in
#   `required_gateway_endpoints` (default: S3 and DynamoDB). Without it, traffic from private
#   subnets to these services leaves through the NAT gateway and the internet path: it costs
#   NAT data processing, and it cannot be restricted by an endpoint policy. SecureCart
#   practice: VPC endpoints for S3 and DynamoDB (gateway).
# custom:
#   id: VPCE001
#   practice: vpc-endpoints
#   severity: medium
#   remediation: |
#     Create a gateway endpoint for the service and associate it with every private route
#     table: `aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Gateway
#     --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb> ...`.
#   controls: ["AWS-FSBP EC2.10", "PCI-DSS-4.0 1.3.1"]
#   resource_types: ["AWS::EC2::VPC"]
#   requires: ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints"]
package moat.rules.endpoints.missing_gateway_endpoint

import data.moat.lib.result
import data.moat.lib.topology.subnets_by_vpc
import data.moat.lib.vpc
import data.moat.lib.topology.private_subnets
import data.moat.lib.topology.endpoints

deny contains finding if {
	some region, r in input.regions
	private_ids := private_subnets.by_id[region]
	present := endpoints.present[region]
	some v in r.ec2.Vpcs
	private := [id | some id in object.get(subnets_by_vpc.by_vpc[region], v.VpcId, []); private_ids[id]]
	count(private) > 0
	some service in data.moat.config.required_gateway_endpoints
	not present[[v.VpcId, "Gateway", service]]
	finding := result.fail(
		{"id": v.VpcId, "type": "AWS::EC2::VPC", "region": region, "arn": result.ec2_arn(region, "vpc", v.VpcId)},
		sprintf("VPC %s has %d private subnet(s) but no %s gateway endpoint (com.amazonaws.%s.%s)", [v.VpcId, count(private), service, region, service]),
		sprintf("gateway endpoint %s", [service]),
		{"service": service, "private_subnets": sort(private)},
	)
}
