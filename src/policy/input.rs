//! The evaluation input: the snapshot as regorus values, plus `input.moat`, the facts moat
//! derives from it.
//!
//! [`Derived`] is the contract for `input.moat`: its JSON Schema is published as
//! `docs/input-moat.schema.json` and docs/input-moat.md says what each fact means and which
//! rules read it. Each fact either has a Rego definition in `policies/lib/topology/` (used
//! when the input does not carry the fact, e.g. under OPA; a test requires both to agree
//! on every fixture) or is listed in [`RUST_ONLY`].

use super::topology::{self, RegionTopology};
use super::PolicyError;
use crate::snapshot::{self, Snapshot, ValueProblem};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The facts of `input.moat` that only moat can compute: rules that read them say so with
/// `custom.needs_moat_input: true` in their metadata (a test checks it), and give no
/// findings under a plain Rego engine.
pub const RUST_ONLY: &[(&str, &str)] = &[
    (
        "value_problems",
        "found while the snapshot file is validated, with the file's line numbers",
    ),
    (
        "addresses",
        "needs address-set arithmetic (unions, first-match subtraction, prefix-list expansion), which the rule engine's built-ins lack",
    ),
    (
        "exposure",
        "needs the address-set arithmetic of `addresses` along every path (route, both ACL directions, groups)",
    ),
    (
        "certificate_days_left",
        "needs RFC 3339 date arithmetic, which the rule engine's built-ins lack",
    ),
];

/// `input.moat`: what moat derives from a snapshot for the rules.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    /// Values in the snapshot that cannot be evaluated (an invalid CIDR, …), each a finding
    /// of MOAT001. Rust-only.
    pub value_problems: Vec<ValueProblemFact>,
    /// Region → certificate ARN → whole days from `collected_at` to the certificate's
    /// `NotAfter` (negative: already expired), so expiry is decided as of the snapshot.
    /// Certificates without a readable `NotAfter` are absent. Rust-only.
    pub certificate_days_left: BTreeMap<String, BTreeMap<String, i64>>,
    /// Region → groupings the rules look things up in.
    pub index: BTreeMap<String, RegionIndex>,
    /// Region → what security groups and network ACLs admit from the world, from broad
    /// public ranges, or from sources moat cannot resolve (see docs/input-moat.md).
    /// Rust-only.
    pub addresses: BTreeMap<String, super::addresses::RegionAddresses>,
    /// Region → the VPC topology: route tables in force, public and private subnets, tiers.
    pub topology: BTreeMap<String, RegionTopology>,
    /// Region → effective exposure: what the internet can reach, on which ports, by which
    /// path, and per security group, network ACL and resource what is reachable through it
    /// (see docs/exposure.md). Rust-only.
    pub exposure: BTreeMap<String, super::exposure::RegionExposure>,
}

/// A value that cannot be evaluated, where it is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueProblemFact {
    pub region: String,
    pub resource_type: String,
    pub resource_id: String,
    /// JSON pointer of the value in the snapshot.
    pub pointer: String,
    /// Line of the value in the snapshot file.
    pub line: usize,
    pub message: String,
}

/// Groupings Rego cannot build in linear time (it has no group-by: grouping N items by key
/// in a comprehension costs N × keys). Definitions: `policies/lib/topology/*.rego`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionIndex {
    /// VPC id → the ids of its subnets, in snapshot order.
    pub subnets_by_vpc: BTreeMap<String, Vec<String>>,
    /// Resource id (VPC, subnet, interface) → the traffic types (`ACCEPT`, `REJECT`, `ALL`)
    /// of its flow logs whose status is one of `config.flow_log_active_states` (or absent),
    /// sorted.
    pub flow_log_types: BTreeMap<String, Vec<String>>,
    /// Instance id → its public IPv4 address (instances that have one).
    pub instance_public_ip: BTreeMap<String, String>,
    /// Web ACL ARN → the ARNs of the resources it protects (`GetWebACLForResource`
    /// associations, and REST API stages by their `webAclArn`), sorted.
    pub web_acl_resources: BTreeMap<String, Vec<String>>,
}

