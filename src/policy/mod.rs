//! The policy engine: the embedded rule pack plus the user's `--policy-dir`s, run by regorus
//! over a snapshot, turned into findings with the rules' metadata joined in.

mod compiled;
pub mod metadata;
pub mod testing;
mod topology;

pub use metadata::{RuleMeta, Severity};

use crate::snapshot::{
    self, CoverageEntry, CoverageStatus, LoadedSnapshot, Snapshot, ValueProblem,
};
use regorus::rvm;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_policies.rs"));
}

/// One policy file: where it came from and its text.
#[derive(Debug, Clone)]
pub struct PolicySource {
    /// `builtin:rules/sg/…/policy.rego` for the embedded pack, else the file path.
    pub origin: String,
    pub text: String,
    /// The rule's name: the folder the file is in.
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read policy {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: Rego error: {message}")]
    Rego { file: String, message: String },
    #[error("{file}:{line}: {message}")]
    Metadata {
        file: String,
        line: usize,
        message: String,
    },
    #[error("rule id {id} is declared twice: in {first} and in {second}")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("evaluating rule {rule} ({file}) failed: {message}")]
    Eval {
        rule: String,
        file: String,
        message: String,
    },
}

/// A finding: one rule broken by one element of one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    pub rule_id: String,
    pub title: String,
    pub severity: Severity,
    pub account_id: String,
    pub region: String,
    /// CloudFormation-style type, e.g. `AWS::EC2::SecurityGroup`.
    pub resource_type: String,
    /// The AWS id (`sg-…`, `subnet-…`) or, for resources that have none, the ARN.
    pub resource_id: String,
    pub resource_arn: Option<String>,
    pub message: String,
    pub evidence: Value,
    pub remediation: String,
    pub controls: Vec<String>,
    /// Stable across runs: hash of rule id, account, region, resource id, offending element.
    pub fingerprint: String,
}

/// A rule that could not see its data in a region (denied, failed or skipped collection).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct NotEvaluated {
    pub rule_id: String,
    pub title: String,
    pub region: String,
    /// The `service:Operation` that was not read.
    pub requires: String,
    pub status: CoverageStatus,
    pub error_code: Option<String>,
}

/// The result of evaluating a rule pack against one snapshot.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub account_id: String,
    pub findings: Vec<Finding>,
    pub not_evaluated: Vec<NotEvaluated>,
    /// Coverage entries whose status is `denied` or `error`.
    pub coverage_gaps: Vec<CoverageEntry>,
    /// Every rule that took part, sorted by id.
    pub rules: Vec<RuleMeta>,
    /// Time each group of rules took to evaluate, labelled with the group's rule ids.
    pub timings: Vec<(String, std::time::Duration)>,
    /// Which evaluator ran the rules: `compiled` or `interpreter`.
    pub evaluator: Evaluator,
    /// The ids of rules that ran on the interpreter under the compiled evaluator
    /// (`--policy-dir` rules, or a rule the VM could not run), sorted.
    pub interpreted: Vec<String>,
}

/// The rules and their configuration, ready to evaluate.
#[derive(Debug, Clone)]
pub struct RulePack {
    sources: Vec<PolicySource>,
    rules: Vec<RuleMeta>,
    config: Value,
    evaluator: Evaluator,
}

/// The parts of an evaluation made from the typed snapshot alone (see [`RulePack::prepare`]).
pub struct Prepared {
    derived: regorus::Value,
    engine: regorus::Engine,
    programs: Option<Vec<Option<Arc<rvm::program::Program>>>>,
}

/// How the rules are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Evaluator {
    /// The embedded pack compiled to regorus's register VM (RVM) bytecode, one VM per
    /// core; rules from `--policy-dir`, and any rule the compiler or the VM cannot handle,
    /// run on the interpreter.
    #[default]
    Compiled,
    /// regorus's tree-walking interpreter only: the reference the compiled path is
    /// tested against.
    Interpreter,
}

