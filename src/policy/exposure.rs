//! Effective exposure, direct paths: which network interfaces the internet can reach, on
//! which protocols and ports, and through which path, as AWS evaluates each link.
//!
//! An interface with a public IPv4 address is reachable from an internet address A on
//! (protocol, port) when all of these hold:
//! - **route**: its subnet's route table in force sends the reply to A through an active
//!   internet gateway route (longest-prefix match);
//! - **network ACL in**: the subnet's ACL (its association, else the VPC's default ACL)
//!   admits (protocol, port) from A, first match by rule number;
//! - **network ACL out**: the same ACL admits the reply to A on some ephemeral port
//!   (1024–65535): ACLs are stateless;
//! - **security groups**: one of the interface's groups admits (protocol, port) from A
//!   (stateful: egress rules do not matter for replies).
//!
//! A link that cannot be read (a subnet, route table, ACL or group the snapshot lacks, a
//! prefix list without entries) makes the interface *unknown*, never safe. Paths through
//! load balancers are not modelled yet.

use super::addresses::{admitted, entries, perm_ports, sources, Entry, PrefixLists};
use super::topology::{igw_returns, Tiers};
use crate::addrset::{AddrSet, AddressSpace, Family};
use crate::snapshot::{NetworkAcl, Region, Snapshot};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One step of a path, from the internet inwards.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Step {
    /// `internet-gateway`, `route-table`, `network-acl`, `security-group`,
    /// `network-interface`.
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    /// What in it lets the traffic through (routes, entries, rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
}

/// A resource the internet can reach directly on one protocol.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Exposure {
    pub account_id: String,
    pub region: String,
    /// `AWS::EC2::Instance` for an instance's interface, else `AWS::EC2::NetworkInterface`.
    pub resource_type: String,
    pub resource_id: String,
    pub interface_id: String,
    pub public_ip: String,
    /// `tcp` or `udp`.
    pub protocol: String,
    /// `[from, to]` pairs.
    pub ports: Vec<[i32; 2]>,
    /// `direct` (load balancer paths are not modelled yet).
    pub via: String,
    /// 0 when every public address reaches it; else the prefix length of one network as
    /// large as the set of internet addresses that do (24: as many as a /24).
    pub reachable_from_prefix: u8,
    pub path: Vec<Step>,
}

/// A resource whose reachability could not be decided, and the missing link.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Unknown {
    pub account_id: String,
    pub region: String,
    pub resource_type: String,
    pub resource_id: String,
    pub interface_id: String,
    pub missing: String,
}

/// Every direct exposure of a snapshot, and what could not be decided.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct ExposureReport {
    pub exposures: Vec<Exposure>,
    pub unknown: Vec<Unknown>,
}

/// The ports of one protocol that reach something through an element.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenPorts {
    /// `tcp` or `udp`.
    pub protocol: String,
    /// `[from, to]` pairs.
    pub ports: Vec<[i32; 2]>,
}

/// What the internet reaches through one element (a security group, a network ACL, a
/// resource), for `input.moat.exposure`. An element that is absent from its map reaches
/// nothing: it is *latent*.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementExposure {
    /// The protocols and ports on which some resource is reachable through it.
    pub reachable: Vec<OpenPorts>,
    /// The resources reachable through it, sorted.
    pub resources: Vec<String>,
    /// True when some resource behind it could not be decided (a link was not read): the
    /// element is then *unknown* on every port it does not reach, never latent.
    pub unknown: bool,
}

/// `input.moat.exposure[region]`: the exposures of one region and, per element, what they
/// pass through. Rust-only (see docs/input-moat.md).
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionExposure {
    /// One entry per reachable resource and protocol, as `moat exposure --format json`.
    pub reachable: Vec<Exposure>,
    /// Resources whose reachability could not be decided.
    pub unknown: Vec<Unknown>,
    /// Security group id → what is reachable through it.
    pub security_groups: BTreeMap<String, ElementExposure>,
    /// Network ACL id → what is reachable through it.
    pub network_acls: BTreeMap<String, ElementExposure>,
    /// Resource id (instance, interface, DB instance, load balancer name) → its exposure.
    pub resources: BTreeMap<String, ElementExposure>,
}

