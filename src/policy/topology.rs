//! The VPC topology indexes, computed in Rust for speed: `input.moat.topology[region]`.
//!
//! The definitions are those of `policies/lib/topology/*.rego`, which compute the same
//! indexes in Rego when `input.moat.topology` is absent (under OPA, in Rego unit tests). A
//! test evaluates both on the fixtures and requires them to be equal.

use super::input::strings;
use crate::addrset::{parse_cidr, AddrSet, AddressSpace};
use crate::snapshot::{Region, Snapshot, Tag};
use ipnet::IpNet;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// `input.moat.topology[region]`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionTopology {
    /// Subnet id → index in `RouteTables` of the table in force: the explicit association,
    /// else the main table of the subnet's VPC. Subnets with neither are absent.
    pub route_table_of: BTreeMap<String, usize>,
    /// Subnet id → `true` for each public subnet: by longest-prefix match over its table in
    /// force (IPv4 and IPv6 CIDRs and prefix lists alike), traffic to some public destination
    /// (outside `config.address_space.private_ranges`) leaves through an active route whose
    /// target starts with one of `config.internet_gateway_prefixes`. A route to one through a
    /// prefix list whose entries the snapshot lacks counts (its destinations are unknown).
    pub public_subnets: BTreeMap<String, bool>,
    /// Subnet id → index in `Subnets` of each private subnet: tagged with one of
    /// `config.private_tiers`, or not public. A subnet with no route table in force in the
    /// snapshot has unknown routing and is private only when tagged so.
    pub private_subnets: BTreeMap<String, usize>,
    /// Security group id → its tiers, sorted: from its tags (`config.tiers`), plus
    /// `config.tiers.load_balancer_tier` when an internet-facing load balancer (ALB, NLB or
    /// Classic) uses it and
    /// `config.tiers.database_tier` when a DB instance does.
    pub sg_tiers: BTreeMap<String, Vec<String>>,
    /// Tier → indexes in `SecurityGroups` of its groups.
    pub tier_members: BTreeMap<String, Vec<usize>>,
    /// Instance id → its tiers, sorted: from its own tags, its subnet's tags and its
    /// security groups' tiers (`sg_tiers`). Instances in no tier are absent.
    pub instance_tiers: BTreeMap<String, Vec<String>>,
}

/// The judgement the topology applies, from `data.moat.config`.
pub(super) struct Tiers {
    keys: HashSet<String>,
    values: Vec<(String, HashSet<String>)>,
    private: BTreeSet<String>,
    load_balancer: Option<String>,
    database: Option<String>,
    igw_prefixes: Vec<String>,
}

impl Tiers {
    pub(super) fn from_config(config: &Value) -> Tiers {
        let t = &config["tiers"];
        let values = t["values"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(tier, vals)| (tier.clone(), strings(vals).into_iter().collect()))
            .collect();
        Tiers {
            keys: strings(&t["tag_keys"]).into_iter().collect(),
            values,
            private: strings(&config["private_tiers"]),
            load_balancer: t["load_balancer_tier"].as_str().map(str::to_string),
            database: t["database_tier"].as_str().map(str::to_string),
            igw_prefixes: strings(&config["internet_gateway_prefixes"])
                .into_iter()
                .collect(),
        }
    }

    pub(super) fn is_igw(&self, target: &str) -> bool {
        self.igw_prefixes.iter().any(|p| target.starts_with(p))
    }

    fn of(&self, tags: &[Tag]) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for tag in tags.iter().filter(|t| self.keys.contains(&t.key)) {
            let value = tag.value.to_lowercase();
            for (tier, values) in &self.values {
                if values.contains(&value) {
                    out.insert(tier.clone());
                }
            }
        }
        out
    }
}

/// The destinations of a route: its CIDR, or its prefix list's entries; `None` when it names
/// a prefix list whose entries the snapshot does not hold.
pub(super) fn destinations(
    r: &crate::snapshot::Route,
    lists: &HashMap<&str, &crate::snapshot::ManagedPrefixList>,
) -> Option<Vec<IpNet>> {
    if let Some(c) = r.destination_cidr_block.as_deref() {
        return Some(parse_cidr(c).into_iter().collect());
    }
    if let Some(c) = r.destination_ipv6_cidr_block.as_deref() {
        return Some(parse_cidr(c).into_iter().collect());
    }
    if let Some(id) = r.destination_prefix_list_id.as_deref() {
        let entries = lists.get(id)?.entries.as_ref()?;
        return Some(entries.iter().filter_map(|e| parse_cidr(&e.cidr)).collect());
    }
    Some(Vec::new())
}

