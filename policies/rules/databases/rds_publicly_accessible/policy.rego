# METADATA
# title: RDS instance is publicly accessible
# description: |
#   An RDS DB instance has PubliclyAccessible set: its endpoint resolves to a public IP
#   address, reachable from the internet wherever its security groups allow. SecureCart
#   practice: no public databases.
# custom:
#   id: RDS001
#   severity: critical
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible
#     --apply-immediately`, and keep the instance in private (data-tier) subnets.
#   controls: ["AWS-FSBP RDS.2", "CIS-AWS 2.3.3", "PCI-DSS-4.0 1.4.4"]
#   resource_types: ["AWS::RDS::DBInstance"]
#   requires: ["rds:DescribeDBInstances"]
package moat.rules.databases.rds_publicly_accessible

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some db in r.rds.DBInstances
	db.PubliclyAccessible == true
	finding := result.fail(
		{"id": db.DBInstanceIdentifier, "type": "AWS::RDS::DBInstance", "region": region, "arn": object.get(db, "DBInstanceArn", "")},
		sprintf("RDS instance %s (%s) is publicly accessible", [db.DBInstanceIdentifier, object.get(db, "Engine", "?")]),
		"PubliclyAccessible",
		{"engine": object.get(db, "Engine", null), "endpoint": object.get(db, ["Endpoint", "Address"], null)},
	)
}