impl RegionExposure {
    fn reach(map: &mut BTreeMap<String, ElementExposure>, id: &str, e: &Exposure) {
        let el = map.entry(id.to_string()).or_default();
        match el.reachable.iter_mut().find(|o| o.protocol == e.protocol) {
            Some(o) => o.ports = merge_ports(o.ports.iter().chain(&e.ports).copied()),
            None => el.reachable.push(OpenPorts {
                protocol: e.protocol.clone(),
                ports: e.ports.clone(),
            }),
        }
        if !el.resources.contains(&e.resource_id) {
            el.resources.push(e.resource_id.clone());
            el.resources.sort();
        }
    }

    fn add_exposure(&mut self, e: Exposure) {
        for step in &e.path {
            match step.kind.as_str() {
                "security-group" => Self::reach(&mut self.security_groups, &step.id, &e),
                "network-acl" => Self::reach(&mut self.network_acls, &step.id, &e),
                _ => {}
            }
        }
        Self::reach(&mut self.resources, &e.resource_id, &e);
        self.reachable.push(e);
    }

    fn add_unknown(&mut self, u: Unknown, groups: &[&str], acl: Option<&str>) {
        for g in groups {
            self.security_groups
                .entry(g.to_string())
                .or_default()
                .unknown = true;
        }
        if let Some(a) = acl {
            self.network_acls.entry(a.to_string()).or_default().unknown = true;
        }
        self.resources
            .entry(u.resource_id.clone())
            .or_default()
            .unknown = true;
        self.unknown.push(u);
    }
}

/// Sorted, merged `[from, to]` ranges.
fn merge_ports(ranges: impl Iterator<Item = [i32; 2]>) -> Vec<[i32; 2]> {
    let mut v: Vec<[i32; 2]> = ranges.collect();
    v.sort();
    let mut out: Vec<[i32; 2]> = Vec::new();
    for r in v {
        match out.last_mut() {
            Some(last) if r[0] <= last[1] + 1 => last[1] = last[1].max(r[1]),
            _ => out.push(r),
        }
    }
    out
}

/// Interface types that accept no inbound connection from the internet themselves.
const NOT_ENTRY_POINTS: &[&str] = &[
    "nat_gateway",
    "vpc_endpoint",
    "gateway_load_balancer_endpoint",
    "transit_gateway",
];

struct Target<'a> {
    resource_type: &'static str,
    resource_id: String,
    interface_id: String,
    public_ip: String,
    subnet: Option<&'a str>,
    groups: Vec<&'a str>,
}

fn targets(r: &Region) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for eni in &r.ec2.network_interfaces {
        let Some(ip) = eni.association.as_ref().and_then(|a| a.public_ip.clone()) else {
            continue;
        };
        if eni
            .interface_type
            .as_deref()
            .is_some_and(|t| NOT_ENTRY_POINTS.contains(&t))
        {
            continue;
        }
        let instance = eni.attachment.as_ref().and_then(|a| a.instance_id.clone());
        if let Some(i) = &instance {
            seen.insert(i.clone());
        }
        out.push(Target {
            resource_type: if instance.is_some() {
                "AWS::EC2::Instance"
            } else {
                "AWS::EC2::NetworkInterface"
            },
            resource_id: instance.unwrap_or_else(|| eni.network_interface_id.clone()),
            interface_id: eni.network_interface_id.clone(),
            public_ip: ip,
            subnet: eni.subnet_id.as_deref(),
            groups: eni
                .groups
                .iter()
                .filter_map(|g| g.group_id.as_deref())
                .collect(),
        });
    }
    // Instances whose interfaces the snapshot does not list.
    for i in r.ec2.reservations.iter().flat_map(|res| &res.instances) {
        let (Some(ip), false) = (&i.public_ip_address, seen.contains(&i.instance_id)) else {
            continue;
        };
        if i.state
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .is_some_and(|n| n != "running")
        {
            continue;
        }
        out.push(Target {
            resource_type: "AWS::EC2::Instance",
            resource_id: i.instance_id.clone(),
            interface_id: String::new(),
            public_ip: ip.clone(),
            subnet: i.subnet_id.as_deref(),
            groups: i
                .security_groups
                .iter()
                .filter_map(|g| g.group_id.as_deref())
                .collect(),
        });
    }
    out
}

