//! `input.moat.addresses[region]`: which addresses security groups and network ACLs admit,
//! as AWS evaluates them, for the exposure rules.
//!
//! - Security-group rules are additive: a group is open to the world on a port when the
//!   sources of all its rules covering that port together hold every IPv4 (or IPv6)
//!   address, whether one rule says `0.0.0.0/0` or two say `0.0.0.0/1` and `128.0.0.0/1`.
//! - Network ACL entries are evaluated in rule-number order, first match wins, per address:
//!   the addresses a port admits are those whose first matching entry allows.
//! - Managed prefix lists are expanded to their entries; a list the snapshot does not hold, or
//!   whose entries were not read, makes the source *unknown* (never "not the world").
//! - A public range (outside `address_space.private_ranges` and `trusted_cidrs`) broader than
//!   `address_space.broad_public_prefix` is an exposure too.

use crate::addrset::{parse_cidr, AddrSet, AddressSpace, Family};
use crate::snapshot::{IpPermission, ManagedPrefixList, NetworkAcl, NetworkAclEntry, Region};
use ipnet::IpNet;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Exposure kinds.
pub const WORLD: &str = "world";
pub const PUBLIC_RANGE: &str = "public_range";
pub const UNKNOWN: &str = "unknown";

/// `input.moat.addresses[region]`.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionAddresses {
    /// What security groups admit inbound from the world, from broad public ranges, or from
    /// sources moat cannot resolve.
    pub sg_ingress: Vec<SgExposure>,
    /// The same for outbound destinations.
    pub sg_egress: Vec<SgExposure>,
    /// TCP port ranges network ACLs admit inbound from the world or a broad public range.
    pub acl_ingress: Vec<AclExposure>,
    /// All-traffic (protocol `-1`) destinations network ACLs admit outbound to the world or a
    /// broad public range.
    pub acl_egress: Vec<AclExposure>,
}

/// Addresses one security group admits on one protocol and port range.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SgExposure {
    /// Index of the group in `SecurityGroups`.
    pub group: usize,
    /// Index of the permission in `IpPermissions`/`IpPermissionsEgress` when one permission
    /// alone makes this exposure; absent when several do together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<usize>,
    /// `-1` (every protocol), `tcp`, `udp`, `icmp`, `icmpv6`, or a protocol number.
    pub protocol: String,
    /// The port range (0–65535 for `-1`).
    pub from_port: i32,
    pub to_port: i32,
    /// How the rule reads in a message: `tcp 22`, `tcp 0-65535`, `all traffic`.
    pub rule: String,
    /// `world`, `public_range` or `unknown`.
    pub kind: String,
    /// `ipv4` or `ipv6` (for `unknown`: the prefix list's family when known, else `ipv4`).
    pub family: String,
    /// The sources behind it: CIDRs and prefix-list ids.
    pub sources: Vec<String>,
    /// For `public_range`: the prefix length of one network as large as its public,
    /// untrusted part (8 for 2^24 IPv4 addresses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_prefix: Option<u8>,
    /// For `unknown`: why the source cannot be resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Addresses one network ACL admits on a port range.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AclExposure {
    /// Index of the ACL in `NetworkAcls`.
    pub acl: usize,
    /// `tcp` (ingress) or `-1` (egress).
    pub protocol: String,
    pub from_port: i32,
    pub to_port: i32,
    /// `world` or `public_range`.
    pub kind: String,
    pub family: String,
    /// Rule numbers of the allow entries that admit addresses here, in evaluation order.
    pub entries: Vec<i32>,
    /// Their CIDRs.
    pub sources: Vec<String>,
    /// For `public_range`, as for security groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_prefix: Option<u8>,
}

/// What a prefix-list id resolves to.
pub(super) enum Resolved<'a> {
    Known(Vec<IpNet>),
    Unknown(&'a str),
}

pub(super) struct PrefixLists<'a> {
    by_id: HashMap<&'a str, &'a ManagedPrefixList>,
}

impl<'a> PrefixLists<'a> {
    pub(super) fn new(r: &'a Region) -> Self {
        PrefixLists {
            by_id: r
                .ec2
                .managed_prefix_lists
                .iter()
                .map(|p| (p.prefix_list_id.as_str(), p))
                .collect(),
        }
    }

