# METADATA
# title: VPC with private subnets lacks a Secrets Manager interface endpoint
# description: |
#   A VPC with private subnets has no interface endpoint for a service in
#   `required_interface_endpoints` (default: Secrets Manager). Secrets are then fetched over
#   the NAT gateway and the public internet path instead of privately. SecureCart practice:
#   VPC endpoints for Secrets Manager (interface).
# custom:
#   id: VPCE003
#   practice: vpc-endpoints
#   severity: medium
#   remediation: |
#     `aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Interface
#     --service-name com.amazonaws.<region>.secretsmanager --subnet-ids <private subnets>
#     --security-group-ids <sg> --private-dns-enabled`.
#   controls: ["AWS-FSBP EC2.10"]
#   resource_types: ["AWS::EC2::VPC"]
#   requires: ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints"]
package moat.rules.endpoints.missing_interface_endpoint

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
	some service in data.moat.config.required_interface_endpoints
	not present[[v.VpcId, "Interface", service]]
	finding := result.fail(
		vpc.vpc_resource(region, v.VpcId),
		sprintf("VPC %s has private subnets but no %s interface endpoint (com.amazonaws.%s.%s)", [v.VpcId, service, region, service]),
		sprintf("interface endpoint %s", [service]),
		{"service": service, "private_subnets": sort(private)},
	)
}