impl Evaluator {
    /// `MOAT_EVALUATOR=interpreter|compiled` overrides the pack's choice (troubleshooting).
    fn from_env_or(default: Evaluator) -> Evaluator {
        match std::env::var("MOAT_EVALUATOR").as_deref() {
            Ok("interpreter") => Evaluator::Interpreter,
            Ok("compiled") => Evaluator::Compiled,
            _ => default,
        }
    }
}

impl RulePack {
    /// The embedded pack with its default configuration.
    pub fn builtin() -> Result<Self, PolicyError> {
        Self::load(&[], None)
    }

    /// The embedded pack, the rules in `policy_dirs`, and `config` merged over the defaults.
    pub fn load(policy_dirs: &[PathBuf], config: Option<&Value>) -> Result<Self, PolicyError> {
        let mut sources = Vec::new();
        let mut defaults = Value::Object(Default::default());
        for (rel, text) in embedded::EMBEDDED {
            if rel.ends_with("config.json") {
                defaults = serde_json::from_str(text)
                    .map_err(|e| PolicyError::Config(format!("builtin:{rel}: {e}")))?;
                continue;
            }
            sources.push(PolicySource {
                origin: format!("builtin:{rel}"),
                text: text.to_string(),
                name: folder_name(Path::new(rel)),
            });
        }
        for dir in policy_dirs {
            let mut files = Vec::new();
            collect_rego(dir, &mut files)?;
            if files.is_empty() {
                return Err(PolicyError::Io {
                    path: dir.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no .rego policy files in this folder",
                    ),
                });
            }
            for path in files {
                let text = std::fs::read_to_string(&path).map_err(|source| PolicyError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                sources.push(PolicySource {
                    origin: path.display().to_string(),
                    text,
                    name: folder_name(&path),
                });
            }
        }
        if let Some(overrides) = config {
            merge(&mut defaults, overrides);
        }
        Self::from_sources(sources, defaults)
    }

    /// Builds a pack from explicit sources (used by tests and `--policy-dir`).
    pub fn from_sources(sources: Vec<PolicySource>, config: Value) -> Result<Self, PolicyError> {
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for src in &sources {
            let meta = metadata::parse(&src.text, &src.origin, &src.name).map_err(|e| {
                PolicyError::Metadata {
                    file: src.origin.clone(),
                    line: e.line,
                    message: e.message,
                }
            })?;
            let Some(meta) = meta else { continue };
            for id in std::iter::once(&meta.id).chain(&meta.aliases) {
                if let Some(first) = seen.insert(id.clone(), src.origin.clone()) {
                    return Err(PolicyError::DuplicateId {
                        id: id.clone(),
                        first,
                        second: src.origin.clone(),
                    });
                }
            }
            rules.push(meta);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let pack = RulePack {
            sources,
            rules,
            config,
            evaluator: Evaluator::default(),
        };
        // Parse everything now so a syntax error surfaces before any evaluation.
        pack.engine()?;
        Ok(pack)
    }

    /// Keeps only the rules whose id (or alias) is in `ids`; an unknown id is an error.
    pub fn retain_ids(&mut self, ids: &[String]) -> Result<(), PolicyError> {
        for id in ids {
            if self.rule(id).is_none() {
                return Err(PolicyError::Config(format!(
                    "--only {id}: no such rule (see `moat rules list`)"
                )));
            }
        }
        self.rules.retain(|r| {
            ids.iter().any(|id| {
                r.id.eq_ignore_ascii_case(id)
                    || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
            })
        });
        Ok(())
    }

    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Chooses how the rules are run (see [`Evaluator`]).
    pub fn set_evaluator(&mut self, evaluator: Evaluator) {
        self.evaluator = evaluator;
    }

    pub fn sources(&self) -> &[PolicySource] {
        &self.sources
    }

    /// The effective `data.moat.config`.
    pub fn config(&self) -> &Value {
        &self.config
    }

    /// Finds a rule by id or alias.
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().find(|r| {
            r.id.eq_ignore_ascii_case(id) || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        })
    }

