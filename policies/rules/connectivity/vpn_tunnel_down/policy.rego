# METADATA
# title: VPN connection without two tunnels up
# description: |
#   A site-to-site VPN connection has a tunnel that is DOWN, or fewer than two tunnels.
#   AWS endpoints are maintained one tunnel at a time; with only one tunnel up, the next
#   maintenance cuts the connection. SecureCart practice: VPN tunnels up.
# custom:
#   id: VPN001
#   practice: vpn
#   severity: medium
#   remediation: |
#     Configure both tunnels on the customer gateway device and check their IKE/IPsec and
#     BGP status (`aws ec2 describe-vpn-connections --vpn-connection-ids <vpn>`).
#   controls: ["AWS-FSBP EC2.20"]
#   resource_types: ["AWS::EC2::VPNConnection"]
#   requires: ["ec2:DescribeVpnConnections"]
package moat.rules.connectivity.vpn_tunnel_down

import data.moat.lib.result

deny contains finding if {
	some region, r in input.regions
	some vpn in r.ec2.VpnConnections
	object.get(vpn, "State", "available") == "available"
	some problem in _problems(vpn)
	finding := result.fail(
		{"id": vpn.VpnConnectionId, "type": "AWS::EC2::VPNConnection", "region": region, "arn": result.ec2_arn(region, "vpn-connection", vpn.VpnConnectionId)},
		sprintf("VPN connection %s: %s", [vpn.VpnConnectionId, problem]),
		problem,
		{"tunnels": [{"outside_ip": object.get(t, "OutsideIpAddress", "?"), "status": t.Status} | some t in object.get(vpn, "VgwTelemetry", [])]},
	)
}

_problems(vpn) := {sprintf("tunnel %s is %s", [object.get(t, "OutsideIpAddress", "?"), t.Status]) |
	some t in object.get(vpn, "VgwTelemetry", [])
	t.Status != "UP"
} | {sprintf("only %d tunnel(s) configured", [n]) | n := count(object.get(vpn, "VgwTelemetry", [])); n < 2}
