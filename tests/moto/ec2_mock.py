"""A stand-in EC2 endpoint for what moto cannot do: multi-page responses and throttling.

Usage: python ec2_mock.py PORT
DescribeSecurityGroups answers in two pages (NextToken), and its first request is refused
with RequestLimitExceeded (throttling), so the SDK's retry and paginator are exercised.
DescribeVpnConnections answers one private-IP VPN (over a Direct Connect gateway's transit
gateway attachment) with AWS's tunnel options, which moto does not emulate: tunnel 1 set to
IKEv2, AES256-GCM-16, SHA2-256 and DH group 20 and UP; tunnel 2 left on AWS's default lists
(empty sets) and DOWN. Every other EC2 action answers an empty result. GET /requests returns
the actions seen.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
seen = []


def group(i):
    return (f"<item><groupId>sg-{i:017x}</groupId><groupName>paged-{i}</groupName>"
            f"<groupDescription>d</groupDescription><vpcId>vpc-0123456789abcdef0</vpcId>"
            f"<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>"
            f"<ipRanges><item><cidrIp>{'0.0.0.0/0' if i == 7 else '10.0.0.0/8'}</cidrIp></item></ipRanges>"
            f"</item></ipPermissions><ipPermissionsEgress/></item>")


def values(tag, vals):
    return f"<{tag}>" + "".join(f"<item><value>{v}</value></item>" for v in vals) + f"</{tag}>"


STRONG = (values("ikeVersionSet", ["ikev2"]) + values("phase1EncryptionAlgorithmSet", ["AES256-GCM-16"])
          + values("phase2EncryptionAlgorithmSet", ["AES256-GCM-16"]) + values("phase1IntegrityAlgorithmSet", ["SHA2-256"])
          + values("phase2IntegrityAlgorithmSet", ["SHA2-256"]) + values("phase1DHGroupNumberSet", [20])
          + values("phase2DHGroupNumberSet", [20]))
VPN = ("<item><vpnConnectionId>vpn-0d1c2b3a4f5e6d7c8</vpnConnectionId><state>available</state><type>ipsec.1</type>"
       "<customerGatewayId>cgw-0d1c2b3a4f5e6d7c8</customerGatewayId><transitGatewayId>tgw-0d1c2b3a4f5e6d7c8</transitGatewayId>"
       "<options><staticRoutesOnly>false</staticRoutesOnly><outsideIpAddressType>PrivateIpv4</outsideIpAddressType>"
       "<transportTransitGatewayAttachmentId>tgw-attach-0d1c2b3a4f5e6d7c8</transportTransitGatewayAttachmentId>"
       "<tunnelOptionSet>"
       f"<item><outsideIpAddress>172.16.0.10</outsideIpAddress><tunnelInsideCidr>169.254.10.0/30</tunnelInsideCidr>{STRONG}</item>"
       "<item><outsideIpAddress>172.16.0.11</outsideIpAddress><tunnelInsideCidr>169.254.11.0/30</tunnelInsideCidr>"
       "<ikeVersionSet/><phase1EncryptionAlgorithmSet/><phase1DHGroupNumberSet/></item>"
       "</tunnelOptionSet></options>"
       "<vgwTelemetry><item><outsideIpAddress>172.16.0.10</outsideIpAddress><status>UP</status><statusMessage>2 BGP ROUTES</statusMessage><acceptedRouteCount>2</acceptedRouteCount></item>"
       "<item><outsideIpAddress>172.16.0.11</outsideIpAddress><status>DOWN</status><statusMessage>IPSEC IS DOWN</statusMessage><acceptedRouteCount>0</acceptedRouteCount></item></vgwTelemetry>"
       "</item>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply(200, json.dumps(seen))

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode())
        action = form.get("Action", ["?"])[0]
        token = form.get("NextToken", [""])[0]
        seen.append([action, token])
        if action == "DescribeSecurityGroups":
            if sum(1 for a, _ in seen if a == action) == 1:
                return self.reply(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                                       "<Message>Request limit exceeded.</Message></Error></Errors>"
                                       "<RequestID>r-throttled</RequestID></Response>")
            if token == "":
                items, next_token = range(0, 5), "<nextToken>page-2</nextToken>"
            else:
                items, next_token = range(5, 9), ""
            body = "".join(group(i) for i in items)
            return self.reply(200, f'<DescribeSecurityGroupsResponse xmlns="{NS}"><requestId>r</requestId>'
                                   f"<securityGroupInfo>{body}</securityGroupInfo>{next_token}</DescribeSecurityGroupsResponse>")
        if action == "DescribeVpnConnections":
            return self.reply(200, f'<DescribeVpnConnectionsResponse xmlns="{NS}"><requestId>r</requestId>'
                                   f"<vpnConnectionSet>{VPN}</vpnConnectionSet></DescribeVpnConnectionsResponse>")
        self.reply(200, f'<{action}Response xmlns="{NS}"><requestId>r</requestId></{action}Response>')


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