    /// A regorus engine holding every policy and the configuration.
    pub fn engine(&self) -> Result<regorus::Engine, PolicyError> {
        self.engine_with(|text| text.to_string())
    }

    /// An engine whose policy texts went through `transform` first (same lengths and lines,
    /// so errors still point at the right place).
    fn engine_with(
        &self,
        transform: impl Fn(&str) -> String,
    ) -> Result<regorus::Engine, PolicyError> {
        let mut engine = regorus::Engine::new();
        // One malformed value (say an invalid CIDR) must not abort a whole evaluation: such
        // values are reported as findings of their own (see `snapshot::values`).
        engine.set_strict_builtin_errors(false);
        for src in &self.sources {
            engine
                .add_policy(src.origin.clone(), transform(&src.text))
                .map_err(|e| PolicyError::Rego {
                    file: src.origin.clone(),
                    message: e.to_string(),
                })?;
        }
        engine
            .add_data(self.data()?)
            .map_err(|e| PolicyError::Config(e.to_string()))?;
        Ok(engine)
    }

    /// Evaluates every rule against a loaded snapshot.
    pub fn evaluate(&self, loaded: &LoadedSnapshot) -> Result<Evaluation, PolicyError> {
        let prepared = self.prepare(&loaded.snapshot, &loaded.value_problems)?;
        self.evaluate_prepared(loaded, prepared, parse_input(&loaded.text))
    }

    /// `data` for the rules: `data.moat.config`.
    fn data(&self) -> Result<regorus::Value, PolicyError> {
        to_regorus(&json!({ "moat": { "config": self.config } }))
            .map_err(|e| PolicyError::Config(e.to_string()))
    }

    /// Evaluates every rule against a snapshot; `value_problems` become findings of the
    /// input-validation rule.
    pub fn evaluate_snapshot(
        &self,
        snapshot: &Snapshot,
        value_problems: &[ValueProblem],
    ) -> Result<Evaluation, PolicyError> {
        let prepared = self.prepare(snapshot, value_problems)?;
        self.evaluate_with(snapshot, prepared, snapshot_input(snapshot)?)
    }

    /// Builds what an evaluation needs besides the snapshot's values: the facts moat
    /// derives (`input.moat`), the primed engine and the compiled rules. It depends only on
    /// the typed snapshot, so a caller can make it while another thread parses the text.
    pub fn prepare(
        &self,
        snapshot: &Snapshot,
        value_problems: &[ValueProblem],
    ) -> Result<Prepared, PolicyError> {
        let clock = std::time::Instant::now();
        let derived =
            to_regorus(&derived_input(snapshot, value_problems, &self.config)).map_err(no_input)?;
        profile_phase("derived input", &clock);
        let clock = std::time::Instant::now();
        let mut engine = self.engine()?;
        let rules: Vec<&RuleMeta> = self.rules.iter().collect();
        let programs = match Evaluator::from_env_or(self.evaluator) {
            Evaluator::Compiled => {
                let mut guarded = self.engine_with(compiled::guard_assignments)?;
                Some(compiled::compile_rules(&mut guarded, &rules))
            }
            Evaluator::Interpreter => None,
        };
        // Prime the engine: analysis runs on the first evaluation; clones share its result.
        engine
            .eval_query("true".to_string(), false)
            .map_err(|e| PolicyError::Eval {
                rule: "-".into(),
                file: "-".into(),
                message: e.to_string(),
            })?;
        profile_phase("engine ready", &clock);
        Ok(Prepared {
            derived,
            engine,
            programs,
        })
    }

    /// Evaluates with a [`Prepared`] made from the same snapshot. `input` is the snapshot
    /// text already parsed by [`parse_input`] (the caller may have done it in parallel with
    /// loading); `None` builds it from the typed snapshot.
    pub fn evaluate_prepared(
        &self,
        loaded: &LoadedSnapshot,
        prepared: Prepared,
        input: Option<Result<regorus::Value, String>>,
    ) -> Result<Evaluation, PolicyError> {
        let input = match input {
            Some(input) => input.map_err(no_input)?,
            None => snapshot_input(&loaded.snapshot)?,
        };
        self.evaluate_with(&loaded.snapshot, prepared, input)
    }

