package moat.rules.connectivity.vpn_weak_crypto_test

import data.moat.lib.result
import data.moat.rules.connectivity.vpn_weak_crypto as rule

doc(tunnel) := {"regions": {"r": {"ec2": {"VpnConnections": [{"VpnConnectionId": "vpn-1", "State": "available", "Options": {"TunnelOptions": [tunnel]}}]}}}}

strong := {
	"OutsideIpAddress": "203.0.113.1",
	"IkeVersions": [{"Value": "ikev2"}],
	"Phase1EncryptionAlgorithms": [{"Value": "AES256"}], "Phase2EncryptionAlgorithms": [{"Value": "AES128-GCM-16"}],
	"Phase1IntegrityAlgorithms": [{"Value": "SHA2-384"}], "Phase2IntegrityAlgorithms": [{"Value": "SHA2-256"}],
	"Phase1DHGroupNumbers": [{"Value": 14}], "Phase2DHGroupNumbers": [{"Value": 21}],
}

test_strong_options_pass if {
	count(rule.deny) == 0 with input as doc(strong)
}

test_defaults_fail_with_what_to_set if {
	findings := rule.deny with input as doc({"OutsideIpAddress": "203.0.113.1"})
	result.found(findings) == {["r", "vpn-1", "tunnel 203.0.113.1"]}
	some f in findings
	f.evidence.weak.IkeVersions.weak == ["ikev1"]
	f.evidence.weak.IkeVersions.source == "AWS default"
	f.evidence.weak.Phase1IntegrityAlgorithms.weak == ["SHA1"]
	f.evidence.weak.Phase2DHGroupNumbers.weak == [2, 5]
	not f.evidence.weak.Phase1EncryptionAlgorithms
	contains(f.message, "IkeVersions=ikev2")
}

test_one_weak_value_set_explicitly_fails if {
	findings := rule.deny with input as doc(object.union(strong, {"Phase1DHGroupNumbers": [{"Value": 2}, {"Value": 14}]}))
	some f in findings
	object.keys(f.evidence.weak) == {"Phase1DHGroupNumbers"}
	f.evidence.weak.Phase1DHGroupNumbers == {"weak": [2], "source": "set"}
}