    fn resolve(&self, id: &str) -> Resolved<'static> {
        match self.by_id.get(id) {
            None => Resolved::Unknown("the snapshot does not hold this prefix list"),
            Some(pl) => match &pl.entries {
                None => Resolved::Unknown("the snapshot does not hold this prefix list's entries"),
                Some(entries) => {
                    Resolved::Known(entries.iter().filter_map(|e| parse_cidr(&e.cidr)).collect())
                }
            },
        }
    }

    fn family(&self, id: &str) -> Family {
        match self.by_id.get(id).and_then(|p| p.address_family.as_deref()) {
            Some(f) if f.eq_ignore_ascii_case("ipv6") => Family::V6,
            _ => Family::V4,
        }
    }
}

/// `tcp`, `udp`, `icmp`, `icmpv6`, `-1` for the names and numbers AWS accepts.
pub fn normalize_protocol(p: &str) -> String {
    match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".into(),
        "6" | "tcp" => "tcp".into(),
        "17" | "udp" => "udp".into(),
        "1" | "icmp" => "icmp".into(),
        "58" | "icmpv6" => "icmpv6".into(),
        other => other.into(),
    }
}

/// How a route's destination reads: its CIDR or prefix-list id.
pub(super) fn route_label(r: &crate::snapshot::Route) -> String {
    r.destination_cidr_block
        .clone()
        .or_else(|| r.destination_ipv6_cidr_block.clone())
        .or_else(|| r.destination_prefix_list_id.clone())
        .unwrap_or_else(|| "?".into())
}

/// How a permission reads in a path: `tcp 22 from 0.0.0.0/0`.
pub(super) fn perm_label(p: &IpPermission) -> String {
    let mut from: Vec<String> = p.ip_ranges.iter().map(|r| r.cidr_ip.clone()).collect();
    from.extend(p.ipv6_ranges.iter().map(|r| r.cidr_ipv6.clone()));
    from.extend(p.prefix_list_ids.iter().map(|r| r.prefix_list_id.clone()));
    format!("{} from {}", perm_text(p), from.join(", "))
}

/// The text of `policies/lib/net.rego`'s `perm_text`.
fn perm_text(perm: &IpPermission) -> String {
    let p = perm.ip_protocol.to_ascii_lowercase();
    if p == "-1" || p == "all" {
        return "all traffic".into();
    }
    let (from, to) = (perm.from_port.unwrap_or(-1), perm.to_port.unwrap_or(-1));
    if from == to {
        format!("{p} {from}")
    } else {
        format!("{p} {from}-{to}")
    }
}

fn range_text(protocol: &str, from: i32, to: i32) -> String {
    if protocol == "-1" {
        "all traffic".into()
    } else if from == to {
        format!("{protocol} {from}")
    } else {
        format!("{protocol} {from}-{to}")
    }
}

/// One source of a permission: a CIDR or a resolved prefix list, by family.
pub(super) struct Source {
    pub(super) label: String,
    pub(super) family: Family,
    pub(super) nets: Vec<IpNet>,
    /// Built only when a source could be the world or broad: most are neither, and the
    /// tries cost more than the arithmetic on prefix lengths that rules them out.
    pub(super) set: std::cell::OnceCell<AddrSet>,
}