    fn evaluate_with(
        &self,
        snapshot: &Snapshot,
        prepared: Prepared,
        mut input: regorus::Value,
    ) -> Result<Evaluation, PolicyError> {
        let Prepared {
            derived,
            mut engine,
            programs,
        } = prepared;
        input
            .as_object_mut()
            .map_err(|e| PolicyError::Config(format!("the snapshot is not an object: {e}")))?
            .insert(regorus::Value::from("moat"), derived);
        engine.set_input(input.clone());
        let rules: Vec<&RuleMeta> = self.rules.iter().collect();

        let threads = std::env::var("MOAT_EVAL_GROUPS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1)
            })
            .clamp(1, 16)
            .min(rules.len().max(1));
        // MOAT_PROFILE_RULES=1: one rule at a time, so `--verbose` times each rule alone.
        let profile = profiling();
        let clock = std::time::Instant::now();
        let evaluator = if programs.is_some() {
            Evaluator::Compiled
        } else {
            Evaluator::Interpreter
        };
        let results: Vec<Result<GroupResult, PolicyError>> = if let Some(programs) = programs {
            let data = self.data()?;
            let workers = if profile { 1 } else { threads };
            compiled::run(&engine, &programs, &rules, &input, &data, workers)
        } else {
            // The interpreter evaluates rules in groups, one query per group and one group
            // per core: within one query regorus computes each shared library index once,
            // and the groups run in parallel on clones of the primed engine.
            let groups: Vec<Vec<usize>> = if profile {
                (0..rules.len()).map(|i| vec![i]).collect()
            } else {
                (0..threads)
                    .map(|t| (0..rules.len()).filter(|i| i % threads == t).collect())
                    .collect()
            };
            if profile {
                groups
                    .iter()
                    .map(|g| eval_group(&mut engine.clone(), &rules, g))
                    .collect()
            } else {
                std::thread::scope(|scope| {
                    let handles: Vec<_> = groups
                        .iter()
                        .map(|group| {
                            let mut engine = engine.clone();
                            let rules = &rules;
                            scope.spawn(move || eval_group(&mut engine, rules, group))
                        })
                        .collect();
                    join_all(handles)
                })
            }
        };
        drop(input);
        let mut raw: Vec<(usize, Value)> = Vec::new();
        let mut timings = Vec::new();
        let mut interpreted = Vec::new();
        for r in results {
            let r = r?;
            timings.extend(r.timings);
            raw.extend(r.values);
            interpreted.extend(r.interpreted);
        }
        interpreted.sort();
        raw.sort_by_key(|(i, _)| *i);
        profile_phase("rules", &clock);
        // Freeing a large input (millions of nodes) takes a noticeable time: do it off the
        // caller's path.
        std::thread::spawn(move || drop(engine));

        let account_id = snapshot.account.id.clone();
        let mut findings = Vec::new();
        for (i, value) in raw {
            let rule = rules[i];
            let items = match value {
                Value::Array(items) => items,
                Value::Null => Vec::new(),
                other => {
                    return Err(PolicyError::Eval {
                        rule: rule.id.clone(),
                        file: rule.source.clone(),
                        message: format!("`deny` must be a set of objects, got {other}"),
                    })
                }
            };
            for item in items {
                findings.push(make_finding(rule, &account_id, item)?);
            }
        }
        findings.sort_by(finding_order);
        findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);

        let coverage_gaps: Vec<CoverageEntry> = snapshot
            .coverage
            .iter()
            .filter(|c| matches!(c.status, CoverageStatus::Denied | CoverageStatus::Error))
            .cloned()
            .collect();
        let not_evaluated = not_evaluated(&self.rules, &snapshot.coverage);

        Ok(Evaluation {
            account_id,
            findings,
            not_evaluated,
            coverage_gaps,
            rules: self.rules.clone(),
            timings,
            evaluator,
            interpreted,
        })
    }
}

