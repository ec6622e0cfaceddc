package moat.rules.databases.rds_publicly_accessible_test

import data.moat.lib.result
import data.moat.rules.databases.rds_publicly_accessible as rule

doc(public) := {"regions": {"r": {"rds": {"DBInstances": [{"DBInstanceIdentifier": "orders", "PubliclyAccessible": public}]}}}}

test_public_fails if {
	result.found(rule.deny) == {["r", "orders", "PubliclyAccessible"]} with input as doc(true)
}

test_private_passes if {
	count(rule.deny) == 0 with input as doc(false)
}

test_absent_field_cannot_be_judged if {
	d := {"regions": {"r": {"rds": {"DBInstances": [{"DBInstanceIdentifier": "orders"}]}}}}
	findings := rule.deny with input as d
	result.found(findings) == {["r", "orders", "PubliclyAccessible unknown"]}
	some f in findings
	f.severity == "info"
}