/// Where a route table sends replies to the internet, by longest-prefix match.
pub(super) struct IgwReturns {
    /// The public destinations (outside `private`) whose most specific route is an active
    /// route to an internet gateway.
    pub via: AddrSet,
    /// Those routes, as `destination -> target`.
    pub routes: Vec<String>,
    pub gateways: Vec<String>,
}

/// Longest-prefix match over a route table's routes (IPv4 and IPv6 CIDRs and prefix-list
/// entries alike; a blackhole route carries nothing). `Err` names a route to an internet
/// gateway through a prefix list whose entries the snapshot lacks: its destinations are
/// unknown.
pub(super) fn igw_returns(
    routes: &[crate::snapshot::Route],
    lists: &HashMap<&str, &crate::snapshot::ManagedPrefixList>,
    tiers: &Tiers,
    private: &AddrSet,
) -> Result<IgwReturns, String> {
    let mut claims = Vec::new();
    for route in routes {
        let tgt = target(route).unwrap_or_default();
        let to_igw = tiers.is_igw(tgt)
            && !route
                .state
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("blackhole"));
        let label = super::addresses::route_label(route);
        match destinations(route, lists) {
            Some(nets) => claims.extend(
                nets.into_iter()
                    .map(|n| (n.trunc(), to_igw, label.clone(), tgt)),
            ),
            None if to_igw => return Err(format!("the entries of {label}, routed to {tgt}")),
            None => {}
        }
    }
    // Most specific first: each address goes to the first route that contains it.
    claims.sort_by_key(|c| std::cmp::Reverse(c.0.prefix_len()));
    let (mut decided, mut via) = (AddrSet::new(), AddrSet::new());
    let (mut used, mut gateways) = (BTreeSet::new(), BTreeSet::new());
    for (net, to_igw, label, tgt) in claims {
        let here = AddrSet::of([net]);
        if to_igw {
            let fresh = here.subtract(&decided).subtract(private);
            if !fresh.is_empty() {
                via = via.union(&fresh);
                used.insert(format!("{label} -> {tgt}"));
                gateways.insert(tgt.to_string());
            }
        }
        decided = decided.union(&here);
    }
    Ok(IgwReturns {
        via,
        routes: used.into_iter().collect(),
        gateways: gateways.into_iter().collect(),
    })
}

/// True when some public destination's most specific route is an active route to an
/// internet gateway (a route to one whose destinations are unknown counts).
fn routes_public_traffic_to_igw(
    routes: &[crate::snapshot::Route],
    lists: &HashMap<&str, &crate::snapshot::ManagedPrefixList>,
    tiers: &Tiers,
    private: &AddrSet,
) -> bool {
    igw_returns(routes, lists, tiers, private).map_or(true, |r| !r.via.is_empty())
}

/// The first target field that holds an id, in the order of `vpc.route_target`.
pub(super) fn target(r: &crate::snapshot::Route) -> Option<&str> {
    [
        &r.gateway_id,
        &r.nat_gateway_id,
        &r.transit_gateway_id,
        &r.vpc_peering_connection_id,
        &r.instance_id,
        &r.network_interface_id,
        &r.egress_only_internet_gateway_id,
        &r.local_gateway_id,
        &r.carrier_gateway_id,
    ]
    .into_iter()
    .find_map(|t| t.as_deref().filter(|t| !t.is_empty()))
}

/// Subnet id → index in `RouteTables` of the table in force: the explicit association, else
/// the main table of the subnet's VPC.
pub(super) fn tables_in_force(r: &Region) -> HashMap<String, usize> {
    let mut explicit: HashMap<&str, usize> = HashMap::new();
    let mut main: HashMap<&str, usize> = HashMap::new();
    for (i, rt) in r.ec2.route_tables.iter().enumerate() {
        for a in &rt.associations {
            if let Some(s) = a.subnet_id.as_deref() {
                explicit.insert(s, i);
            }
            if a.main {
                main.insert(&rt.vpc_id, i);
            }
        }
    }
    r.ec2
        .subnets
        .iter()
        .filter_map(|s| {
            explicit
                .get(s.subnet_id.as_str())
                .or_else(|| main.get(s.vpc_id.as_str()))
                .map(|&i| (s.subnet_id.clone(), i))
        })
        .collect()
}