/// The parameters of `data.moat.config` the derived facts depend on.
pub(crate) struct Params {
    pub flow_log_active_states: BTreeSet<String>,
}

impl Params {
    pub fn from_config(config: &Value) -> Params {
        Params {
            flow_log_active_states: strings(&config["flow_log_active_states"]),
        }
    }
}

/// The strings of a JSON array (nothing for anything else).
pub(crate) fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// The JSON Schema of `input.moat`, as committed in `docs/input-moat.schema.json`.
pub fn derived_schema_pretty() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(Derived)).unwrap_or_default();
    s.push('\n');
    s
}

/// The document rules see as `input`: the snapshot, plus `input.moat`.
pub fn build_input(snapshot: &Snapshot, value_problems: &[ValueProblem], config: &Value) -> Value {
    let mut input = snapshot::to_json_value(snapshot);
    if let Value::Object(map) = &mut input {
        let derived = derive(snapshot, value_problems, config);
        map.insert(
            "moat".to_string(),
            serde_json::to_value(&derived).unwrap_or(Value::Null),
        );
    }
    input
}

/// `input.moat` as the engine's value, the exposure report it holds (for reports), and what
/// `meanwhile` returns.
///
/// Effective exposure is the largest fact: a second thread computes it and turns it into
/// the engine's value while this one does the rest and then runs `meanwhile` (work that does
/// not need the facts, such as preparing the engine), instead of waiting idle.
pub(crate) fn derived_input<T>(
    snapshot: &Snapshot,
    value_problems: &[ValueProblem],
    config: &Value,
    meanwhile: impl FnOnce() -> T,
) -> Result<(regorus::Value, super::exposure::ExposureReport, T), PolicyError> {
    let (rest, exposure, other) = std::thread::scope(|scope| {
        let exposure = scope.spawn(|| {
            let (facts, report) = exposure_facts(snapshot, config);
            let value = engine_value(&facts)?;
            Ok::<_, PolicyError>((value, report))
        });
        let rest = engine_value(&derive_without_exposure(snapshot, value_problems, config));
        let other = meanwhile();
        (rest, exposure.join(), other)
    });
    let (exposure, report) = exposure.map_err(|_| no_input("the exposure thread panicked"))??;
    let mut derived = rest?;
    derived
        .as_object_mut()
        .map_err(no_input)?
        .insert(regorus::Value::from("exposure"), exposure);
    Ok((derived, report, other))
}

fn engine_value(value: &impl Serialize) -> Result<regorus::Value, PolicyError> {
    let text = serde_json::to_string(value).map_err(no_input)?;
    regorus::Value::from_json_str(&text).map_err(no_input)
}

/// Computes `input.moat`.
pub fn derive(snapshot: &Snapshot, value_problems: &[ValueProblem], config: &Value) -> Derived {
    let (exposure, _) = exposure_facts(snapshot, config);
    Derived {
        exposure,
        ..derive_without_exposure(snapshot, value_problems, config)
    }
}

/// The exposure facts as rules see them, and the full exposure report (with every path)
/// for reports.
fn exposure_facts(
    snapshot: &Snapshot,
    config: &Value,
) -> (
    BTreeMap<String, super::exposure::RegionExposure>,
    super::exposure::ExposureReport,
) {
    let mut exposure = super::exposure::regions(snapshot, config);
    let report = super::exposure::ExposureReport::from_regions(&exposure);
    // Targets reached through a load balancer carry no path in the rules' input: the load
    // balancer's own exposure has it, and at scale it would repeat thousands of times.
    for r in exposure.values_mut() {
        for e in r.reachable.iter_mut().filter(|e| e.via != "direct") {
            e.path.clear();
        }
    }
    (exposure, report)
}

