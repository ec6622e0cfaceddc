# METADATA
# title: RDS instance is publicly accessible
# description: |
#   An RDS DB instance has PubliclyAccessible set: its endpoint resolves to a public IP
#   address, reachable from the internet wherever its security groups allow. SecureCart
#   practice: no public databases.
#   An instance whose PubliclyAccessible is absent from the snapshot (AWS always returns it)
#   is reported at info as "cannot judge", never read as private.
# custom:
#   id: RDS001
#   practice: database-tier
#   severity: critical
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible
#     --apply-immediately`, and keep the instance in private (data-tier) subnets.
#   controls: ["AWS-FSBP RDS.2", "CIS-AWS 2.3.3", "PCI-DSS-4.0 1.4.4"]
#   resource_types: ["AWS::RDS::DBInstance"]
#   requires: ["rds:DescribeDBInstances"]
#   latent_keeps_severity: true
package moat.rules.databases.rds_publicly_accessible

import data.moat.lib.net
import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some db in r.rds.DBInstances
	db.PubliclyAccessible == true
	finding := object.union(result.fail(
		{"id": db.DBInstanceIdentifier, "type": "AWS::RDS::DBInstance", "region": region, "arn": object.get(db, "DBInstanceArn", "")},
		sprintf("RDS instance %s (%s) is publicly accessible", [db.DBInstanceIdentifier, object.get(db, "Engine", "?")]),
		"PubliclyAccessible",
		{"engine": object.get(db, "Engine", null), "endpoint": object.get(db, ["Endpoint", "Address"], null)},
	), {"exposure": net.exposure_state(region, "resources", db.DBInstanceIdentifier, "-1", 0, 65535)})
}

# AWS always returns PubliclyAccessible: absent means the snapshot does not say, which is
# reported (info) as "cannot judge", never read as "not public".
deny contains finding if {
	some region, r in input.regions
	some db in r.rds.DBInstances
	object.get(db, "PubliclyAccessible", null) == null
	finding := result.fail_with_severity(
		{"id": db.DBInstanceIdentifier, "type": "AWS::RDS::DBInstance", "region": region, "arn": object.get(db, "DBInstanceArn", "")},
		sprintf("cannot judge whether RDS instance %s is publicly accessible: PubliclyAccessible, which AWS always returns, is absent from the snapshot", [db.DBInstanceIdentifier]),
		"PubliclyAccessible unknown",
		{"publicly_accessible": "absent"},
		"info",
	)
}
