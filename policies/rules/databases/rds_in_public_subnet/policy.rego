# METADATA
# title: RDS instance can be placed in a public subnet
# description: |
#   An RDS DB instance's subnet group contains a public subnet (one whose route table sends
#   0.0.0.0/0 to an internet gateway). A failover or a PubliclyAccessible change can then put
#   the database on the internet. SecureCart practice: databases only in the data tier.
#   A subnet of the group that is not in the snapshot is reported at info as "cannot
#   judge", never read as private.
# custom:
#   id: RDS002
#   practice: database-tier
#   severity: high
#   remediation: |
#     Create a DB subnet group of data-tier (private) subnets only and move the instance to
#     it (`aws rds modify-db-instance --db-subnet-group-name <group>`).
#   controls: ["AWS-FSBP RDS.2", "PCI-DSS-4.0 1.4.4"]
#   resource_types: ["AWS::RDS::DBInstance"]
#   requires: ["rds:DescribeDBInstances", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"]
package moat.rules.databases.rds_in_public_subnet

import data.moat.lib.result
import data.moat.lib.vpc

deny contains finding if {
	some region, r in input.regions
	some db in r.rds.DBInstances
	some sn in db.DBSubnetGroup.Subnets
	vpc.is_public(region, sn.SubnetIdentifier)
	finding := result.fail(
		{"id": db.DBInstanceIdentifier, "type": "AWS::RDS::DBInstance", "region": region, "arn": object.get(db, "DBInstanceArn", "")},
		sprintf("RDS instance %s's subnet group %s includes public subnet %s", [db.DBInstanceIdentifier, object.get(db.DBSubnetGroup, "DBSubnetGroupName", "?"), sn.SubnetIdentifier]),
		sprintf("subnet %s", [sn.SubnetIdentifier]),
		{"subnet_id": sn.SubnetIdentifier},
	)
}

# A subnet of the group that the snapshot does not hold cannot be judged (info), never read
# as "private".
deny contains finding if {
	some region, r in input.regions
	some db in r.rds.DBInstances
	some sn in db.DBSubnetGroup.Subnets
	not vpc.is_known_subnet(region, sn.SubnetIdentifier)
	finding := result.fail_with_severity(
		{"id": db.DBInstanceIdentifier, "type": "AWS::RDS::DBInstance", "region": region, "arn": object.get(db, "DBInstanceArn", "")},
		sprintf("cannot judge RDS instance %s's subnet %s: %s", [db.DBInstanceIdentifier, sn.SubnetIdentifier, vpc.unknown_subnet_reason(region, sn.SubnetIdentifier)]),
		sprintf("subnet %s unknown", [sn.SubnetIdentifier]),
		{"subnet_id": sn.SubnetIdentifier},
		"info",
	)
}
