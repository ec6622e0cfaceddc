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
use super::topology::{igw_returns, IgwReturns, Tiers};
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
    /// The ports the traffic has at this step, when they differ from the entry ports (a
    /// load balancer's target port).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<[i32; 2]>,
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
    /// The subnet the path enters (a load balancer's first reachable subnet; a target's own
    /// subnet).
    pub subnet_id: String,
    pub public_ip: String,
    /// `tcp` or `udp`.
    pub protocol: String,
    /// `[from, to]` pairs.
    pub ports: Vec<[i32; 2]>,
    /// `direct` (by its own address), or the name of the internet-facing load balancer
    /// that forwards to it (then `ports` are the listener ports).
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
    fn reach(
        map: &mut BTreeMap<String, ElementExposure>,
        id: &str,
        e: &Exposure,
        ports: &[[i32; 2]],
    ) {
        let ports = if ports.is_empty() { &e.ports } else { ports };
        let el = map.entry(id.to_string()).or_default();
        match el.reachable.iter_mut().find(|o| o.protocol == e.protocol) {
            Some(o) => o.ports = merge_ports(o.ports.iter().chain(ports).copied()),
            None => el.reachable.push(OpenPorts {
                protocol: e.protocol.clone(),
                ports: ports.to_vec(),
            }),
        }
        if !el.resources.contains(&e.resource_id) {
            el.resources.push(e.resource_id.clone());
            el.resources.sort();
        }
    }

    fn add_exposure(&mut self, e: Exposure) {
        // Past a load balancer the traffic comes from the load balancer, not from the
        // internet: the target's groups and ACL expose nothing to the internet themselves.
        let front = e
            .path
            .iter()
            .position(|s| s.kind == "load-balancer")
            .map_or(e.path.len(), |i| i + 1);
        for step in &e.path[..front] {
            match step.kind.as_str() {
                "security-group" => {
                    Self::reach(&mut self.security_groups, &step.id, &e, &step.ports)
                }
                "network-acl" => Self::reach(&mut self.network_acls, &step.id, &e, &step.ports),
                _ => {}
            }
        }
        // `resources` says what reaches a resource by its own address.
        if e.via == "direct" {
            Self::reach(&mut self.resources, &e.resource_id, &e, &[]);
        }
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
    "network_load_balancer",
    "load_balancer",
];

/// Something the internet may reach by its own address.
struct Target<'a> {
    resource_type: &'static str,
    resource_id: String,
    interface_id: String,
    /// Its public IPv4 address, IPv6 address or DNS name.
    address: String,
    /// The subnets it is (or may be placed) in: reachable through any of them.
    subnets: Vec<&'a str>,
    /// Its security groups; `None` when none filter its traffic (a Network Load Balancer
    /// without security groups).
    groups: Option<Vec<&'a str>>,
    families: Vec<Family>,
    /// A load balancer accepts only its listeners' (protocol, port)s.
    listens: Option<Vec<(&'static str, i32)>>,
    /// The load balancer's ARN (ELBv2) or name (Classic), for the targets behind it.
    lb: Option<LbRef<'a>>,
}

#[derive(Clone, Copy)]
enum LbRef<'a> {
    V2(&'a crate::snapshot::LoadBalancer),
    /// A Classic Load Balancer: its instances are not collected.
    Classic,
}

fn lb_protocols(protocol: &str) -> &'static [&'static str] {
    match protocol.to_ascii_uppercase().as_str() {
        "UDP" => &["udp"],
        "TCP_UDP" => &["tcp", "udp"],
        _ => &["tcp"],
    }
}

/// The ids of attached security groups.
fn group_ids(groups: &[crate::snapshot::GroupIdentifier]) -> Vec<&str> {
    groups
        .iter()
        .filter_map(|g| g.group_id.as_deref())
        .collect()
}

fn running(i: &crate::snapshot::Instance) -> bool {
    i.state
        .as_ref()
        .and_then(|s| s.name.as_deref())
        .is_none_or(|n| n == "running")
}

fn listeners_by_lb(r: &Region) -> HashMap<&str, Vec<&crate::snapshot::Listener>> {
    let mut out: HashMap<&str, Vec<&crate::snapshot::Listener>> = HashMap::new();
    for l in &r.elbv2.listeners {
        out.entry(l.load_balancer_arn.as_str()).or_default().push(l);
    }
    out
}