impl Source {
    fn new(label: String, family: Family, nets: Vec<IpNet>) -> Source {
        let nets = nets
            .into_iter()
            .filter(|n| {
                matches!(
                    (n, family),
                    (IpNet::V4(_), Family::V4) | (IpNet::V6(_), Family::V6)
                )
            })
            .collect();
        Source {
            label,
            family,
            nets,
            set: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn set(&self) -> &AddrSet {
        self.set
            .get_or_init(|| AddrSet::of(self.nets.iter().copied()))
    }

    /// At least as many addresses as the source holds (overlaps count twice).
    fn size_bound(&self) -> u128 {
        self.nets.iter().fold(0u128, |acc, n| {
            let bits = u32::from(n.max_prefix_len() - n.prefix_len());
            acc.saturating_add(1u128.checked_shl(bits).unwrap_or(u128::MAX))
        })
    }

    fn is_world(&self) -> bool {
        self.nets.iter().any(|n| n.prefix_len() == 0)
            || (self.size_bound() >= AddrSet::world(self.family).size(self.family)
                && self.set().covers_world(self.family))
    }
}

/// A permission's address sources, and the prefix lists that could not be resolved.
pub(super) fn sources(
    perm: &IpPermission,
    lists: &PrefixLists,
) -> (Vec<Source>, Vec<(String, Family, &'static str)>) {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for r in &perm.ip_ranges {
        if let Some(net) = parse_cidr(&r.cidr_ip) {
            out.push(Source::new(r.cidr_ip.clone(), Family::V4, vec![net]));
        }
    }
    for r in &perm.ipv6_ranges {
        if let Some(net) = parse_cidr(&r.cidr_ipv6) {
            out.push(Source::new(r.cidr_ipv6.clone(), Family::V6, vec![net]));
        }
    }
    for pl in &perm.prefix_list_ids {
        match lists.resolve(&pl.prefix_list_id) {
            Resolved::Known(nets) => {
                for family in [Family::V4, Family::V6] {
                    let part = Source::new(pl.prefix_list_id.clone(), family, nets.clone());
                    if !part.nets.is_empty() {
                        out.push(part);
                    }
                }
            }
            Resolved::Unknown(why) => unknown.push((
                pl.prefix_list_id.clone(),
                lists.family(&pl.prefix_list_id),
                why,
            )),
        }
    }
    (out, unknown)
}

/// The port range a permission covers, by normalized protocol; `None` for a TCP/UDP
/// permission without ports (a value problem MOAT001 reports).
pub(super) fn perm_ports(protocol: &str, perm: &IpPermission) -> Option<(i32, i32)> {
    match protocol {
        "-1" => Some((0, 65535)),
        "tcp" | "udp" => match (perm.from_port, perm.to_port) {
            (Some(f), Some(t)) if f <= t => Some((f.max(0), t.min(65535))),
            _ => None,
        },
        _ => Some((perm.from_port.unwrap_or(-1), perm.to_port.unwrap_or(-1))),
    }
}

fn sg_exposures(
    group: usize,
    perms: &[IpPermission],
    lists: &PrefixLists,
    space: &AddressSpace,
) -> Vec<SgExposure> {
    let mut out = Vec::new();
    // (protocol, from, to, sources) per permission, for the combined analysis.
    let mut parsed: Vec<(String, i32, i32, Vec<Source>)> = Vec::new();
    for (j, perm) in perms.iter().enumerate() {
        let protocol = normalize_protocol(&perm.ip_protocol);
        let Some((from, to)) = perm_ports(&protocol, perm) else {
            continue;
        };
        let rule = perm_text(perm);
        let (srcs, unknown) = sources(perm, lists);
        let single = |kind: &str, family: Family, label: String, prefix: Option<u8>| SgExposure {
            group,
            permission: Some(j),
            protocol: protocol.clone(),
            from_port: from,
            to_port: to,
            rule: rule.clone(),
            kind: kind.into(),
            family: family.name().into(),
            sources: vec![label],
            public_prefix: prefix,
            reason: None,
        };
        for s in &srcs {
            if s.is_world() {
                out.push(single(WORLD, s.family, s.label.clone(), None));
            } else if space.could_be_broad(s.size_bound(), s.family) {
                let public = space.public_part(s.set());
                if space.is_broad(&public, s.family) {
                    let prefix = public.equivalent_prefix(s.family);
                    out.push(single(PUBLIC_RANGE, s.family, s.label.clone(), prefix));
                }
            }
        }
        for (id, family, why) in unknown {
            let mut e = single(UNKNOWN, family, id, None);
            e.reason = Some(why.into());
            out.push(e);
        }
        parsed.push((protocol, from, to, srcs));
    }
    out.extend(combined_world(group, &parsed));
    narrow_public_ranges(out)
}

/// One finding per real problem: a public range adds nothing on ports where the world
/// already reaches the same group in the same family, so its port range is narrowed to the
/// ports it alone exposes (and dropped when none is left).
fn narrow_public_ranges(all: Vec<SgExposure>) -> Vec<SgExposure> {
    let world: Vec<(String, String, i32, i32)> = all
        .iter()
        .filter(|e| e.kind == WORLD)
        .map(|e| (e.family.clone(), e.protocol.clone(), e.from_port, e.to_port))
        .collect();
    let mut out = Vec::new();
    for e in all {
        if e.kind != PUBLIC_RANGE {
            out.push(e);
            continue;
        }
        let covering = |w: &&(String, String, i32, i32)| {
            w.0 == e.family && (w.1 == "-1" || (w.1 == e.protocol && e.protocol != "-1"))
        };
        let mut pieces = vec![(e.from_port, e.to_port)];
        if e.protocol == "tcp" || e.protocol == "udp" || e.protocol == "-1" {
            for w in world.iter().filter(covering) {
                pieces = pieces
                    .into_iter()
                    .flat_map(|(lo, hi)| {
                        let mut rest = Vec::new();
                        if w.2 > lo {
                            rest.push((lo, hi.min(w.2 - 1)));
                        }
                        if w.3 < hi {
                            rest.push((lo.max(w.3 + 1), hi));
                        }
                        rest.into_iter().filter(|(a, b)| a <= b).collect::<Vec<_>>()
                    })
                    .collect();
            }
        }
        for (lo, hi) in pieces {
            let mut piece = e.clone();
            piece.from_port = lo;
            piece.to_port = hi;
            out.push(piece);
        }
    }
    out
}

/// Port ranges open to the world only through several permissions together.
fn combined_world(group: usize, parsed: &[(String, i32, i32, Vec<Source>)]) -> Vec<SgExposure> {
    let mut out = Vec::new();
    for family in [Family::V4, Family::V6] {
        // Sources that hold fewer addresses in all than the family has cannot add up to it:
        // the common case, decided without building any union.
        let total = parsed
            .iter()
            .flat_map(|p| &p.3)
            .filter(|s| s.family == family)
            .fold(0u128, |acc, s| acc.saturating_add(s.size_bound()));
        if total < AddrSet::world(family).size(family) {
            continue;
        }
        let world_alone = |srcs: &[Source]| srcs.iter().any(|s| s.family == family && s.is_world());
        let union = |perms: &[&(String, i32, i32, Vec<Source>)]| {
            let mut set = AddrSet::new();
            let mut labels = BTreeSet::new();
            for (_, _, _, srcs) in perms {
                for s in srcs.iter().filter(|s| s.family == family) {
                    set = set.union(s.set());
                    labels.insert(s.label.clone());
                }
            }
            (set, labels)
        };
        let all: Vec<_> = parsed.iter().filter(|p| p.0 == "-1").collect();
        let (all_set, all_labels) = union(&all);
        let all_is_world = all_set.covers_world(family);
        if all_is_world && !all.iter().any(|p| world_alone(&p.3)) {
            out.push(SgExposure {
                group,
                permission: None,
                protocol: "-1".into(),
                from_port: 0,
                to_port: 65535,
                rule: "all traffic".into(),
                kind: WORLD.into(),
                family: family.name().into(),
                sources: all_labels.into_iter().collect(),
                public_prefix: None,
                reason: None,
            });
        }
        if all_is_world {
            continue;
        }
        for protocol in ["tcp", "udp"] {
            let mine: Vec<_> = parsed.iter().filter(|p| p.0 == protocol).collect();
            if mine.is_empty() {
                continue;
            }
            let mut bounds: BTreeSet<i32> = [0, 65536].into();
            for p in &mine {
                bounds.insert(p.1);
                bounds.insert(p.2 + 1);
            }
            let bounds: Vec<i32> = bounds.into_iter().collect();
            let mut current: Option<SgExposure> = None;
            for w in bounds.windows(2) {
                let (lo, hi) = (w[0], w[1] - 1);
                let covering: Vec<_> = mine
                    .iter()
                    .copied()
                    .filter(|p| p.1 <= lo && hi <= p.2)
                    .chain(all.iter().copied())
                    .collect();
                let (set, labels) = union(&covering);
                let open = set.covers_world(family) && !covering.iter().any(|p| world_alone(&p.3));
                let labels: Vec<String> = labels.into_iter().collect();
                match (&mut current, open) {
                    (Some(c), true) if c.sources == labels && c.to_port + 1 == lo => c.to_port = hi,
                    (_, true) => {
                        out.extend(current.take());
                        current = Some(SgExposure {
                            group,
                            permission: None,
                            protocol: protocol.into(),
                            from_port: lo,
                            to_port: hi,
                            rule: String::new(),
                            kind: WORLD.into(),
                            family: family.name().into(),
                            sources: labels,
                            public_prefix: None,
                            reason: None,
                        });
                    }
                    (_, false) => out.extend(current.take()),
                }
            }
            out.extend(current.take());
        }
    }
    for e in &mut out {
        if e.rule.is_empty() {
            e.rule = range_text(&e.protocol, e.from_port, e.to_port);
        }
    }
    out
}

/// One ACL entry, parsed.
pub(super) struct Entry<'a> {
    pub(super) number: i32,
    pub(super) allow: bool,
    pub(super) protocol: String,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) family: Family,
    pub(super) set: AddrSet,
    pub(super) label: &'a str,
}

