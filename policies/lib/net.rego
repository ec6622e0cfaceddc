# Network helpers: the world, ports and protocols of security-group rules and ACL entries.
package moat.lib.net

import data.moat.lib.result

world_cidrs := {"0.0.0.0/0", "::/0"}

# The sources of a security-group permission that are the whole internet.
world_sources(perm) := {r.CidrIp | some r in object.get(perm, "IpRanges", []); r.CidrIp == "0.0.0.0/0"} | {r.CidrIpv6 |
	some r in object.get(perm, "Ipv6Ranges", [])
	r.CidrIpv6 == "::/0"
}

# Every CIDR source of a permission (IPv4 and IPv6).
cidr_sources(perm) := {r.CidrIp | some r in object.get(perm, "IpRanges", [])} | {r.CidrIpv6 |
	some r in object.get(perm, "Ipv6Ranges", [])
}

tcp_protocols := {"tcp", "6"}

all_protocols := {"-1", "all"}

# True when a security-group permission admits TCP `port` (protocol -1 covers every port).
perm_covers_port(perm, port) if {
	p := lower(perm.IpProtocol)
	_covers(p, object.get(perm, "FromPort", -1), object.get(perm, "ToPort", -1), port)
}

_covers(p, _, _, _) if p in all_protocols

_covers(p, from, to, port) if {
	p in tcp_protocols
	from <= port
	port <= to
}

# True when a permission covers every port of every protocol, or all 65536 TCP/UDP ports.
perm_all_ports(perm) if lower(perm.IpProtocol) in all_protocols

perm_all_ports(perm) if {
	lower(perm.IpProtocol) in {"tcp", "udp", "6", "17"}
	object.get(perm, "FromPort", -1) <= 0
	object.get(perm, "ToPort", -1) >= 65535
}

# "tcp 22", "tcp 0-65535" or "all traffic": how a permission reads in a message.
perm_text(perm) := "all traffic" if {
	lower(perm.IpProtocol) in all_protocols
} else := sprintf("%s %d", [lower(perm.IpProtocol), perm.FromPort]) if {
	perm.FromPort == perm.ToPort
} else := sprintf("%s %d-%d", [lower(perm.IpProtocol), object.get(perm, "FromPort", -1), object.get(perm, "ToPort", -1)])

# The resource descriptor of a security group for result.fail.
sg_resource(region, sg) := {
	"id": sg.GroupId,
	"type": "AWS::EC2::SecurityGroup",
	"region": region,
	"arn": object.get(sg, "SecurityGroupArn", result.ec2_arn(region, "security-group", sg.GroupId)),
}

# The ports of `ports` that a permission opens over TCP (every one for protocol -1).
ports_opened(perm, ports) := {p | some p in ports} if {
	lower(perm.IpProtocol) in all_protocols
} else := {p | some p in ports; perm.FromPort <= p; p <= perm.ToPort} if {
	lower(perm.IpProtocol) in tcp_protocols
} else := set()

# True when a network ACL entry's source is the whole internet.
acl_world(entry) if entry.CidrBlock == "0.0.0.0/0"

acl_world(entry) if entry.Ipv6CidrBlock == "::/0"

acl_source(entry) := object.get(entry, "CidrBlock", object.get(entry, "Ipv6CidrBlock", "?"))

# True when a network ACL entry covers TCP `port`.
acl_covers(entry, _) if entry.Protocol == "-1"

acl_covers(entry, port) if {
	entry.Protocol in {"6", "tcp"}
	entry.PortRange.From <= port
	port <= entry.PortRange.To
}

# [security group, permission, world CIDR] for every world source of an ingress
# permission. moat precomputes the candidates (input.moat.index[region].world_ingress);
# without them this scans every group with world_sources.
world_ingress(region, r) := [[sg, perm, cidr] |
	some [i, j, cidr] in input.moat.index[region].world_ingress
	sg := r.ec2.SecurityGroups[i]
	perm := sg.IpPermissions[j]
] if {
	input.moat.index[region].world_ingress
} else := [[sg, perm, cidr] |
	some sg in object.get(r, ["ec2", "SecurityGroups"], [])
	some perm in object.get(sg, "IpPermissions", [])
	some cidr in world_sources(perm)
]

# The same for egress permissions (input.moat.index[region].world_egress).
world_egress(region, r) := [[sg, perm, cidr] |
	some [i, j, cidr] in input.moat.index[region].world_egress
	sg := r.ec2.SecurityGroups[i]
	perm := sg.IpPermissionsEgress[j]
] if {
	input.moat.index[region].world_egress
} else := [[sg, perm, cidr] |
	some sg in object.get(r, ["ec2", "SecurityGroups"], [])
	some perm in object.get(sg, "IpPermissionsEgress", [])
	some cidr in world_sources(perm)
]