fn targets<'a>(
    r: &'a Region,
    listeners: &HashMap<&str, Vec<&'a crate::snapshot::Listener>>,
) -> Vec<Target<'a>> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for eni in &r.ec2.network_interfaces {
        let v4 = eni.association.as_ref().and_then(|a| a.public_ip.clone());
        let v6 = eni.ipv6_addresses.first().map(|a| a.ipv6_address.clone());
        if v4.is_none() && v6.is_none() {
            continue;
        }
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
        let mut families = Vec::new();
        if v4.is_some() {
            families.push(Family::V4);
        }
        if v6.is_some() {
            families.push(Family::V6);
        }
        out.push(Target {
            resource_type: if instance.is_some() {
                "AWS::EC2::Instance"
            } else {
                "AWS::EC2::NetworkInterface"
            },
            resource_id: instance.unwrap_or_else(|| eni.network_interface_id.clone()),
            interface_id: eni.network_interface_id.clone(),
            address: [v4, v6]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            subnets: eni.subnet_id.as_deref().into_iter().collect(),
            groups: Some(group_ids(&eni.groups)),
            families,
            listens: None,
            lb: None,
        });
    }
    // Instances whose interfaces the snapshot does not list.
    for i in r.ec2.reservations.iter().flat_map(|res| &res.instances) {
        let (Some(ip), false) = (&i.public_ip_address, seen.contains(&i.instance_id)) else {
            continue;
        };
        if !running(i) {
            continue;
        }
        out.push(Target {
            resource_type: "AWS::EC2::Instance",
            resource_id: i.instance_id.clone(),
            interface_id: String::new(),
            address: ip.clone(),
            subnets: i.subnet_id.as_deref().into_iter().collect(),
            groups: Some(group_ids(&i.security_groups)),
            families: vec![Family::V4],
            listens: None,
            lb: None,
        });
    }
    // Internet-facing load balancers, on their listeners only.
    for lb in &r.elbv2.load_balancers {
        if lb.scheme != "internet-facing" || lb.r#type == "gateway" {
            continue;
        }
        let listens = listeners
            .get(lb.load_balancer_arn.as_str())
            .into_iter()
            .flatten()
            .flat_map(|l| lb_protocols(&l.protocol).iter().map(|p| (*p, l.port)))
            .collect();
        let mut families = vec![Family::V4];
        if lb
            .ip_address_type
            .as_deref()
            .is_some_and(|t| t.starts_with("dualstack"))
        {
            families.push(Family::V6);
        }
        out.push(Target {
            resource_type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
            resource_id: lb
                .load_balancer_name
                .clone()
                .unwrap_or_else(|| lb.load_balancer_arn.clone()),
            interface_id: String::new(),
            address: lb.dns_name.clone().unwrap_or_default(),
            subnets: lb
                .availability_zones
                .iter()
                .filter_map(|z| z.subnet_id.as_deref())
                .collect(),
            groups: if lb.security_groups.is_empty() && lb.r#type == "network" {
                None
            } else {
                Some(lb.security_groups.iter().map(String::as_str).collect())
            },
            families,
            listens: Some(listens),
            lb: Some(LbRef::V2(lb)),
        });
    }
    for lb in &r.elb.load_balancer_descriptions {
        if lb.scheme.as_deref() != Some("internet-facing") {
            continue;
        }
        out.push(Target {
            resource_type: "AWS::ElasticLoadBalancing::LoadBalancer",
            resource_id: lb.load_balancer_name.clone(),
            interface_id: String::new(),
            address: lb.dns_name.clone().unwrap_or_default(),
            subnets: lb.subnets.iter().map(String::as_str).collect(),
            groups: Some(lb.security_groups.iter().map(String::as_str).collect()),
            families: vec![Family::V4],
            listens: Some(
                lb.listener_descriptions
                    .iter()
                    .map(|d| ("tcp", d.listener.load_balancer_port))
                    .collect(),
            ),
            lb: Some(LbRef::Classic),
        });
    }
    // Publicly accessible databases: reachable through any subnet of their subnet group
    // (RDS places, and fails over, the instance in any of them).
    for db in &r.rds.db_instances {
        if !db.publicly_accessible {
            continue;
        }
        out.push(Target {
            resource_type: "AWS::RDS::DBInstance",
            resource_id: db.db_instance_identifier.clone(),
            interface_id: String::new(),
            address: db
                .endpoint
                .as_ref()
                .and_then(|e| e.address.clone())
                .unwrap_or_default(),
            subnets: db
                .db_subnet_group
                .iter()
                .flat_map(|g| &g.subnets)
                .map(|s| s.subnet_identifier.as_str())
                .collect(),
            groups: Some(
                db.vpc_security_groups
                    .iter()
                    .map(|g| g.vpc_security_group_id.as_str())
                    .collect(),
            ),
            families: vec![Family::V4],
            listens: None,
            lb: None,
        });
    }
    out
}

/// The network ACL in force for a subnet: its association, else its VPC's default ACL.
fn acl_of<'a>(ctx: &Ctx<'a>, subnet: &str, vpc: &str) -> Option<&'a NetworkAcl> {
    ctx.acl_by_subnet
        .get(subnet)
        .or_else(|| ctx.default_acl.get(vpc))
        .copied()
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

/// One security-group rule, parsed: (group, protocol, from, to, text, IPv4 and IPv6
/// sources, the groups it admits).
struct GroupRule<'a> {
    group: &'a str,
    protocol: String,
    from: i32,
    to: i32,
    label: String,
    v4: AddrSet,
    v6: AddrSet,
    peers: Vec<&'a str>,
}