/// The network ACL in force for a subnet: its association, else its VPC's default ACL.
fn acl_of<'a>(r: &'a Region, subnet: &str, vpc: Option<&str>) -> Option<&'a NetworkAcl> {
    r.ec2
        .network_acls
        .iter()
        .find(|a| a.associations.iter().any(|x| x.subnet_id == subnet))
        .or_else(|| {
            r.ec2
                .network_acls
                .iter()
                .find(|a| a.is_default == Some(true) && Some(a.vpc_id.as_str()) == vpc)
        })
}

/// First match over the entries for (protocol, [lo, hi]) in the family.
fn acl_admits<'e>(
    entries: &'e [Entry<'e>],
    family: Family,
    protocol: &str,
    lo: i32,
    hi: i32,
) -> (AddrSet, Vec<&'e Entry<'e>>) {
    admitted(entries.iter().filter(|e| {
        e.family == family
            && (e.protocol == "-1" || (e.protocol == protocol && e.from <= lo && hi <= e.to))
    }))
}

/// Internet addresses to which the ACL lets a reply out on some ephemeral port.
fn acl_reply<'e>(
    entries: &'e [Entry<'e>],
    family: Family,
    protocol: &str,
) -> (AddrSet, BTreeSet<i32>) {
    let mut bounds: BTreeSet<i32> = [1024, 65536].into();
    for e in entries.iter().filter(|e| e.protocol == protocol) {
        for b in [e.from, e.to + 1] {
            if (1024..=65536).contains(&b) {
                bounds.insert(b);
            }
        }
    }
    let bounds: Vec<i32> = bounds.into_iter().collect();
    let (mut set, mut by) = (AddrSet::new(), BTreeSet::new());
    for w in bounds.windows(2) {
        let (s, e) = acl_admits(entries, family, protocol, w[0], w[1] - 1);
        set = set.union(&s);
        by.extend(e.iter().map(|x| x.number));
    }
    (set, by)
}

/// A port range that is reachable: (ports, the group rules and the inbound ACL entries that
/// admit it, the internet addresses that reach it).
type OpenSegment = ([i32; 2], BTreeSet<String>, BTreeSet<i32>, AddrSet);

