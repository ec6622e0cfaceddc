# METADATA
# title: VPN tunnel allows weak cryptography
# description: |
#   A Site-to-Site VPN tunnel accepts IKEv1, an encryption algorithm other than AES-128 or
#   AES-256 (CBC or GCM), an integrity algorithm weaker than SHA-256, or a Diffie-Hellman
#   group below 14, in phase 1 or phase 2. A tunnel option list that is empty in
#   DescribeVpnConnections means AWS's default list, which includes IKEv1, SHA1 and DH group
#   2 (and 5 in phase 2): a tunnel left on the defaults can negotiate them, and is reported
#   with the exact options to set. SecureCart practice: encrypt data in transit over VPN
#   tunnels with current algorithms. The accepted sets are configurable as `vpn_crypto`.
# custom:
#   id: VPN002
#   practice: vpn
#   severity: medium
#   remediation: |
#     Restrict the tunnel's options to strong values, e.g.
#     `aws ec2 modify-vpn-tunnel-options --vpn-connection-id <vpn> --vpn-tunnel-outside-ip-address <ip>
#     --tunnel-options 'IKEVersions=[{Value=ikev2}],Phase1EncryptionAlgorithms=[{Value=AES256-GCM-16}],Phase2EncryptionAlgorithms=[{Value=AES256-GCM-16}],Phase1IntegrityAlgorithms=[{Value=SHA2-256}],Phase2IntegrityAlgorithms=[{Value=SHA2-256}],Phase1DHGroupNumbers=[{Value=20}],Phase2DHGroupNumbers=[{Value=20}]'`,
#     and configure the customer gateway to match.
#   controls: ["PCI-DSS-4.0 4.2.1", "AWS-FSBP EC2.20"]
#   resource_types: ["AWS::EC2::VPNConnection"]
#   requires: ["ec2:DescribeVpnConnections"]
package moat.rules.connectivity.vpn_weak_crypto

import data.moat.lib.result

# AWS's defaults for an empty option list.
_defaults := {
	"IkeVersions": ["ikev1", "ikev2"],
	"Phase1EncryptionAlgorithms": ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
	"Phase2EncryptionAlgorithms": ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
	"Phase1IntegrityAlgorithms": ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
	"Phase2IntegrityAlgorithms": ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
	"Phase1DHGroupNumbers": [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
	"Phase2DHGroupNumbers": [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
}

_allowed := {
	"IkeVersions": data.moat.config.vpn_crypto.ike_versions,
	"Phase1EncryptionAlgorithms": data.moat.config.vpn_crypto.encryption,
	"Phase2EncryptionAlgorithms": data.moat.config.vpn_crypto.encryption,
	"Phase1IntegrityAlgorithms": data.moat.config.vpn_crypto.integrity,
	"Phase2IntegrityAlgorithms": data.moat.config.vpn_crypto.integrity,
}

# The values in force for an option: the tunnel's list, or AWS's default when it is empty.
_in_force(t, key) := [v.Value | some v in object.get(t, key, [])] if {
	count(object.get(t, key, [])) > 0
}

_in_force(t, key) := _defaults[key] if {
	count(object.get(t, key, [])) == 0
}

_source(t, key) := "set" if count(object.get(t, key, [])) > 0

_source(t, key) := "AWS default" if count(object.get(t, key, [])) == 0

# The weak values of each option: {option: {"weak": [...], "source": ...}}.
_weak(t) := object.union(
	{key: entry |
		some key, allowed in _allowed
		weak := [v | some v in _in_force(t, key); not v in allowed]
		count(weak) > 0
		entry := {"weak": weak, "source": _source(t, key)}
	},
	{key: entry |
		some key in ["Phase1DHGroupNumbers", "Phase2DHGroupNumbers"]
		weak := [g | some g in _in_force(t, key); g < data.moat.config.vpn_crypto.min_dh_group]
		count(weak) > 0
		entry := {"weak": weak, "source": _source(t, key)}
	},
)

# What to set instead, option by option.
_fix(key) := concat(",", data.moat.config.vpn_crypto.ike_versions) if key == "IkeVersions"

_fix(key) := concat(",", data.moat.config.vpn_crypto.encryption) if key in {"Phase1EncryptionAlgorithms", "Phase2EncryptionAlgorithms"}

_fix(key) := concat(",", data.moat.config.vpn_crypto.integrity) if key in {"Phase1IntegrityAlgorithms", "Phase2IntegrityAlgorithms"}

_fix(key) := sprintf("%d or higher", [data.moat.config.vpn_crypto.min_dh_group]) if key in {"Phase1DHGroupNumbers", "Phase2DHGroupNumbers"}

deny contains finding if {
	some region, r in input.regions
	some vpn in r.ec2.VpnConnections
	object.get(vpn, "State", "available") != "deleted"
	some t in object.get(vpn, ["Options", "TunnelOptions"], [])
	weak := _weak(t)
	count(weak) > 0
	ip := object.get(t, "OutsideIpAddress", "?")
	problems := [sprintf("%s %v (%s)", [key, w.weak, w.source]) | some key, w in weak]
	fixes := [sprintf("%s=%s", [key, _fix(key)]) | some key, _ in weak]
	finding := result.fail(
		{"id": vpn.VpnConnectionId, "type": "AWS::EC2::VPNConnection", "region": region, "arn": result.ec2_arn(region, "vpn-connection", vpn.VpnConnectionId)},
		sprintf("VPN connection %s tunnel %s allows weak cryptography: %s; set %s", [vpn.VpnConnectionId, ip, concat("; ", problems), concat(", ", fixes)]),
		sprintf("tunnel %s", [ip]),
		{"tunnel": ip, "weak": weak},
	)
}