pub(super) fn entries(acl: &NetworkAcl, egress: bool) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry> = acl
        .entries
        .iter()
        .filter(|e| e.egress == egress)
        .filter_map(|e: &NetworkAclEntry| {
            let (label, family) = match (&e.cidr_block, &e.ipv6_cidr_block) {
                (Some(c), _) => (c.as_str(), Family::V4),
                (None, Some(c)) => (c.as_str(), Family::V6),
                (None, None) => return None,
            };
            let net = parse_cidr(label)?;
            let protocol = normalize_protocol(&e.protocol);
            let (from, to) = match (&protocol[..], &e.port_range) {
                ("-1", _) => (0, 65535),
                ("tcp" | "udp", Some(r)) => (r.from?, r.to?),
                ("tcp" | "udp", None) => (0, 65535),
                _ => (-1, -1),
            };
            Some(Entry {
                number: e.rule_number,
                allow: e.rule_action.eq_ignore_ascii_case("allow"),
                protocol,
                from,
                to,
                family,
                set: AddrSet::of([net]).family(family),
                label,
            })
        })
        .collect();
    out.sort_by_key(|e| e.number);
    out
}

/// First match per address over the entries that match.
pub(super) fn admitted<'e>(
    matching: impl Iterator<Item = &'e Entry<'e>>,
) -> (AddrSet, Vec<&'e Entry<'e>>) {
    let mut decided = AddrSet::new();
    let mut admitted = AddrSet::new();
    let mut by = Vec::new();
    for e in matching {
        let fresh = e.set.subtract(&decided);
        if e.allow && !fresh.is_empty() {
            admitted = admitted.union(&fresh);
            by.push(e);
        }
        decided = decided.union(&e.set);
    }
    (admitted, by)
}