/// `input.moat` with an empty `exposure`.
fn derive_without_exposure(
    snapshot: &Snapshot,
    value_problems: &[ValueProblem],
    config: &Value,
) -> Derived {
    let value_problems = value_problems
        .iter()
        .map(|p| ValueProblemFact {
            region: p.region.clone(),
            resource_type: p.resource_type.clone(),
            resource_id: p.resource_id.clone(),
            pointer: p.problem.pointer.clone(),
            line: p.problem.line,
            message: p.problem.message.clone(),
        })
        .collect();
    let collected = crate::util::rfc3339_seconds(&snapshot.collected_at);
    let certificate_days_left = snapshot
        .regions
        .iter()
        .map(|(region, r)| {
            let certs = r
                .acm
                .certificates
                .iter()
                .filter_map(|c| {
                    let after = c
                        .not_after
                        .as_deref()
                        .and_then(crate::util::rfc3339_seconds)?;
                    let now = collected?;
                    Some((c.certificate_arn.clone(), (after - now).div_euclid(86_400)))
                })
                .collect();
            (region.clone(), certs)
        })
        .collect();
    let params = Params::from_config(config);
    // The pack validated address_space when it loaded; a bad value cannot reach here.
    let space = crate::addrset::AddressSpace::from_config(config).unwrap_or_default();
    let addresses = super::addresses::addresses(&snapshot.regions, &space);
    let topology = topology::topology(snapshot, config);
    Derived {
        addresses,
        value_problems,
        certificate_days_left,
        index: snapshot
            .regions
            .iter()
            .map(|(name, r)| (name.clone(), region_index(name, r, &params)))
            .collect(),
        topology,
        exposure: BTreeMap::new(),
    }
}

fn region_index(region: &str, r: &crate::snapshot::Region, params: &Params) -> RegionIndex {
    let mut subnets_by_vpc: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in &r.ec2.subnets {
        subnets_by_vpc
            .entry(s.vpc_id.clone())
            .or_default()
            .push(s.subnet_id.clone());
    }
    let mut flow_log_types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &r.ec2.flow_logs {
        let active = f
            .flow_log_status
            .as_deref()
            .is_none_or(|st| params.flow_log_active_states.contains(st));
        if active {
            flow_log_types
                .entry(f.resource_id.clone())
                .or_default()
                .insert(f.traffic_type.clone());
        }
    }
    let instance_public_ip = r
        .ec2
        .reservations
        .iter()
        .flat_map(|res| &res.instances)
        .filter_map(|i| {
            i.public_ip_address
                .as_ref()
                .map(|ip| (i.instance_id.clone(), ip.clone()))
        })
        .collect();
    let mut web_acl_resources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in &r.wafv2.associations {
        web_acl_resources
            .entry(a.web_acl_arn.clone())
            .or_default()
            .insert(a.resource_arn.clone());
    }
    for api in &r.apigateway.rest_apis {
        for stage in &api.stages {
            if let Some(acl) = &stage.web_acl_arn {
                web_acl_resources
                    .entry(acl.clone())
                    .or_default()
                    .insert(format!(
                        "arn:aws:apigateway:{region}::/restapis/{}/stages/{}",
                        api.id, stage.stage_name
                    ));
            }
        }
    }
    RegionIndex {
        subnets_by_vpc,
        web_acl_resources: web_acl_resources
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
        flow_log_types: flow_log_types
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
        instance_public_ip,
    }
}

/// Parses snapshot text straight into the engine's value type; `None` when the text holds
/// explicit nulls and must go through the model first (which drops them: rules read absent
/// fields with object.get defaults, and a null would defeat those).
pub fn parse_input(text: &str) -> Option<Result<regorus::Value, String>> {
    if text.contains("null") {
        return None;
    }
    Some(regorus::Value::from_json_str(text).map_err(|e| e.to_string()))
}

/// The typed snapshot as the engine's `input` (used when the text holds explicit nulls).
pub(crate) fn snapshot_input(snapshot: &Snapshot) -> Result<regorus::Value, PolicyError> {
    to_regorus(&snapshot::to_json_value(snapshot)).map_err(no_input)
}

pub(crate) fn no_input(e: impl std::fmt::Display) -> PolicyError {
    PolicyError::Config(format!("cannot build the evaluation input: {e}"))
}

pub(crate) fn to_regorus(value: &Value) -> anyhow::Result<regorus::Value> {
    regorus::Value::from_json_str(&serde_json::to_string(value)?)
}