impl GroupRule<'_> {
    fn set(&self, family: Family) -> &AddrSet {
        match family {
            Family::V4 => &self.v4,
            Family::V6 => &self.v6,
        }
    }

    fn covers(&self, protocol: &str, lo: i32, hi: i32) -> bool {
        self.protocol == "-1" || (self.protocol == protocol && self.from <= lo && hi <= self.to)
    }
}

/// The region's lookups.
struct Ctx<'a> {
    r: &'a Region,
    tiers: &'a Tiers,
    space: &'a AddressSpace,
    lists: PrefixLists<'a>,
    pl_map: HashMap<&'a str, &'a crate::snapshot::ManagedPrefixList>,
    subnets: HashMap<&'a str, &'a crate::snapshot::Subnet>,
    groups: HashMap<&'a str, &'a crate::snapshot::SecurityGroup>,
    table_of: HashMap<String, usize>,
    acl_by_subnet: HashMap<&'a str, &'a NetworkAcl>,
    default_acl: HashMap<&'a str, &'a NetworkAcl>,
    eni_by_instance: HashMap<&'a str, &'a crate::snapshot::NetworkInterface>,
    eni_by_ip: HashMap<&'a str, &'a crate::snapshot::NetworkInterface>,
    instances: HashMap<&'a str, &'a crate::snapshot::Instance>,
    /// Route-table index → where it returns replies to the internet (computed once).
    returns: std::cell::RefCell<HashMap<usize, std::rc::Rc<Result<IgwReturns, String>>>>,
    /// ACL id → its parsed inbound and outbound entries (parsed once).
    acl_entries: std::cell::RefCell<HashMap<&'a str, std::rc::Rc<AclEntries<'a>>>>,
    /// (ACL, family, protocol) → where it lets replies out (computed once).
    replies: std::cell::RefCell<HashMap<ReplyKey<'a>, std::rc::Rc<Reply>>>,
    /// A set of groups → their parsed ingress rules (parsed once).
    group_rules: std::cell::RefCell<HashMap<Vec<&'a str>, GroupRules<'a>>>,
    /// (target ACL, port, load balancer) → whether the ACL admits the load balancer's
    /// traffic and its replies.
    backend_acl: std::cell::RefCell<HashMap<(&'a str, i32, &'a str), bool>>,
}

/// An ACL's entries: inbound, outbound.
type AclEntries<'a> = (Vec<Entry<'a>>, Vec<Entry<'a>>);

/// Where an ACL lets replies out, and the entries that do.
type Reply = (AddrSet, BTreeSet<i32>);

/// (ACL id, family, protocol).
type ReplyKey<'a> = (&'a str, Family, &'static str);

/// Parsed ingress rules of a set of groups, or the group or prefix list that is missing.
type GroupRules<'a> = std::rc::Rc<Result<Vec<GroupRule<'a>>, String>>;