fn region_topology(r: &Region, tiers: &Tiers, space: &AddressSpace) -> RegionTopology {
    let tables = &r.ec2.route_tables;
    let lists: HashMap<&str, &crate::snapshot::ManagedPrefixList> = r
        .ec2
        .managed_prefix_lists
        .iter()
        .map(|p| (p.prefix_list_id.as_str(), p))
        .collect();
    let mut verdicts: HashMap<usize, bool> = HashMap::new();
    let mut explicit: HashMap<&str, usize> = HashMap::new();
    let mut main: HashMap<&str, usize> = HashMap::new();
    for (i, rt) in tables.iter().enumerate() {
        for a in &rt.associations {
            if let Some(s) = a.subnet_id.as_deref() {
                explicit.insert(s, i);
            }
            if a.main {
                main.insert(&rt.vpc_id, i);
            }
        }
    }
    let mut route_table_of = BTreeMap::new();
    let mut public = BTreeMap::new();
    let mut private = BTreeMap::new();
    for (i, s) in r.ec2.subnets.iter().enumerate() {
        let rt = explicit
            .get(s.subnet_id.as_str())
            .or_else(|| main.get(s.vpc_id.as_str()))
            .copied();
        if let Some(rt) = rt {
            route_table_of.insert(s.subnet_id.clone(), rt);
        }
        let is_public = rt.is_some_and(|rt| {
            *verdicts.entry(rt).or_insert_with(|| {
                routes_public_traffic_to_igw(&tables[rt].routes, &lists, tiers, &space.private)
            })
        });
        if is_public {
            public.insert(s.subnet_id.clone(), true);
        }
        let intended_private = tiers.of(&s.tags).iter().any(|t| tiers.private.contains(t));
        // No table in force in the snapshot: the routing is unknown, so the subnet is
        // private only when tagged so.
        if intended_private || (rt.is_some() && !is_public) {
            private.insert(s.subnet_id.clone(), i);
        }
    }
    let classic = r
        .elb
        .load_balancer_descriptions
        .iter()
        .filter(|lb| lb.scheme.as_deref() == Some("internet-facing"))
        .flat_map(|lb| lb.security_groups.iter().map(String::as_str));
    let lb_groups: HashSet<&str> = r
        .elbv2
        .load_balancers
        .iter()
        .filter(|lb| lb.scheme == "internet-facing")
        .flat_map(|lb| lb.security_groups.iter().map(String::as_str))
        .chain(classic)
        .collect();
    let db_groups: HashSet<&str> = r
        .rds
        .db_instances
        .iter()
        .flat_map(|db| {
            db.vpc_security_groups
                .iter()
                .map(|g| g.vpc_security_group_id.as_str())
        })
        .collect();
    let mut sg_tiers = BTreeMap::new();
    let mut tier_members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, sg) in r.ec2.security_groups.iter().enumerate() {
        let mut t = tiers.of(&sg.tags);
        if let (Some(tier), true) = (
            &tiers.load_balancer,
            lb_groups.contains(sg.group_id.as_str()),
        ) {
            t.insert(tier.clone());
        }
        if let (Some(tier), true) = (&tiers.database, db_groups.contains(sg.group_id.as_str())) {
            t.insert(tier.clone());
        }
        for tier in &t {
            tier_members.entry(tier.clone()).or_default().push(i);
        }
        sg_tiers.insert(sg.group_id.clone(), t.into_iter().collect());
    }
    let subnet_tags: HashMap<&str, &[Tag]> = r
        .ec2
        .subnets
        .iter()
        .map(|s| (s.subnet_id.as_str(), s.tags.as_slice()))
        .collect();
    let mut instance_tiers = BTreeMap::new();
    for i in r.ec2.reservations.iter().flat_map(|res| &res.instances) {
        let mut t = tiers.of(&i.tags);
        if let Some(tags) = i.subnet_id.as_deref().and_then(|s| subnet_tags.get(s)) {
            t.extend(tiers.of(tags));
        }
        for g in i
            .security_groups
            .iter()
            .filter_map(|g| g.group_id.as_deref())
        {
            t.extend(sg_tiers.get(g).into_iter().flatten().cloned());
        }
        if !t.is_empty() {
            instance_tiers.insert(i.instance_id.clone(), t.into_iter().collect());
        }
    }
    RegionTopology {
        route_table_of,
        public_subnets: public,
        private_subnets: private,
        sg_tiers,
        tier_members,
        instance_tiers,
    }
}