#[derive(Default)]
pub(crate) struct GroupResult {
    pub(crate) values: Vec<(usize, Value)>,
    pub(crate) timings: Vec<(String, std::time::Duration)>,
    /// Rules that ran on the interpreter although the evaluator was `Compiled`.
    pub(crate) interpreted: Vec<String>,
}

pub(crate) fn join_all(
    handles: Vec<std::thread::ScopedJoinHandle<'_, Result<GroupResult, PolicyError>>>,
) -> Vec<Result<GroupResult, PolicyError>> {
    handles
        .into_iter()
        .map(|h| {
            h.join().unwrap_or_else(|_| {
                Err(PolicyError::Eval {
                    rule: "?".into(),
                    file: "?".into(),
                    message: "an evaluation thread panicked".into(),
                })
            })
        })
        .collect()
}

/// Evaluates a group of rules in one query; when the query fails, evaluates them one by one
/// so the error names the rule that caused it.
fn eval_group(
    engine: &mut regorus::Engine,
    rules: &[&RuleMeta],
    group: &[usize],
) -> Result<GroupResult, PolicyError> {
    let started = std::time::Instant::now();
    let label = group
        .iter()
        .map(|i| rules[*i].id.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let query = format!(
        "[{}]",
        group
            .iter()
            .map(|i| format!("data.{}.deny", rules[*i].package))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let grouped = engine.eval_query(query, false).ok().and_then(|r| {
        let value = r
            .result
            .into_iter()
            .next()?
            .expressions
            .into_iter()
            .next()?
            .value;
        serde_json::to_value(&value).ok()
    });
    let values = match grouped {
        Some(Value::Array(items)) if items.len() == group.len() => {
            group.iter().copied().zip(items).collect()
        }
        _ => {
            let mut out = Vec::new();
            for &i in group {
                out.push((i, eval_rule(engine, rules[i])?));
            }
            out
        }
    };
    Ok(GroupResult {
        values,
        timings: vec![(label, started.elapsed())],
        interpreted: Vec::new(),
    })
}

/// MOAT_PROFILE_RULES=1: rules run one at a time and the evaluation says where time goes.
pub(crate) fn profiling() -> bool {
    std::env::var_os("MOAT_PROFILE_RULES").is_some()
}

/// When profiling, says on stderr how long an evaluation phase took.
fn profile_phase(what: &str, clock: &std::time::Instant) {
    if profiling() {
        eprintln!(
            "moat: profile: {what} in {} ms",
            clock.elapsed().as_millis()
        );
    }
}

pub(crate) fn eval_rule(
    engine: &mut regorus::Engine,
    rule: &RuleMeta,
) -> Result<Value, PolicyError> {
    let value = engine
        .eval_rule(format!("data.{}.deny", rule.package))
        .map_err(|e| PolicyError::Eval {
            rule: rule.id.clone(),
            file: rule.source.clone(),
            message: e.to_string(),
        })?;
    deny_to_json(rule, value)
}

/// A rule's `deny` as JSON (`null` when undefined).
pub(crate) fn deny_to_json(rule: &RuleMeta, value: regorus::Value) -> Result<Value, PolicyError> {
    if value == regorus::Value::Undefined {
        return Ok(Value::Null);
    }
    serde_json::to_value(&value).map_err(|e| PolicyError::Eval {
        rule: rule.id.clone(),
        file: rule.source.clone(),
        message: e.to_string(),
    })
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
fn snapshot_input(snapshot: &Snapshot) -> Result<regorus::Value, PolicyError> {
    to_regorus(&snapshot::to_json_value(snapshot)).map_err(no_input)
}

fn no_input(e: impl std::fmt::Display) -> PolicyError {
    PolicyError::Config(format!("cannot build the evaluation input: {e}"))
}

fn to_regorus(value: &Value) -> anyhow::Result<regorus::Value> {
    regorus::Value::from_json_str(&serde_json::to_string(value)?)
}

/// The document rules see as `input`: the snapshot, plus `input.moat` with facts moat
/// derives (values that could not be evaluated, certificate days left, groupings).
pub fn build_input(snapshot: &Snapshot, value_problems: &[ValueProblem], config: &Value) -> Value {
    let mut input = snapshot::to_json_value(snapshot);
    if let Value::Object(map) = &mut input {
        map.insert(
            "moat".to_string(),
            derived_input(snapshot, value_problems, config),
        );
    }
    input
}

/// `input.moat`: what moat derives from a snapshot for the rules.
fn derived_input(snapshot: &Snapshot, value_problems: &[ValueProblem], config: &Value) -> Value {
    let problems: Vec<Value> = value_problems
        .iter()
        .map(|p| {
            json!({
                "region": p.region,
                "resource_type": p.resource_type,
                "resource_id": p.resource_id,
                "pointer": p.problem.pointer,
                "line": p.problem.line,
                "message": p.problem.message,
            })
        })
        .collect();
    // Days from collection to each certificate's NotAfter (negative: already expired), so
    // expiry rules are decided as of the snapshot and need no clock during evaluation.
    let collected = crate::util::rfc3339_seconds(&snapshot.collected_at);
    let mut days_left = serde_json::Map::new();
    for (region, r) in &snapshot.regions {
        let mut certs = serde_json::Map::new();
        for c in &r.acm.certificates {
            let after = c
                .not_after
                .as_deref()
                .and_then(crate::util::rfc3339_seconds);
            if let (Some(now), Some(after)) = (collected, after) {
                certs.insert(
                    c.certificate_arn.clone(),
                    json!((after - now).div_euclid(86_400)),
                );
            }
        }
        days_left.insert(region.clone(), Value::Object(certs));
    }
    json!({
        "value_problems": problems,
        "certificate_days_left": days_left,
        "index": index(snapshot),
        "topology": topology::topology(snapshot, config),
    })
}

/// Groupings Rego cannot build in linear time (it has no group-by: grouping N items by key
/// in a comprehension costs N × keys): `input.moat.index[region]`. Only groupings, no
/// judgement; the definitions stay in policies/lib.
fn index(snapshot: &Snapshot) -> Value {
    let mut out = serde_json::Map::new();
    for (region, r) in &snapshot.regions {
        let mut subnets_by_vpc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for s in &r.ec2.subnets {
            subnets_by_vpc
                .entry(&s.vpc_id)
                .or_default()
                .push(&s.subnet_id);
        }
        let mut flow_log_types: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for f in &r.ec2.flow_logs {
            if f.flow_log_status.as_deref().is_none_or(|st| st == "ACTIVE") {
                flow_log_types
                    .entry(&f.resource_id)
                    .or_default()
                    .insert(&f.traffic_type);
            }
        }
        // [group index, permission index] of permissions with a 0.0.0.0/0 or ::/0 source: the
        // only candidates of the world-exposure rules, which still decide with net.world_sources.
        // [group index, permission index, CIDR] for each world source (0.0.0.0/0, ::/0) of a
        // permission: the only candidates of the world-exposure rules.
        let world = |i: usize, perms: &[crate::snapshot::IpPermission], out: &mut Vec<Value>| {
            for (j, p) in perms.iter().enumerate() {
                if p.ip_ranges.iter().any(|r| r.cidr_ip == "0.0.0.0/0") {
                    out.push(json!([i, j, "0.0.0.0/0"]));
                }
                if p.ipv6_ranges.iter().any(|r| r.cidr_ipv6 == "::/0") {
                    out.push(json!([i, j, "::/0"]));
                }
            }
        };
        let mut world_ingress = Vec::new();
        let mut world_egress = Vec::new();
        for (i, sg) in r.ec2.security_groups.iter().enumerate() {
            world(i, &sg.ip_permissions, &mut world_ingress);
            world(i, &sg.ip_permissions_egress, &mut world_egress);
        }
        let instance_public_ip: BTreeMap<&str, &str> = r
            .ec2
            .reservations
            .iter()
            .flat_map(|res| &res.instances)
            .filter_map(|i| {
                i.public_ip_address
                    .as_deref()
                    .map(|ip| (i.instance_id.as_str(), ip))
            })
            .collect();
        out.insert(
            region.clone(),
            json!({
                "subnets_by_vpc": subnets_by_vpc,
                "flow_log_types": flow_log_types,
                "instance_public_ip": instance_public_ip,
                "world_ingress": world_ingress,
                "world_egress": world_egress,
            }),
        );
    }
    Value::Object(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    resource_id: String,
    resource_type: String,
    #[serde(default)]
    resource_arn: Option<String>,
    region: String,
    message: String,
    #[serde(default)]
    element: Option<String>,
    #[serde(default)]
    evidence: Value,
    /// Overrides the rule's severity for this finding (e.g. info when a precondition of
    /// the practice is missing account-wide).
    #[serde(default)]
    severity: Option<Severity>,
}

fn make_finding(rule: &RuleMeta, account_id: &str, item: Value) -> Result<Finding, PolicyError> {
    let raw: RawFinding = serde_json::from_value(item.clone()).map_err(|e| PolicyError::Eval {
        rule: rule.id.clone(),
        file: rule.source.clone(),
        message: format!("a finding must be an object with resource_id, resource_type, region and message ({e}): {item}"),
    })?;
    let element = raw.element.as_deref().unwrap_or(&raw.message);
    let fingerprint = fingerprint(&[&rule.id, account_id, &raw.region, &raw.resource_id, element]);
    Ok(Finding {
        rule_id: rule.id.clone(),
        title: rule.title.clone(),
        severity: raw.severity.unwrap_or(rule.severity),
        account_id: account_id.to_string(),
        region: raw.region,
        resource_type: raw.resource_type,
        resource_id: raw.resource_id,
        resource_arn: raw.resource_arn.filter(|a| !a.is_empty()),
        message: raw.message,
        evidence: if raw.evidence.is_null() {
            json!({})
        } else {
            raw.evidence
        },
        remediation: rule.remediation.clone(),
        controls: rule.controls.clone(),
        fingerprint,
    })
}

/// Hex SHA-256 (first 128 bits) of the parts, each terminated so parts cannot run together.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Findings order: severity, rule, region, resource, message.
pub fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        a.severity,
        &a.rule_id,
        &a.region,
        &a.resource_id,
        &a.message,
        &a.fingerprint,
    )
        .cmp(&(
            b.severity,
            &b.rule_id,
            &b.region,
            &b.resource_id,
            &b.message,
            &b.fingerprint,
        ))
}

fn not_evaluated(rules: &[RuleMeta], coverage: &[CoverageEntry]) -> Vec<NotEvaluated> {
    let mut out = BTreeSet::new();
    for entry in coverage.iter().filter(|c| c.status != CoverageStatus::Ok) {
        let op = format!("{}:{}", entry.service, entry.operation);
        for rule in rules {
            if rule.requires.iter().any(|r| r.eq_ignore_ascii_case(&op)) {
                out.insert(NotEvaluated {
                    rule_id: rule.id.clone(),
                    title: rule.title.clone(),
                    region: entry.region.clone(),
                    requires: op.clone(),
                    status: entry.status,
                    error_code: entry.error_code.clone(),
                });
            }
        }
    }
    out.into_iter().collect()
}

fn folder_name(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn collect_rego(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), PolicyError> {
    let entries = std::fs::read_dir(dir).map_err(|source| PolicyError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "fixtures" {
                collect_rego(&path, out)?;
            }
        } else if name.ends_with(".rego") && !name.ends_with("_test.rego") {
            out.push(path);
        }
    }
    Ok(())
}

/// Deep-merges `over` into `base`: objects merge key by key, anything else replaces.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}