impl<'a> Ctx<'a> {
    fn new(r: &'a Region, tiers: &'a Tiers, space: &'a AddressSpace) -> Ctx<'a> {
        Ctx {
            r,
            tiers,
            space,
            lists: PrefixLists::new(r),
            pl_map: r
                .ec2
                .managed_prefix_lists
                .iter()
                .map(|p| (p.prefix_list_id.as_str(), p))
                .collect(),
            subnets: r
                .ec2
                .subnets
                .iter()
                .map(|s| (s.subnet_id.as_str(), s))
                .collect(),
            groups: r
                .ec2
                .security_groups
                .iter()
                .map(|g| (g.group_id.as_str(), g))
                .collect(),
            table_of: super::topology::tables_in_force(r),
            acl_by_subnet: r
                .ec2
                .network_acls
                .iter()
                .flat_map(|a| {
                    a.associations
                        .iter()
                        .map(move |x| (x.subnet_id.as_str(), a))
                })
                .collect(),
            default_acl: r
                .ec2
                .network_acls
                .iter()
                .filter(|a| a.is_default == Some(true))
                .map(|a| (a.vpc_id.as_str(), a))
                .collect(),
            eni_by_instance: r
                .ec2
                .network_interfaces
                .iter()
                .filter_map(|e| {
                    let i = e.attachment.as_ref()?.instance_id.as_deref()?;
                    Some((i, e))
                })
                .collect(),
            eni_by_ip: r
                .ec2
                .network_interfaces
                .iter()
                .filter_map(|e| Some((e.private_ip_address.as_deref()?, e)))
                .collect(),
            instances: r
                .ec2
                .reservations
                .iter()
                .flat_map(|res| &res.instances)
                .map(|i| (i.instance_id.as_str(), i))
                .collect(),
            returns: Default::default(),
            acl_entries: Default::default(),
            replies: Default::default(),
            group_rules: Default::default(),
            backend_acl: Default::default(),
        }
    }

    fn entries(&self, acl: &'a NetworkAcl) -> std::rc::Rc<AclEntries<'a>> {
        if let Some(e) = self.acl_entries.borrow().get(acl.network_acl_id.as_str()) {
            return e.clone();
        }
        let e = std::rc::Rc::new((entries(acl, false), entries(acl, true)));
        self.acl_entries
            .borrow_mut()
            .insert(acl.network_acl_id.as_str(), e.clone());
        e
    }

    fn reply(
        &self,
        acl: &'a NetworkAcl,
        family: Family,
        protocol: &'static str,
    ) -> std::rc::Rc<Reply> {
        let key = (acl.network_acl_id.as_str(), family, protocol);
        if let Some(r) = self.replies.borrow().get(&key) {
            return r.clone();
        }
        let r = std::rc::Rc::new(acl_reply(&self.entries(acl).1, family, protocol));
        self.replies.borrow_mut().insert(key, r.clone());
        r
    }

    /// The ingress rules of `groups`, parsed once per set of groups.
    fn rules_of(&self, groups: &[&'a str]) -> GroupRules<'a> {
        if let Some(r) = self.group_rules.borrow().get(groups) {
            return r.clone();
        }
        let r = std::rc::Rc::new(self.rules(groups));
        self.group_rules
            .borrow_mut()
            .insert(groups.to_vec(), r.clone());
        r
    }

    /// Where route table `rt` returns replies to the internet (longest-prefix match).
    fn returns(&self, rt: usize) -> Result<std::rc::Rc<Result<IgwReturns, String>>, String> {
        let cached = self.returns.borrow().get(&rt).cloned();
        let got = match cached {
            Some(x) => x,
            None => {
                let x = std::rc::Rc::new(igw_returns(
                    &self.r.ec2.route_tables[rt].routes,
                    &self.pl_map,
                    self.tiers,
                    &self.space.private,
                ));
                self.returns.borrow_mut().insert(rt, x.clone());
                x
            }
        };
        match got.as_ref() {
            Ok(_) => Ok(got),
            Err(e) => Err(e.clone()),
        }
    }

    /// The ingress rules of `groups`; `Err` names a group or prefix list that is missing.
    fn rules(&self, groups: &[&'a str]) -> Result<Vec<GroupRule<'a>>, String> {
        let mut out = Vec::new();
        for g in groups {
            let sg = self
                .groups
                .get(g)
                .ok_or_else(|| format!("security group {g} is not in the snapshot"))?;
            for p in &sg.ip_permissions {
                let protocol = super::addresses::normalize_protocol(&p.ip_protocol);
                let Some((from, to)) = perm_ports(&protocol, p) else {
                    continue;
                };
                let (srcs, unresolved) = sources(p, &self.lists);
                if let Some((id, _, why)) = unresolved.first() {
                    return Err(format!("security group {g}: prefix list {id}: {why}"));
                }
                let of = |family: Family| {
                    srcs.iter()
                        .filter(|s| s.family == family)
                        .fold(AddrSet::new(), |acc, s| acc.union(s.set()))
                };
                out.push(GroupRule {
                    group: sg.group_id.as_str(),
                    protocol,
                    from,
                    to,
                    label: super::addresses::perm_label(p),
                    v4: of(Family::V4),
                    v6: of(Family::V6),
                    peers: p
                        .user_id_group_pairs
                        .iter()
                        .filter_map(|x| x.group_id.as_deref())
                        .collect(),
                });
            }
        }
        Ok(out)
    }

    /// The CIDRs of subnets, as one set per family.
    fn subnet_cidrs(&self, ids: &[&str]) -> AddrSet {
        let mut nets = Vec::new();
        for id in ids {
            if let Some(s) = self.subnets.get(id) {
                nets.extend(s.cidr_block.as_deref().and_then(crate::addrset::parse_cidr));
                nets.extend(
                    s.ipv6_cidr_block_association_set
                        .iter()
                        .filter_map(|a| a.ipv6_cidr_block.as_deref())
                        .filter_map(crate::addrset::parse_cidr),
                );
            }
        }
        AddrSet::of(nets)
    }
}

/// What reaches a target through one subnet, for one protocol and family.
struct Reach {
    protocol: &'static str,
    family: Family,
    open: Vec<OpenSegment>,
    /// From the internet gateway to the last security group.
    path: Vec<Step>,
}

/// Why a subnet's link could not be decided, and the ACL in force when known.
type Missing = (String, Option<String>);

/// The internet's reach into a target through `subnet_id`: route, ACL both ways, groups.
fn through_subnet(
    ctx: &Ctx,
    t: &Target,
    rules: Option<&[GroupRule]>,
    subnet_id: &str,
) -> Result<Vec<Reach>, Missing> {
    let subnet = ctx
        .subnets
        .get(subnet_id)
        .ok_or_else(|| (format!("subnet {subnet_id} is not in the snapshot"), None))?;
    let acl = acl_of(ctx, subnet_id, &subnet.vpc_id);
    let acl_id = acl.map(|a| a.network_acl_id.clone());
    let &rt = ctx.table_of.get(subnet_id).ok_or_else(|| {
        (
            format!("no route table in force for subnet {subnet_id}"),
            acl_id.clone(),
        )
    })?;
    let table = &ctx.r.ec2.route_tables[rt];
    let returns = ctx.returns(rt).map_err(|what| {
        (
            format!("route table {}: {what}", table.route_table_id),
            acl_id.clone(),
        )
    })?;
    let Ok(returns) = returns.as_ref() else {
        return Ok(Vec::new());
    };
    if returns.via.is_empty() {
        return Ok(Vec::new()); // No reply reaches the internet: not reachable.
    }
    let acl = acl.ok_or_else(|| {
        (
            format!("no network ACL in the snapshot for subnet {subnet_id}"),
            None,
        )
    })?;
    let both = ctx.entries(acl);
    let ins = &both.0;
    let mut out = Vec::new();
    for &family in &t.families {
        for protocol in ["tcp", "udp"] {
            let replies = ctx.reply(acl, family, protocol);
            let (reply, reply_by) = (&replies.0, &replies.1);
            let reach_base = returns.via.intersect(reply).family(family);
            if reach_base.is_empty() {
                continue;
            }
            let mut bounds: BTreeSet<i32> = [0, 65536].into();
            for r in rules.into_iter().flatten() {
                if r.protocol == protocol {
                    bounds.insert(r.from.max(0));
                    bounds.insert(r.to.min(65535) + 1);
                }
            }
            for e in ins.iter().filter(|e| e.protocol == protocol) {
                bounds.insert(e.from.max(0));
                bounds.insert(e.to.min(65535) + 1);
            }
            for (_, port) in t.listens.iter().flatten().filter(|(p, _)| *p == protocol) {
                bounds.insert(*port);
                bounds.insert(*port + 1);
            }
            let bounds: Vec<i32> = bounds.into_iter().collect();
            let mut open: Vec<OpenSegment> = Vec::new();
            for w in bounds.windows(2) {
                let (lo, hi) = (w[0], w[1] - 1);
                if let Some(listens) = &t.listens {
                    if !listens
                        .iter()
                        .any(|(p, port)| *p == protocol && *port == lo && lo == hi)
                    {
                        continue;
                    }
                }
                let (sg, labels) = match rules {
                    None => (AddrSet::world(family), BTreeSet::new()),
                    Some(rules) => {
                        let covering: Vec<&GroupRule> = rules
                            .iter()
                            .filter(|r| r.covers(protocol, lo, hi))
                            .collect();
                        let sg = covering
                            .iter()
                            .fold(AddrSet::new(), |acc, r| acc.union(r.set(family)));
                        let labels = covering
                            .iter()
                            .filter(|r| !r.set(family).intersect(&reach_base).is_empty())
                            .map(|r| format!("{}: {}", r.group, r.label))
                            .collect();
                        (sg, labels)
                    }
                };
                if sg.is_empty() {
                    continue;
                }
                let (nacl_in, in_by) = acl_admits(ins, family, protocol, lo, hi);
                let reach = sg.intersect(&nacl_in).intersect(&reach_base);
                if reach.is_empty() {
                    continue;
                }
                let entry_numbers: BTreeSet<i32> = in_by.iter().map(|e| e.number).collect();
                match open.last_mut() {
                    Some(last)
                        if last.0[1] + 1 == lo
                            && last.1 == labels
                            && last.2 == entry_numbers
                            && last.3 == reach =>
                    {
                        last.0[1] = hi
                    }
                    _ => open.push(([lo, hi], labels, entry_numbers, reach)),
                }
            }
            if open.is_empty() {
                continue;
            }
            let rules_used: BTreeSet<String> =
                open.iter().flat_map(|o| o.1.iter().cloned()).collect();
            let entries_in: BTreeSet<i32> = open.iter().flat_map(|o| o.2.iter().copied()).collect();
            let mut path = vec![
                Step::new("internet-gateway", returns.gateways.join(", "), vec![]),
                Step::new(
                    "route-table",
                    table.route_table_id.clone(),
                    returns.routes.clone(),
                ),
                Step::new(
                    "network-acl",
                    acl.network_acl_id.clone(),
                    vec![
                        format!(
                            "inbound entries {:?}",
                            entries_in.iter().collect::<Vec<_>>()
                        ),
                        format!(
                            "outbound entries {:?} (replies to ports 1024-65535)",
                            reply_by.iter().collect::<Vec<_>>()
                        ),
                    ],
                ),
            ];
            path.extend(group_steps(&rules_used, &[]));
            out.push(Reach {
                protocol,
                family,
                open,
                path,
            });
        }
    }
    Ok(out)
}

/// One step per security group, with the rules of it that admit the traffic.
fn group_steps(labels: &BTreeSet<String>, ports: &[[i32; 2]]) -> Vec<Step> {
    let mut by_group: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for label in labels {
        if let Some((g, rule)) = label.split_once(": ") {
            by_group.entry(g).or_default().push(rule.to_string());
        }
    }
    by_group
        .into_iter()
        .map(|(g, rules)| Step {
            kind: "security-group".into(),
            id: g.to_string(),
            by: rules,
            ports: ports.to_vec(),
        })
        .collect()
}

impl Step {
    fn new(kind: &str, id: String, by: Vec<String>) -> Step {
        Step {
            kind: kind.into(),
            id,
            by,
            ports: Vec::new(),
        }
    }
}

/// 0 when every public address of the family reaches it, else the prefix length of a
/// network as large as the set that does.
fn from_prefix(space: &AddressSpace, family: Family, all: &AddrSet) -> u8 {
    if AddrSet::world(family)
        .subtract(&space.private)
        .subtract(all)
        .family(family)
        .is_empty()
    {
        0
    } else {
        all.equivalent_prefix(family).unwrap_or(match family {
            Family::V4 => 32,
            Family::V6 => 128,
        })
    }
}

/// The exposures and unknowns of one region.
fn region_exposure(
    account: &str,
    region: &str,
    r: &Region,
    tiers: &Tiers,
    space: &AddressSpace,
    out: &mut RegionExposure,
) {
    let ctx = Ctx::new(r, tiers, space);
    let mut lbs: Vec<(LbRef, Vec<Exposure>)> = Vec::new();
    let listeners = listeners_by_lb(r);
    for t in targets(r, &listeners) {
        let unknown = |missing: String| Unknown {
            account_id: account.to_string(),
            region: region.to_string(),
            resource_type: t.resource_type.to_string(),
            resource_id: t.resource_id.clone(),
            interface_id: t.interface_id.clone(),
            missing,
        };
        let no_groups: Vec<&str> = Vec::new();
        let group_ids = t.groups.as_ref().unwrap_or(&no_groups);
        if t.subnets.is_empty() {
            out.add_unknown(
                unknown("its subnet is not recorded".into()),
                group_ids,
                None,
            );
            continue;
        }
        let parsed = t.groups.as_ref().map(|g| ctx.rules_of(g));
        let rules = match parsed.as_deref() {
            None => None,
            Some(Ok(r)) => Some(r.as_slice()),
            Some(Err(m)) => {
                out.add_unknown(unknown(m.clone()), group_ids, None);
                continue;
            }
        };
        // Reachable through any subnet; unknown only when no subnet reaches it and one
        // could not be decided.
        let mut reaches: Vec<(&str, Reach)> = Vec::new();
        let mut missing: Option<Missing> = None;
        for subnet in &t.subnets {
            match through_subnet(&ctx, &t, rules, subnet) {
                Ok(found) => reaches.extend(found.into_iter().map(|f| (*subnet, f))),
                Err(m) => missing = missing.or(Some(m)),
            }
        }
        if reaches.is_empty() {
            if let Some((m, acl)) = missing {
                out.add_unknown(unknown(m), group_ids, acl.as_deref());
            }
            continue;
        }
        let mut made = Vec::new();
        for protocol in ["tcp", "udp"] {
            let mine: Vec<&(&str, Reach)> = reaches
                .iter()
                .filter(|(_, x)| x.protocol == protocol)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let ports = merge_ports(mine.iter().flat_map(|(_, x)| x.open.iter().map(|o| o.0)));
            let mut path: Vec<Step> = Vec::new();
            for (_, x) in &mine {
                for step in &x.path {
                    if !path.contains(step) {
                        path.push(step.clone());
                    }
                }
            }
            let prefix = mine
                .iter()
                .map(|(_, x)| {
                    let all = x.open.iter().fold(AddrSet::new(), |acc, o| acc.union(&o.3));
                    from_prefix(space, x.family, &all)
                })
                .min()
                .unwrap_or(0);
            path.push(Step::new(
                match t.lb {
                    Some(_) => "load-balancer",
                    None => "network-interface",
                },
                if !t.interface_id.is_empty() {
                    t.interface_id.clone()
                } else {
                    t.resource_id.clone()
                },
                match &t.listens {
                    Some(_) => vec![format!("listeners {protocol} {}", ports_text(&ports, ","))],
                    None => vec![],
                },
            ));
            made.push(Exposure {
                account_id: account.to_string(),
                region: region.to_string(),
                resource_type: t.resource_type.to_string(),
                resource_id: t.resource_id.clone(),
                interface_id: t.interface_id.clone(),
                subnet_id: mine[0].0.to_string(),
                public_ip: t.address.clone(),
                protocol: protocol.to_string(),
                ports,
                via: "direct".into(),
                reachable_from_prefix: prefix,
                path,
            });
        }
        if let Some(lb) = t.lb {
            lbs.push((lb, made.clone()));
        }
        for e in made {
            out.add_exposure(e);
        }
    }
    if lbs.is_empty() {
        return;
    }
    let mut groups_by_lb: HashMap<&str, Vec<&crate::snapshot::TargetGroup>> = HashMap::new();
    for g in &r.elbv2.target_groups {
        // AWS (and moto) may name a load balancer once per listener that uses the group.
        let arns: BTreeSet<&str> = g.load_balancer_arns.iter().map(String::as_str).collect();
        for arn in arns {
            groups_by_lb.entry(arn).or_default().push(g);
        }
    }
    for (lb, exposures) in lbs {
        let LbRef::V2(v2) = lb else {
            continue; // Classic Load Balancers' instances are not collected.
        };
        let arn = v2.load_balancer_arn.as_str();
        let fronted = Fronted {
            lb: v2,
            exposures: &exposures,
            listeners: listeners.get(arn).map(Vec::as_slice).unwrap_or_default(),
            groups: groups_by_lb.get(arn).map(Vec::as_slice).unwrap_or_default(),
        };
        behind_load_balancer(&ctx, account, region, &fronted, out);
    }
}

/// The targets an internet-facing load balancer forwards to, reachable through it when
/// their own security groups and network ACL admit the load balancer.
/// An internet-facing ELBv2 load balancer, how the internet reaches it, its listeners and
/// the target groups that name it.
struct Fronted<'a, 'b> {
    lb: &'a crate::snapshot::LoadBalancer,
    exposures: &'b [Exposure],
    listeners: &'b [&'a crate::snapshot::Listener],
    groups: &'b [&'a crate::snapshot::TargetGroup],
}

fn behind_load_balancer<'a>(
    ctx: &Ctx<'a>,
    account: &str,
    region: &str,
    fronted: &Fronted<'a, '_>,
    out: &mut RegionExposure,
) {
    let lb = fronted.lb;
    let Some(front) = fronted.exposures.iter().find(|e| e.protocol == "tcp") else {
        return;
    };
    let name = front.resource_id.clone();
    let lb_subnets: Vec<&str> = lb
        .availability_zones
        .iter()
        .filter_map(|z| z.subnet_id.as_deref())
        .collect();
    // The load balancer's traffic comes from its nodes' addresses in its subnets (with client
    // IP preservation, from the clients: a Network Load Balancer's instance targets see the
    // internet).
    let mut from = ctx.subnet_cidrs(&lb_subnets);
    if lb.r#type == "network" {
        from = from.union(&AddrSet::world(Family::V4));
    }
    let listeners = fronted.listeners;
    let reachable_port = |p: i32| front.ports.iter().any(|[a, b]| *a <= p && p <= *b);
    for tg in fronted.groups {
        let tg_name = tg
            .target_group_name
            .clone()
            .unwrap_or_else(|| tg.target_group_arn.clone());
        // The listener ports that forward to it by default; a group reached only through
        // listener rules (not collected) may be reached on any of them.
        let mut entry: Vec<i32> = listeners
            .iter()
            .filter(|l| {
                l.default_actions.iter().any(|a| {
                    a.r#type == "forward"
                        && a.target_group_arn.as_deref() == Some(&tg.target_group_arn)
                })
            })
            .map(|l| l.port)
            .filter(|p| reachable_port(*p))
            .collect();
        if entry.is_empty() {
            entry = listeners
                .iter()
                .map(|l| l.port)
                .filter(|p| reachable_port(*p))
                .collect();
        }
        if entry.is_empty() {
            continue;
        }
        let entry_ports = merge_ports(entry.iter().map(|p| [*p, *p]));
        let Some(targets) = &tg.target_health_descriptions else {
            out.add_unknown(
                Unknown {
                    account_id: account.to_string(),
                    region: region.to_string(),
                    resource_type: "AWS::ElasticLoadBalancingV2::TargetGroup".into(),
                    resource_id: tg_name.clone(),
                    interface_id: String::new(),
                    missing: format!(
                        "the targets of {tg_name} (behind internet-facing {name}) were not read"
                    ),
                },
                &[],
                None,
            );
            continue;
        };
        // A target registered on several ports is reached on the same listener ports.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for d in targets {
            let state = d
                .target_health
                .as_ref()
                .and_then(|h| h.state.as_deref())
                .unwrap_or("");
            if state == "unused" {
                continue; // Not in an enabled zone, or the group is not in use.
            }
            let port = d.target.port.or(tg.port).unwrap_or(0);
            let target_type = tg.target_type.as_deref().unwrap_or("instance");
            let eni = match target_type {
                "instance" => ctx.eni_by_instance.get(d.target.id.as_str()).copied(),
                "ip" => ctx.eni_by_ip.get(d.target.id.as_str()).copied(),
                _ => continue, // Lambda functions and chained ALBs: not network hosts.
            };
            let (resource_type, resource_id) = match target_type {
                "instance" => ("AWS::EC2::Instance", d.target.id.clone()),
                _ => (
                    "AWS::EC2::NetworkInterface",
                    eni.map(|e| e.network_interface_id.clone())
                        .unwrap_or_else(|| d.target.id.clone()),
                ),
            };
            let interface_id = eni
                .map(|e| e.network_interface_id.clone())
                .unwrap_or_default();
            let unknown = |missing: String| Unknown {
                account_id: account.to_string(),
                region: region.to_string(),
                resource_type: resource_type.to_string(),
                resource_id: resource_id.clone(),
                interface_id: interface_id.clone(),
                missing,
            };
            // Instances the snapshot lists without interfaces still name subnet and groups.
            let instance = ctx.instances.get(d.target.id.as_str()).copied();
            let (subnet, groups): (Option<&str>, Vec<&str>) = match (eni, instance) {
                (Some(e), _) => (
                    e.subnet_id.as_deref(),
                    e.groups
                        .iter()
                        .filter_map(|g| g.group_id.as_deref())
                        .collect(),
                ),
                (None, Some(i)) => (
                    i.subnet_id.as_deref(),
                    i.security_groups
                        .iter()
                        .filter_map(|g| g.group_id.as_deref())
                        .collect(),
                ),
                (None, None) => {
                    if target_type == "ip" {
                        continue; // An address outside the VPC's interfaces (on premises).
                    }
                    out.add_unknown(
                        unknown(format!("target {} is not in the snapshot", d.target.id)),
                        &[],
                        None,
                    );
                    continue;
                }
            };
            let parsed = ctx.rules_of(&groups);
            let rules = match parsed.as_ref() {
                Ok(r) => r,
                Err(m) => {
                    out.add_unknown(unknown(m.clone()), &groups, None);
                    continue;
                }
            };
            let admitting: BTreeSet<String> = rules
                .iter()
                .filter(|r| r.covers("tcp", port, port))
                .filter(|r| {
                    r.peers
                        .iter()
                        .any(|p| lb.security_groups.iter().any(|g| g == p))
                        || !r.v4.intersect(&from).is_empty()
                        || !r.v6.intersect(&from).is_empty()
                })
                .map(|r| format!("{}: {}", r.group, r.label))
                .collect();
            if admitting.is_empty() {
                continue;
            }
            let Some(subnet_id) = subnet else {
                out.add_unknown(unknown("its subnet is not recorded".into()), &groups, None);
                continue;
            };
            let Some(s) = ctx.subnets.get(subnet_id) else {
                out.add_unknown(
                    unknown(format!("subnet {subnet_id} is not in the snapshot")),
                    &groups,
                    None,
                );
                continue;
            };
            let Some(acl) = acl_of(ctx, subnet_id, &s.vpc_id) else {
                out.add_unknown(
                    unknown(format!(
                        "no network ACL in the snapshot for subnet {subnet_id}"
                    )),
                    &groups,
                    None,
                );
                continue;
            };
            let key = (
                acl.network_acl_id.as_str(),
                port,
                lb.load_balancer_arn.as_str(),
            );
            let cached = ctx.backend_acl.borrow().get(&key).copied();
            let acl_ok = cached.unwrap_or_else(|| {
                let both = ctx.entries(acl);
                let ok = [Family::V4, Family::V6].into_iter().any(|family| {
                    let (admits, _) = acl_admits(&both.0, family, "tcp", port, port);
                    let reply = ctx.reply(acl, family, "tcp");
                    !admits.intersect(&from).intersect(&reply.0).is_empty()
                });
                ctx.backend_acl.borrow_mut().insert(key, ok);
                ok
            });
            if !acl_ok {
                continue;
            }
            // The load balancer's own exposure says what each step before it admits; its
            // targets' paths name the steps only (at scale they would repeat it thousands of
            // times).
            let mut path: Vec<Step> = front
                .path
                .iter()
                .map(|s| Step::new(&s.kind, s.id.clone(), Vec::new()))
                .collect();
            path.push(Step::new(
                "target-group",
                tg_name.clone(),
                vec![format!(
                    "{} port {port}",
                    tg.protocol.as_deref().unwrap_or("?")
                )],
            ));
            path.push(Step {
                kind: "network-acl".into(),
                id: acl.network_acl_id.clone(),
                by: vec![format!(
                    "tcp {port} from the load balancer, and the replies"
                )],
                ports: vec![[port, port]],
            });
            path.extend(group_steps(&admitting, &[[port, port]]));
            path.push(Step::new(
                "network-interface",
                eni.map(|e| e.network_interface_id.clone())
                    .unwrap_or_else(|| resource_id.clone()),
                vec![],
            ));
            if !seen.insert(d.target.id.as_str()) {
                continue;
            }
            out.add_exposure(Exposure {
                account_id: account.to_string(),
                region: region.to_string(),
                resource_type: resource_type.to_string(),
                resource_id: resource_id.clone(),
                interface_id: interface_id.clone(),
                subnet_id: subnet_id.to_string(),
                public_ip: front.public_ip.clone(),
                protocol: "tcp".into(),
                ports: entry_ports.clone(),
                via: name.clone(),
                reachable_from_prefix: front.reachable_from_prefix,
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
        ports_text(&self.ports, sep)
    }
}

/// Port ranges as text: `22`, `80-90`, joined by `sep`.
pub fn ports_text(ports: &[[i32; 2]], sep: &str) -> String {
    let parts: Vec<String> = ports
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

impl ExposureReport {
    /// A Mermaid flowchart of the internet paths (GitHub renders it in Markdown inside a
    /// `mermaid` code fence): one node per gateway, route table, ACL, group and resource, one edge
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