/// Direct exposures of one region.
fn region_exposure(
    account: &str,
    region: &str,
    r: &Region,
    tiers: &Tiers,
    space: &AddressSpace,
    out: &mut RegionExposure,
) {
    let lists = PrefixLists::new(r);
    let pl_map: HashMap<&str, &crate::snapshot::ManagedPrefixList> = r
        .ec2
        .managed_prefix_lists
        .iter()
        .map(|p| (p.prefix_list_id.as_str(), p))
        .collect();
    let subnets: HashMap<&str, &crate::snapshot::Subnet> = r
        .ec2
        .subnets
        .iter()
        .map(|s| (s.subnet_id.as_str(), s))
        .collect();
    let groups: HashMap<&str, &crate::snapshot::SecurityGroup> = r
        .ec2
        .security_groups
        .iter()
        .map(|g| (g.group_id.as_str(), g))
        .collect();
    let table_of = super::topology::tables_in_force(r);
    let family = Family::V4;
    for t in targets(r) {
        let unknown = |missing: String| Unknown {
            account_id: account.to_string(),
            region: region.to_string(),
            resource_type: t.resource_type.to_string(),
            resource_id: t.resource_id.clone(),
            interface_id: t.interface_id.clone(),
            missing,
        };
        let Some(subnet_id) = t.subnet else {
            out.add_unknown(
                unknown("its subnet is not recorded".into()),
                &t.groups,
                None,
            );
            continue;
        };
        let Some(subnet) = subnets.get(subnet_id) else {
            out.add_unknown(
                unknown(format!("subnet {subnet_id} is not in the snapshot")),
                &t.groups,
                None,
            );
            continue;
        };
        let acl = acl_of(r, subnet_id, Some(subnet.vpc_id.as_str()));
        let acl_id = acl.map(|a| a.network_acl_id.as_str());
        let Some(&rt) = table_of.get(subnet_id) else {
            out.add_unknown(
                unknown(format!("no route table in force for subnet {subnet_id}")),
                &t.groups,
                acl_id,
            );
            continue;
        };
        let table = &r.ec2.route_tables[rt];
        let (returns, routes, gateways) =
            match igw_returns(&table.routes, &pl_map, tiers, &space.private) {
                Ok(x) => (x.via, x.routes, x.gateways),
                Err(what) => {
                    out.add_unknown(
                        unknown(format!("route table {}: {what}", table.route_table_id)),
                        &t.groups,
                        acl_id,
                    );
                    continue;
                }
            };
        if returns.is_empty() {
            continue; // No reply reaches the internet: not reachable.
        }
        let Some(acl) = acl else {
            out.add_unknown(
                unknown(format!(
                    "no network ACL in the snapshot for subnet {subnet_id}"
                )),
                &t.groups,
                None,
            );
            continue;
        };
        let mut perms = Vec::new();
        let mut missing = None;
        for g in &t.groups {
            match groups.get(g) {
                Some(sg) => {
                    perms.extend(sg.ip_permissions.iter().map(|p| (sg.group_id.as_str(), p)))
                }
                None => missing = Some(format!("security group {g} is not in the snapshot")),
            }
        }
        if let Some(m) = missing {
            out.add_unknown(unknown(m), &t.groups, acl_id);
            continue;
        }
        // Parse the group rules: (group, protocol, from, to, text, sources).
        let mut rules = Vec::new();
        for (gid, p) in &perms {
            let protocol = super::addresses::normalize_protocol(&p.ip_protocol);
            let Some((from, to)) = perm_ports(&protocol, p) else {
                continue;
            };
            let (srcs, unresolved) = sources(p, &lists);
            if let Some((id, _, why)) = unresolved.first() {
                missing = Some(format!("security group {gid}: prefix list {id}: {why}"));
                break;
            }
            let set = srcs
                .iter()
                .filter(|s| s.family == family)
                .fold(AddrSet::new(), |acc, s| acc.union(s.set()));
            rules.push((
                *gid,
                protocol,
                from,
                to,
                super::addresses::perm_label(p),
                set,
            ));
        }
        if let Some(m) = missing {
            out.add_unknown(unknown(m), &t.groups, acl_id);
            continue;
        }
        let ins = entries(acl, false);
        let outs = entries(acl, true);
        for protocol in ["tcp", "udp"] {
            let (reply, reply_by) = acl_reply(&outs, family, protocol);
            let reach_base = returns.intersect(&reply);
            if reach_base.is_empty() {
                continue;
            }
            let mut bounds: BTreeSet<i32> = [0, 65536].into();
            for (_, p, from, to, _, _) in &rules {
                if p == protocol {
                    bounds.insert((*from).max(0));
                    bounds.insert((*to).min(65535) + 1);
                }
            }
            for e in ins.iter().filter(|e| e.protocol == protocol) {
                bounds.insert(e.from.max(0));
                bounds.insert(e.to.min(65535) + 1);
            }
            let bounds: Vec<i32> = bounds.into_iter().collect();
            let mut open: Vec<OpenSegment> = Vec::new();
            for w in bounds.windows(2) {
                let (lo, hi) = (w[0], w[1] - 1);
                let covering: Vec<_> = rules
                    .iter()
                    .filter(|(_, p, f, t, _, _)| {
                        p == "-1" || (p == protocol && *f <= lo && hi <= *t)
                    })
                    .collect();
                let sg = covering
                    .iter()
                    .fold(AddrSet::new(), |acc, r| acc.union(&r.5));
                if sg.is_empty() {
                    continue;
                }
                let (nacl_in, in_by) = acl_admits(&ins, family, protocol, lo, hi);
                let reach = sg.intersect(&nacl_in).intersect(&reach_base);
                if reach.is_empty() {
                    continue;
                }
                let rule_labels: BTreeSet<String> = covering
                    .iter()
                    .filter(|r| !r.5.intersect(&reach).is_empty())
                    .map(|r| format!("{}: {}", r.0, r.4))
                    .collect();
                let entry_numbers: BTreeSet<i32> = in_by.iter().map(|e| e.number).collect();
                match open.last_mut() {
                    Some(last)
                        if last.0[1] + 1 == lo
                            && last.1 == rule_labels
                            && last.2 == entry_numbers
                            && last.3 == reach =>
                    {
                        last.0[1] = hi
                    }
                    _ => open.push(([lo, hi], rule_labels, entry_numbers, reach)),
                }
            }
            if open.is_empty() {
                continue;
            }
            let all: AddrSet = open.iter().fold(AddrSet::new(), |acc, o| acc.union(&o.3));
            let rules_used: BTreeSet<String> =
                open.iter().flat_map(|o| o.1.iter().cloned()).collect();
            let entries_in: BTreeSet<i32> = open.iter().flat_map(|o| o.2.iter().copied()).collect();
            let mut sg_steps: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for label in &rules_used {
                if let Some((g, rule)) = label.split_once(": ") {
                    sg_steps.entry(g).or_default().push(rule.to_string());
                }
            }
            let mut path = vec![Step {
                kind: "internet-gateway".into(),
                id: gateways.join(", "),
                by: vec![],
            }];
            path.push(Step {
                kind: "route-table".into(),
                id: table.route_table_id.clone(),
                by: routes.clone(),
            });
            path.push(Step {
                kind: "network-acl".into(),
                id: acl.network_acl_id.clone(),
                by: vec![
                    format!(
                        "inbound entries {:?}",
                        entries_in.iter().collect::<Vec<_>>()
                    ),
                    format!(
                        "outbound entries {:?} (replies to ports 1024-65535)",
                        reply_by.iter().collect::<Vec<_>>()
                    ),
                ],
            });
            for (g, rules) in sg_steps {
                path.push(Step {
                    kind: "security-group".into(),
                    id: g.to_string(),
                    by: rules,
                });
            }
            path.push(Step {
                kind: "network-interface".into(),
                id: if t.interface_id.is_empty() {
                    t.resource_id.clone()
                } else {
                    t.interface_id.clone()
                },
                by: vec![],
            });
            out.add_exposure(Exposure {
                account_id: account.to_string(),
                region: region.to_string(),
                resource_type: t.resource_type.to_string(),
                resource_id: t.resource_id.clone(),
                interface_id: t.interface_id.clone(),
                public_ip: t.public_ip.clone(),
                protocol: protocol.to_string(),
                ports: open.iter().map(|o| o.0).collect(),
                via: "direct".into(),
                reachable_from_prefix: if AddrSet::world(family)
                    .subtract(&space.private)
                    .subtract(&all)
                    .is_empty()
                {
                    0
                } else {
                    all.equivalent_prefix(family).unwrap_or(32)
                },
                path,
            });
        }
    }
}

