# Network helpers: the world, ports and protocols of security-group rules and ACL entries.
package moat.lib.net

import data.moat.lib.result

# Every address source of a permission: IPv4 and IPv6 CIDRs and prefix-list ids.
cidr_sources(perm) := ({r.CidrIp | some r in object.get(perm, "IpRanges", [])} | {r.CidrIpv6 |
	some r in object.get(perm, "Ipv6Ranges", [])
}) | {p.PrefixListId | some p in object.get(perm, "PrefixListIds", [])}

# "tcp 22", "tcp 0-65535" or "all traffic": how a permission reads in a message.
perm_text(perm) := "all traffic" if {
	lower(perm.IpProtocol) in {"-1", "all"}
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

# What security groups admit, as AWS evaluates their rules (additive, prefix lists expanded):
# input.moat.addresses[region].sg_ingress / sg_egress, computed by moat (Rust-only; see
# docs/input-moat.md). Each exposure has the group's index, the protocol and port range, the
# rule's text, its kind (`world`, `public_range` or `unknown`), family and sources.
sg_ingress(region) := object.get(input, ["moat", "addresses", region, "sg_ingress"], [])

sg_egress(region) := object.get(input, ["moat", "addresses", region, "sg_egress"], [])

# What network ACLs admit (first match per address, in rule-number order).
acl_ingress(region) := object.get(input, ["moat", "addresses", region, "acl_ingress"], [])

acl_egress(region) := object.get(input, ["moat", "addresses", region, "acl_egress"], [])

# True when an exposure covers TCP `port`.
exposure_covers_port(e, _) if e.protocol == "-1"

exposure_covers_port(e, port) if {
	e.protocol == "tcp"
	e.from_port <= port
	port <= e.to_port
}

# True when an exposure covers every port of every protocol, or all 65536 TCP/UDP ports.
exposure_all_ports(e) if e.protocol == "-1"

exposure_all_ports(e) if {
	e.protocol in {"tcp", "udp"}
	e.from_port <= 0
	e.to_port >= 65535
}

# The ports of `ports` an exposure covers over TCP.
exposure_ports(e, ports) := {p | some p in ports; exposure_covers_port(e, p)}

# "0.0.0.0/0", "0.0.0.0/1 + 128.0.0.0/1", "pl-0123": the sources as one string.
exposure_source(e) := concat(" + ", e.sources)

# How the sources read in a message, with the breadth of a public range or why a source is
# unknown.
exposure_text(e) := sprintf("%s (a public range as large as a /%d)", [exposure_source(e), e.public_prefix]) if {
	e.kind == "public_range"
} else := sprintf("%s (unknown: %s)", [exposure_source(e), e.reason]) if {
	e.kind == "unknown"
} else := sprintf("%s (together, every %s address)", [exposure_source(e), e.family]) if {
	count(e.sources) > 1
} else := exposure_source(e)

# The facts behind an exposure, for a finding's evidence.
exposure_evidence(e) := object.union(
	{
		"rule": e.rule,
		"ip_protocol": e.protocol,
		"from_port": e.from_port,
		"to_port": e.to_port,
		"sources": e.sources,
		"exposure": e.kind,
		"family": e.family,
	},
	{k: v | some k in ["public_prefix", "reason"]; v := e[k]},
)

# What the internet reaches in a region, one entry per resource, protocol and way in (`via`
# is "direct" or a load balancer's name), with ports, path and subnet:
# input.moat.exposure[region].reachable, computed by moat (Rust-only; see docs/exposure.md).
exposures(region) := object.get(input, ["moat", "exposure", region, "reachable"], [])

# The ports of `ports` an exposure `x` (of input.moat.exposure) reaches over TCP.
reachable_ports(x, ports) := {p |
	x.protocol == "tcp"
	some p in ports
	some range in x.ports
	range[0] <= p
	p <= range[1]
}

# Port ranges ([[from, to], …]) as text: "22", "80,443", "1024-65535".
ports_text(ranges) := concat(",", [_range_text(r) | some r in ranges])

_range_text(r) := sprintf("%d", [r[0]]) if r[0] == r[1]

_range_text(r) := sprintf("%d-%d", r) if r[0] != r[1]

# The path of an exposure as text: "igw-1 → rtb-1 → acl-1 → sg-1 → eni-1". A target reached
# through a load balancer carries no path in the input (the load balancer's own exposure has
# it): its text names the load balancer.
path_text(x) := concat(" → ", [s.id | some s in x.path]) if count(x.path) > 0

path_text(x) := sprintf("through load balancer %s (its exposure holds the path)", [x.via]) if count(x.path) == 0

# The resource descriptor of an exposure for result.fail.
exposure_resource(region, x) := {"id": x.resource_id, "type": x.resource_type, "region": region}

# The evidence of an exposure finding: the way in and the whole path.
exposure_path_evidence(x) := {
	"address": x.public_ip,
	"protocol": x.protocol,
	"ports": x.ports,
	"via": x.via,
	"subnet_id": x.subnet_id,
	"reachable_from_prefix": x.reachable_from_prefix,
	"path": x.path,
}

# Effective exposure (input.moat.exposure, computed by moat; see docs/exposure.md): whether the
# internet reaches something through element `id` of `kind` ("security_groups",
# "network_acls" or "resources") in `region`, for `protocol` ("-1": any) on ports
# `from`..`to`: "reachable", "unknown" (some path behind it could not be decided, or the
# input carries no exposure facts: never safe) or "latent" (nothing reachable depends on it).
exposure_state(region, kind, id, protocol, from, to) := "reachable" if {
	_reached(region, kind, id, protocol, from, to)
}

exposure_state(region, kind, id, protocol, from, to) := "unknown" if {
	not _reached(region, kind, id, protocol, from, to)
	_undecided(region, kind, id)
}

exposure_state(region, kind, id, protocol, from, to) := "latent" if {
	not _reached(region, kind, id, protocol, from, to)
	not _undecided(region, kind, id)
}

_reached(region, kind, id, protocol, from, to) if {
	some o in input.moat.exposure[region][kind][id].reachable
	_same_protocol(o.protocol, protocol)
	some p in o.ports
	p[0] <= to
	from <= p[1]
}

_same_protocol(_, wanted) if wanted == "-1"

_same_protocol(have, wanted) if have == wanted

_undecided(_, _, _) if {
	not input.moat.exposure
}

_undecided(region, kind, id) if input.moat.exposure[region][kind][id].unknown

# The same for a list of TCP ports: "reachable" when one of them is.
ports_state(region, kind, id, ports) := "reachable" if {
	_reached_any(region, kind, id, ports)
}

ports_state(region, kind, id, ports) := "unknown" if {
	not _reached_any(region, kind, id, ports)
	_undecided(region, kind, id)
}

ports_state(region, kind, id, ports) := "latent" if {
	not _reached_any(region, kind, id, ports)
	not _undecided(region, kind, id)
}

_reached_any(region, kind, id, ports) if {
	some p in ports
	_reached(region, kind, id, "tcp", p, p)
}

# The exposure of a security group's ingress exposure `e`: on the ports the finding names
# (`extra.ports`), else on the whole range of `e`.
sg_exposure_state(region, sg, e, extra) := ports_state(region, "security_groups", sg.GroupId, extra.ports) if {
	extra.ports
}

sg_exposure_state(region, sg, e, extra) := exposure_state(region, "security_groups", sg.GroupId, e.protocol, e.from_port, e.to_port) if {
	not extra.ports
}

_with_exposure(region, sg, e, "ingress", extra) := {"exposure": sg_exposure_state(region, sg, e, extra)}

_with_exposure(_, _, _, "egress", _) := {}

# A finding on a security group for exposure `e`: `direction` is "ingress" or "egress",
# `suffix` ends the message (", which includes SSH (tcp 22)"), `extra` joins the evidence.
# An unknown source is "cannot judge" (info), never a pass.
sg_finding(region, sg, e, direction, suffix, extra) := object.union(
	result.fail(
		sg_resource(region, sg),
		sprintf("security group %s allows %s %s %s %s%s", [sg.GroupId, _way[direction], e.rule, _from_to[direction], exposure_text(e), suffix]),
		sprintf("%s %s %s %s", [direction, e.rule, _from_to[direction], exposure_source(e)]),
		object.union(object.union(exposure_evidence(e), {_side[direction]: exposure_source(e)}), extra),
	),
	_with_exposure(region, sg, e, direction, extra),
) if {
	e.kind != "unknown"
} else := object.union(result.fail_with_severity(
	sg_resource(region, sg),
	sprintf("security group %s allows %s %s %s %s: moat cannot judge whether this%s is open to the internet", [sg.GroupId, _way[direction], e.rule, _from_to[direction], exposure_text(e), suffix]),
	sprintf("%s %s %s %s", [direction, e.rule, _from_to[direction], exposure_source(e)]),
	object.union(object.union(exposure_evidence(e), {_side[direction]: exposure_source(e)}), extra),
	"info",
), _with_exposure(region, sg, e, direction, extra))

# How an ACL exposure's sources read in a message.
acl_exposure_text(e) := sprintf("%s (a public range as large as a /%d)", [concat(" + ", e.sources), e.public_prefix]) if {
	e.kind == "public_range"
} else := sprintf("%s (together, every %s address)", [concat(" + ", e.sources), e.family]) if {
	count(e.sources) > 1
} else := concat(" + ", e.sources)

_way := {"ingress": "inbound", "egress": "outbound"}

_from_to := {"ingress": "from", "egress": "to"}

_side := {"ingress": "source", "egress": "destination"}