fn classify(
    set: &AddrSet,
    family: Family,
    space: &AddressSpace,
) -> Option<(&'static str, Option<u8>)> {
    if set.covers_world(family) {
        return Some((WORLD, None));
    }
    if !space.could_be_broad(set.size(family), family) {
        return None;
    }
    let public = space.public_part(set);
    space
        .is_broad(&public, family)
        .then(|| (PUBLIC_RANGE, public.equivalent_prefix(family)))
}

fn acl_exposures(
    index: usize,
    acl: &NetworkAcl,
    space: &AddressSpace,
) -> (Vec<AclExposure>, Vec<AclExposure>) {
    let mut ingress = Vec::new();
    let mut egress = Vec::new();
    let make =
        |protocol: &str, lo, hi, kind: &str, family: Family, by: &[&Entry], prefix| AclExposure {
            acl: index,
            protocol: protocol.into(),
            from_port: lo,
            to_port: hi,
            kind: kind.into(),
            family: family.name().into(),
            entries: by.iter().map(|e| e.number).collect(),
            sources: by.iter().map(|e| e.label.to_string()).collect(),
            public_prefix: prefix,
        };
    let inbound = entries(acl, false);
    let outbound = entries(acl, true);
    for family in [Family::V4, Family::V6] {
        // Inbound TCP, by port segment.
        let fam: Vec<&Entry> = inbound.iter().filter(|e| e.family == family).collect();
        let mut bounds: BTreeSet<i32> = [0, 65536].into();
        for e in fam.iter().filter(|e| e.protocol == "tcp") {
            bounds.insert(e.from.max(0));
            bounds.insert(e.to.min(65535) + 1);
        }
        let bounds: Vec<i32> = bounds.into_iter().collect();
        let mut current: Option<AclExposure> = None;
        for w in bounds.windows(2) {
            let (lo, hi) = (w[0], w[1] - 1);
            let matching = fam.iter().copied().filter(|e| {
                e.protocol == "-1" || (e.protocol == "tcp" && e.from <= lo && hi <= e.to)
            });
            let (set, by) = admitted(matching);
            match classify(&set, family, space) {
                Some((kind, prefix)) => {
                    let next = make("tcp", lo, hi, kind, family, &by, prefix);
                    match &mut current {
                        Some(c)
                            if c.kind == next.kind
                                && c.entries == next.entries
                                && c.public_prefix == next.public_prefix =>
                        {
                            c.to_port = hi
                        }
                        _ => {
                            ingress.extend(current.take());
                            current = Some(next);
                        }
                    }
                }
                None => ingress.extend(current.take()),
            }
        }
        ingress.extend(current.take());
        // Outbound all traffic.
        let (set, by) = admitted(
            outbound
                .iter()
                .filter(|e| e.family == family && e.protocol == "-1"),
        );
        if let Some((kind, prefix)) = classify(&set, family, space) {
            egress.push(make("-1", 0, 65535, kind, family, &by, prefix));
        }
    }
    (ingress, egress)
}

