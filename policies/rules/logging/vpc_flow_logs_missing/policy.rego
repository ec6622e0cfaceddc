# METADATA
# title: VPC without flow logs of rejected traffic
# description: |
#   A VPC has no active flow log, or its flow logs capture only ACCEPT traffic. Without
#   flow logs of rejected (REJECT or ALL) traffic, probing and blocked exfiltration attempts
#   leave no trace. SecureCart practice: flow logs on.
# custom:
#   id: FLOW001
#   practice: logging
#   severity: medium
#   remediation: |
#     `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc> --traffic-type ALL
#     --log-destination-type cloud-watch-logs --log-group-name <group>
#     --deliver-logs-permission-arn <role>`.
#   controls: ["CIS-AWS 3.7", "AWS-FSBP EC2.6", "PCI-DSS-4.0 10.2.1"]
#   resource_types: ["AWS::EC2::VPC"]
#   requires: ["ec2:DescribeVpcs", "ec2:DescribeFlowLogs"]
package moat.rules.logging.vpc_flow_logs_missing

import data.moat.lib.result
import data.moat.lib.topology.flow_log_types
import data.moat.lib.vpc

deny contains finding if {
	some region, r in input.regions
	some v in r.ec2.Vpcs
	types := {t | some t in object.get(flow_log_types.by_resource[region], v.VpcId, [])}
	count(types & {"ALL", "REJECT"}) == 0
	problem := _problem(types)
	finding := result.fail(
		vpc.vpc_resource(region, v.VpcId),
		sprintf("VPC %s %s", [v.VpcId, problem]),
		"flow logs",
		{"traffic_types": sort(types)},
	)
}

_problem(types) := "has no active flow log" if count(types) == 0

_problem(types) := sprintf("has flow logs of %v traffic only, not of rejected traffic", [sort(types)]) if count(types) > 0