/// `input.moat.topology`: per region, the route table index in force for each subnet, the
/// public subnets, the private subnets (with their index in `Subnets`) and each security
/// group's tiers.
pub fn topology(snapshot: &Snapshot, config: &Value) -> BTreeMap<String, RegionTopology> {
    let tiers = Tiers::from_config(config);
    // The pack validated address_space when it loaded.
    let space = AddressSpace::from_config(config).unwrap_or_default();
    snapshot
        .regions
        .iter()
        .map(|(name, r)| (name.clone(), region_topology(r, &tiers, &space)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{ManagedPrefixList, PrefixListEntry, Route};

    fn route(dest: &str, target: &str) -> Route {
        let mut r = Route::default();
        if let Some(pl) = dest.strip_prefix("pl:") {
            r.destination_prefix_list_id = Some(pl.into());
        } else if dest.contains(':') {
            r.destination_ipv6_cidr_block = Some(dest.into());
        } else {
            r.destination_cidr_block = Some(dest.into());
        }
        if target.starts_with("nat-") {
            r.nat_gateway_id = Some(target.into());
        } else {
            r.gateway_id = Some(target.into());
        }
        r
    }

    fn public(routes: &[Route], lists: &[ManagedPrefixList]) -> bool {
        let config: Value = serde_json::from_str(include_str!("../../policies/config.json"))
            .expect("the shipped config");
        let tiers = Tiers::from_config(&config);
        let space = AddressSpace::from_config(&config).expect("the shipped address space");
        let lists: HashMap<&str, &ManagedPrefixList> = lists
            .iter()
            .map(|p| (p.prefix_list_id.as_str(), p))
            .collect();
        routes_public_traffic_to_igw(routes, &lists, &tiers, &space.private)
    }

    #[test]
    fn longest_prefix_decides_where_public_traffic_goes() {
        let local = route("10.0.0.0/16", "local");
        assert!(public(&[local.clone(), route("0.0.0.0/0", "igw-1")], &[]));
        assert!(public(
            &[route("0.0.0.0/1", "igw-1"), route("128.0.0.0/1", "igw-1")],
            &[]
        ));
        assert!(public(&[route("::/0", "igw-1")], &[]));
        assert!(public(
            &[route("52.0.0.0/8", "igw-1"), route("0.0.0.0/0", "nat-1")],
            &[]
        ));
        // More specific routes take every public address elsewhere.
        assert!(!public(
            &[
                route("0.0.0.0/0", "igw-1"),
                route("0.0.0.0/1", "nat-1"),
                route("128.0.0.0/1", "nat-1")
            ],
            &[]
        ));
        // Only private destinations go to the gateway.
        assert!(!public(&[route("192.168.0.0/16", "igw-1")], &[]));
        let mut blackhole = route("0.0.0.0/0", "igw-1");
        blackhole.state = Some("blackhole".into());
        assert!(!public(&[blackhole], &[]));
    }

    #[test]
    fn prefix_list_destinations_are_expanded_or_unknown() {
        let list = |entries: Option<&[&str]>| ManagedPrefixList {
            prefix_list_id: "pl-1".into(),
            entries: entries.map(|e| {
                e.iter()
                    .map(|c| PrefixListEntry {
                        cidr: c.to_string(),
                        description: None,
                    })
                    .collect()
            }),
            ..Default::default()
        };
        let r = [route("pl:pl-1", "igw-1"), route("0.0.0.0/0", "nat-1")];
        assert!(public(&r, &[list(Some(&["3.0.0.0/8"]))]));
        assert!(!public(&r, &[list(Some(&["10.1.0.0/16"]))]));
        assert!(
            public(&r, &[list(None)]),
            "unknown destinations through an IGW count"
        );
        assert!(public(&r, &[]), "a list the snapshot lacks counts too");
    }
}