/// `input.moat.addresses` for one region.
pub fn region_addresses(r: &Region, space: &AddressSpace) -> RegionAddresses {
    let lists = PrefixLists::new(r);
    let mut out = RegionAddresses::default();
    for (i, sg) in r.ec2.security_groups.iter().enumerate() {
        out.sg_ingress
            .extend(sg_exposures(i, &sg.ip_permissions, &lists, space));
        out.sg_egress
            .extend(sg_exposures(i, &sg.ip_permissions_egress, &lists, space));
    }
    for (i, acl) in r.ec2.network_acls.iter().enumerate() {
        let (ingress, egress) = acl_exposures(i, acl, space);
        out.acl_ingress.extend(ingress);
        out.acl_egress.extend(egress);
    }
    out
}

/// `input.moat.addresses`, per region.
pub fn addresses(
    regions: &BTreeMap<String, Region>,
    space: &AddressSpace,
) -> BTreeMap<String, RegionAddresses> {
    regions
        .iter()
        .map(|(name, r)| (name.clone(), region_addresses(r, space)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{IpRange, NetworkAclEntry, PortRange, SecurityGroup};

    fn perm(protocol: &str, from: i32, to: i32, cidrs: &[&str]) -> IpPermission {
        IpPermission {
            ip_protocol: protocol.into(),
            from_port: Some(from),
            to_port: Some(to),
            ip_ranges: cidrs
                .iter()
                .map(|c| IpRange {
                    cidr_ip: c.to_string(),
                    description: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    fn region_with(perms: Vec<IpPermission>) -> Region {
        let mut r = Region::default();
        r.ec2.security_groups.push(SecurityGroup {
            group_id: "sg-1".into(),
            ip_permissions: perms,
            ..Default::default()
        });
        r
    }

    fn summary(list: &[SgExposure]) -> Vec<(String, i32, i32, String, Vec<String>)> {
        let mut v: Vec<_> = list
            .iter()
            .map(|e| {
                (
                    e.protocol.clone(),
                    e.from_port,
                    e.to_port,
                    e.kind.clone(),
                    e.sources.clone(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn rules_add_up_to_the_world_on_the_ports_they_share() {
        let r = region_with(vec![
            perm("tcp", 20, 30, &["0.0.0.0/1"]),
            perm("tcp", 25, 80, &["128.0.0.0/1"]),
            perm("tcp", 443, 443, &["10.0.0.0/8"]),
        ]);
        let a = region_addresses(&r, &AddressSpace::default());
        let world: Vec<_> = a.sg_ingress.iter().filter(|e| e.kind == WORLD).collect();
        assert_eq!(world.len(), 1, "{:?}", a.sg_ingress);
        assert_eq!((world[0].from_port, world[0].to_port), (25, 30));
        assert_eq!(world[0].rule, "tcp 25-30");
        assert_eq!(world[0].permission, None);
        // Each half is a broad public range only where the world does not already reach.
        assert_eq!(
            summary(&a.sg_ingress),
            vec![
                (
                    "tcp".into(),
                    20,
                    24,
                    PUBLIC_RANGE.into(),
                    vec!["0.0.0.0/1".to_string()]
                ),
                (
                    "tcp".into(),
                    25,
                    30,
                    WORLD.into(),
                    vec!["0.0.0.0/1".into(), "128.0.0.0/1".into()]
                ),
                (
                    "tcp".into(),
                    31,
                    80,
                    PUBLIC_RANGE.into(),
                    vec!["128.0.0.0/1".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn all_traffic_rules_combine_with_port_rules() {
        let r = region_with(vec![
            perm("-1", -1, -1, &["0.0.0.0/1"]),
            perm("tcp", 22, 22, &["128.0.0.0/1"]),
        ]);
        let a = region_addresses(&r, &AddressSpace::default());
        let world: Vec<_> = a.sg_ingress.iter().filter(|e| e.kind == WORLD).collect();
        assert_eq!(world.len(), 1);
        assert_eq!(
            (
                world[0].protocol.as_str(),
                world[0].from_port,
                world[0].to_port
            ),
            ("tcp", 22, 22)
        );
    }

    #[test]
    fn a_single_world_rule_keeps_its_own_text() {
        let r = region_with(vec![
            perm("6", 0, 1024, &["0.0.0.0/0"]),
            perm("tcp", 22, 22, &["0.0.0.0/0"]),
        ]);
        let a = region_addresses(&r, &AddressSpace::default());
        assert_eq!(
            a.sg_ingress.len(),
            2,
            "no combined record where single rules say it: {:?}",
            a.sg_ingress
        );
        assert_eq!(a.sg_ingress[0].rule, "6 0-1024");
        assert_eq!(a.sg_ingress[0].permission, Some(0));
    }

    #[test]
    fn unresolved_prefix_lists_are_unknown() {
        let mut p = perm("tcp", 22, 22, &[]);
        p.prefix_list_ids.push(crate::snapshot::PrefixListId {
            prefix_list_id: "pl-1".into(),
            description: None,
        });
        let a = region_addresses(&region_with(vec![p]), &AddressSpace::default());
        assert_eq!(a.sg_ingress.len(), 1);
        assert_eq!(a.sg_ingress[0].kind, UNKNOWN);
    }

    fn entry(
        n: i32,
        allow: bool,
        protocol: &str,
        cidr: &str,
        ports: Option<(i32, i32)>,
    ) -> NetworkAclEntry {
        NetworkAclEntry {
            rule_number: n,
            protocol: protocol.into(),
            rule_action: if allow { "allow" } else { "deny" }.into(),
            egress: false,
            cidr_block: Some(cidr.into()),
            port_range: ports.map(|(f, t)| PortRange {
                from: Some(f),
                to: Some(t),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn acl_first_match_is_per_address() {
        let mut r = Region::default();
        r.ec2.network_acls.push(NetworkAcl {
            network_acl_id: "acl-1".into(),
            entries: vec![
                entry(200, true, "-1", "0.0.0.0/0", None),
                entry(100, false, "6", "0.0.0.0/1", Some((22, 22))),
                entry(110, false, "6", "128.0.0.0/1", Some((22, 22))),
                entry(120, false, "6", "203.0.113.9/32", Some((3389, 3389))),
                entry(32767, false, "-1", "0.0.0.0/0", None),
            ],
            ..Default::default()
        });
        let a = region_addresses(&r, &AddressSpace::default());
        let at = |port: i32| {
            a.acl_ingress
                .iter()
                .find(|e| e.from_port <= port && port <= e.to_port)
                .map(|e| (e.kind.clone(), e.entries.clone()))
        };
        assert_eq!(at(22), None, "both halves denied first");
        assert_eq!(at(80), Some((WORLD.into(), vec![200])));
        assert_eq!(
            at(3389),
            Some((PUBLIC_RANGE.into(), vec![200])),
            "one host denied: still a broad public range"
        );
    }
}
