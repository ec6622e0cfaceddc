//! The VPC topology indexes, computed in Rust for speed: `input.moat.topology[region]`.
//!
//! The definitions are those of `policies/lib/topology/*.rego`, which compute the same
//! indexes in Rego when `input.moat.topology` is absent (under OPA, in Rego unit tests). A
//! test evaluates both on the fixtures and requires them to be equal.

use crate::snapshot::{Region, Snapshot, Tag};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Tier tagging from `data.moat.config.tiers`.
struct Tiers {
    keys: HashSet<String>,
    values: Vec<(String, HashSet<String>)>,
}

impl Tiers {
    fn from_config(config: &Value) -> Tiers {
        let t = &config["tiers"];
        let keys = t["tag_keys"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect();
        let values = t["values"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(tier, vals)| {
                (
                    tier.clone(),
                    vals.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                )
            })
            .collect();
        Tiers { keys, values }
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

fn is_default(r: &crate::snapshot::Route) -> bool {
    r.destination_cidr_block.as_deref() == Some("0.0.0.0/0")
        || r.destination_ipv6_cidr_block.as_deref() == Some("::/0")
}

/// The first target field that holds an id, in the order of `vpc.route_target`.
fn target(r: &crate::snapshot::Route) -> Option<&str> {
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

fn region_topology(r: &Region, tiers: &Tiers) -> Value {
    let tables = &r.ec2.route_tables;
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
            route_table_of.insert(s.subnet_id.as_str(), rt);
        }
        let is_public = rt.is_some_and(|rt| {
            tables[rt].routes.iter().any(|route| {
                is_default(route) && target(route).is_some_and(|t| t.starts_with("igw-"))
            })
        });
        if is_public {
            public.insert(s.subnet_id.as_str(), true);
        }
        let intended_private = tiers.of(&s.tags).iter().any(|t| t == "app" || t == "data");
        if intended_private || !is_public {
            private.insert(s.subnet_id.as_str(), i);
        }
    }
    let lb_groups: HashSet<&str> = r
        .elbv2
        .load_balancers
        .iter()
        .filter(|lb| lb.scheme == "internet-facing")
        .flat_map(|lb| lb.security_groups.iter().map(String::as_str))
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
    let mut sg_tiers = Map::new();
    let mut tier_members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, sg) in r.ec2.security_groups.iter().enumerate() {
        let mut t = tiers.of(&sg.tags);
        if lb_groups.contains(sg.group_id.as_str()) {
            t.insert("web".into());
        }
        if db_groups.contains(sg.group_id.as_str()) {
            t.insert("data".into());
        }
        for tier in &t {
            tier_members.entry(tier.clone()).or_default().push(i);
        }
        sg_tiers.insert(sg.group_id.clone(), json!(t));
    }
    json!({
        "route_table_of": route_table_of,
        "public_subnets": public,
        "private_subnets": private,
        "sg_tiers": sg_tiers,
        "tier_members": tier_members,
    })
}

/// `input.moat.topology`: per region, the route table index in force for each subnet, the
/// public subnets, the private subnets (with their index in `Subnets`) and each security
/// group's tiers.
pub fn topology(snapshot: &Snapshot, config: &Value) -> Value {
    let tiers = Tiers::from_config(config);
    Value::Object(
        snapshot
            .regions
            .iter()
            .map(|(name, r)| (name.clone(), region_topology(r, &tiers)))
            .collect(),
    )
}