/// The exposure facts of every region, with the rules' configuration (tiers, address space).
pub fn regions(snapshot: &Snapshot, config: &Value) -> BTreeMap<String, RegionExposure> {
    let tiers = Tiers::from_config(config);
    let space = AddressSpace::from_config(config).unwrap_or_default();
    snapshot
        .regions
        .iter()
        .map(|(name, r)| {
            let mut out = RegionExposure::default();
            region_exposure(&snapshot.account.id, name, r, &tiers, &space, &mut out);
            (name.clone(), out)
        })
        .collect()
}

/// Every exposure of a snapshot, and what could not be decided.
pub fn exposure(snapshot: &Snapshot, config: &Value) -> ExposureReport {
    ExposureReport::from_regions(&regions(snapshot, config))
}

impl ExposureReport {
    /// The report of the regions' facts, in region order.
    pub fn from_regions(regions: &BTreeMap<String, RegionExposure>) -> ExposureReport {
        let mut out = ExposureReport::default();
        for r in regions.values() {
            out.exposures.extend(r.reachable.iter().cloned());
            out.unknown.extend(r.unknown.iter().cloned());
        }
        out
    }
}

impl Exposure {
    /// The port ranges as text: `22`, `80-90`, joined by `sep`.
    pub fn ports_text(&self, sep: &str) -> String {
        let parts: Vec<String> = self
            .ports
            .iter()
            .map(|[a, b]| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        parts.join(sep)
    }
}

impl ExposureReport {
    /// A Mermaid flowchart of the internet paths (GitHub renders it in Markdown inside a
    /// ```mermaid fence): one node per gateway, route table, ACL, group and resource, one edge
    /// per hop, the ports on the last edge. Resources whose reachability is unknown are drawn
    /// apart, with the missing link.
    pub fn mermaid(&self) -> String {
        fn node(kind: &str, id: &str) -> String {
            let clean: String = id
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            format!("{kind}_{clean}")
        }
        fn label(text: &str) -> String {
            text.replace('"', "#quot;")
        }
        let mut nodes: BTreeMap<String, String> = BTreeMap::new();
        let mut edges: BTreeSet<(String, String, String)> = BTreeSet::new();
        for e in &self.exposures {
            let mut prev = "internet".to_string();
            for (i, step) in e.path.iter().enumerate() {
                let last = i + 1 == e.path.len();
                let id = if last {
                    node("res", &format!("{}_{}", e.region, e.resource_id))
                } else {
                    node(&step.kind.replace('-', "_"), &step.id)
                };
                let text = if last {
                    format!("{}<br/>{} {}", e.resource_id, e.public_ip, e.region)
                } else {
                    format!("{} {}", step.kind, step.id)
                };
                nodes.entry(id.clone()).or_insert(text);
                let ports = if last {
                    format!("{} {}", e.protocol, e.ports_text(","))
                } else {
                    String::new()
                };
                edges.insert((prev, id.clone(), ports));
                prev = id;
            }
        }
        let mut out = String::from("flowchart LR\n  internet((Internet))\n");
        for (id, text) in &nodes {
            out.push_str(&format!("  {id}[\"{}\"]\n", label(text)));
        }
        for (from, to, ports) in &edges {
            if ports.is_empty() {
                out.push_str(&format!("  {from} --> {to}\n"));
            } else {
                out.push_str(&format!("  {from} -->|\"{}\"| {to}\n", label(ports)));
            }
        }
        for u in &self.unknown {
            let id = node("unknown", &format!("{}_{}", u.region, u.resource_id));
            out.push_str(&format!(
                "  {id}[\"{} {}<br/>unknown: {}\"]\n  style {id} stroke-dasharray: 5 5\n",
                label(&u.resource_id),
                u.region,
                label(&u.missing)
            ));
        }
        out
    }
}
