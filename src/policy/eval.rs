//! Evaluating a pack over a snapshot: the engine and the compiled rules prepared, the rules
//! run on worker threads, their `deny` sets turned into findings.

use super::compiled;
use super::finding::{apply_exposure, finding_order, make_finding, not_evaluated};
use super::input::{derived_input, no_input, parse_input, snapshot_input};
use super::{
    Evaluation, Evaluator, PolicyError, Prepared, RuleError, RuleMeta, RulePack, Severity,
};
use crate::snapshot::{CoverageEntry, CoverageStatus, LoadedSnapshot, Snapshot, ValueProblem};
use serde_json::Value;

impl RulePack {
    /// When profiling, says on stderr how long an evaluation phase took.
    fn profile_phase(&self, what: &str, clock: &std::time::Instant) {
        if self.options.profile {
            eprintln!(
                "moat: profile: {what} in {} ms",
                clock.elapsed().as_millis()
            );
        }
    }

    /// Evaluates every rule against a loaded snapshot.
    pub fn evaluate(&self, loaded: &LoadedSnapshot) -> Result<Evaluation, PolicyError> {
        let prepared = self.prepare(&loaded.snapshot, &loaded.value_problems)?;
        let parsed = parse_input(&loaded.text).filter(|_| !loaded.normalized);
        self.evaluate_prepared(loaded, prepared, parsed)
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
        // The engine and the compiled rules do not depend on the snapshot: they are made
        // while the exposure thread finishes.
        let (derived, exposure, engine) =
            derived_input(snapshot, value_problems, &self.config, || {
                let clock = std::time::Instant::now();
                let ready = self.ready_engine();
                self.profile_phase("engine ready", &clock);
                ready
            })?;
        self.profile_phase("derived input and engine", &clock);
        let (engine, programs) = engine?;
        Ok(Prepared {
            derived,
            exposure,
            engine,
            programs,
        })
    }

    /// A primed engine with the pack, and the compiled rules (under the compiled evaluator).
    fn ready_engine(&self) -> Result<(regorus::Engine, Option<compiled::Compiled>), PolicyError> {
        let mut engine = self.engine()?;
        if let Some(timer) = self.options.timer() {
            engine.set_execution_timer_config(timer);
        }
        let rules: Vec<&RuleMeta> = self.rules.iter().collect();
        let programs = match self.options.evaluator {
            Evaluator::Compiled => {
                let mut guarded = self.engine_with(compiled::guard_assignments)?;
                Some(compiled::compile_rules(
                    &mut guarded,
                    &rules,
                    self.options.profile,
                ))
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
        Ok((engine, programs))
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
            exposure,
            mut engine,
            programs,
        } = prepared;
        input
            .as_object_mut()
            .map_err(|e| PolicyError::Config(format!("the snapshot is not an object: {e}")))?
            .insert(regorus::Value::from("moat"), derived);
        engine.set_input(input.clone());
        let rules: Vec<&RuleMeta> = self.rules.iter().collect();

        let threads = self.options.threads(rules.len());
        // Profiling: one rule at a time, so each rule is timed alone.
        let profile = self.options.profile;
        let clock = std::time::Instant::now();
        let evaluator = if programs.is_some() {
            Evaluator::Compiled
        } else {
            Evaluator::Interpreter
        };
        let results: Vec<Result<GroupResult, PolicyError>> = if let Some(programs) = programs {
            let data = self.data()?;
            compiled::run(
                &engine,
                &programs,
                &rules,
                &input,
                &data,
                threads,
                &self.options,
            )
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
        let mut errors = Vec::new();
        for r in results {
            let r = r?;
            timings.extend(r.timings);
            raw.extend(r.values);
            interpreted.extend(r.interpreted);
            errors.extend(r.errors);
        }
        interpreted.sort();
        raw.sort_by_key(|(i, _)| *i);
        self.profile_phase("rules", &clock);
        // Freeing a large input (millions of nodes) takes a noticeable time: do it off the
        // caller's path.
        std::thread::spawn(move || drop(engine));

        let account_id = snapshot.account.id.clone();
        let latent_cap = latent_max_severity(&self.config)?;
        let mut findings = Vec::new();
        for (i, value) in raw {
            let rule = rules[i];
            let items = match value {
                Value::Array(items) => items,
                Value::Null => Vec::new(),
                other => {
                    errors.push((i, format!("`deny` must be a set of objects, got {other}")));
                    continue;
                }
            };
            // A rule whose output is malformed is not evaluated; none of its findings count.
            let made: Result<Vec<_>, PolicyError> = items
                .into_iter()
                .map(|item| make_finding(rule, &account_id, item))
                .collect();
            match made {
                Ok(made) => findings.extend(made.into_iter().map(|mut f| {
                    apply_exposure(&mut f, rule, latent_cap);
                    f
                })),
                Err(PolicyError::Eval { message, .. }) => errors.push((i, message)),
                Err(e) => return Err(e),
            }
        }
        errors.sort();
        let rule_errors: Vec<RuleError> = errors
            .into_iter()
            .map(|(i, message)| RuleError {
                rule_id: rules[i].id.clone(),
                title: rules[i].title.clone(),
                file: rules[i].source.clone(),
                message,
            })
            .collect();
        findings.sort_by(finding_order);
        findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);

        let coverage_gaps: Vec<CoverageEntry> = snapshot
            .coverage
            .iter()
            // Denied, failed, or never made (skipped): data that was not read.
            .filter(|c| c.status != CoverageStatus::Ok)
            .cloned()
            .collect();
        let not_evaluated = not_evaluated(&self.rules, &snapshot.coverage);
        // A rule that could not see its data in a region says nothing about that region: a
        // finding there would be built on a list that was never read. A gap in a global
        // service (CloudFront, Shield) leaves the rule blind everywhere.
        let blind: std::collections::HashSet<(&str, &str)> = not_evaluated
            .iter()
            .map(|n| (n.rule_id.as_str(), n.region.as_str()))
            .collect();
        findings.retain(|f| {
            !blind.contains(&(f.rule_id.as_str(), f.region.as_str()))
                && !blind.contains(&(f.rule_id.as_str(), "global"))
        });

        Ok(Evaluation {
            account_id,
            findings,
            not_evaluated,
            coverage_gaps,
            rules: self.rules.clone(),
            timings,
            evaluator,
            interpreted,
            rule_errors,
            gate: Default::default(),
            exposure,
            scanned: super::Scanned {
                collected_at: snapshot.collected_at.clone(),
                regions: snapshot.regions.keys().cloned().collect(),
                account_alias: snapshot.account.alias.clone(),
            },
            accounts: Vec::new(),
        })
    }
}

#[derive(Default)]
pub(crate) struct GroupResult {
    /// Rules whose evaluation failed, with the engine's message.
    pub(crate) errors: Vec<(usize, String)>,
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
    // The embedded pack's rules in one query; the user's one by one.
    let (pack, user): (Vec<usize>, Vec<usize>) =
        group.iter().partition(|i| rules[**i].is_builtin());
    let query = format!(
        "[{}]",
        pack.iter()
            .map(|i| format!("data.{}.deny", rules[*i].package))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let grouped = (!pack.is_empty())
        .then(|| engine.eval_query(query, false).ok())
        .flatten()
        .and_then(|r| {
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
    let mut out = GroupResult::default();
    let one_by_one = match grouped {
        Some(Value::Array(items)) if items.len() == pack.len() => {
            out.values = pack.iter().copied().zip(items).collect();
            user
        }
        _ => group.to_vec(),
    };
    for i in one_by_one {
        match eval_rule_checked(engine, rules[i])? {
            Ok(value) => out.values.push((i, value)),
            Err(message) => out.errors.push((i, message)),
        }
    }
    out.timings.push((label, started.elapsed()));
    Ok(out)
}

/// Evaluates one rule on the interpreter. Built-in errors are strict (see
/// `RulePack::engine_with`), so a body that fails at run time (a division by zero, a
/// built-in given the wrong type) is an error, never a silent "no findings". The rule's own
/// error is the inner `Err` (the rule is then not evaluated); the outer one is moat's.
pub(crate) fn eval_rule_checked(
    engine: &mut regorus::Engine,
    rule: &RuleMeta,
) -> Result<Result<Value, String>, PolicyError> {
    let result = engine.eval_rule(format!("data.{}.deny", rule.package));
    match result {
        Ok(value) => deny_to_json(rule, value).map(Ok),
        Err(e) => Ok(Err(one_line(&e.to_string()))),
    }
}

/// regorus's multi-line error (`--> file:line:col`, the source line, `error: …`) as
/// `file:line:col: …`; any other text with its lines joined.
fn one_line(message: &str) -> String {
    let at = message
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .map(str::trim);
    let what = message
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("error: "))
        .map(str::trim);
    match (at, what) {
        (Some(at), Some(what)) => format!("{at}: {what}"),
        _ => message.split_whitespace().collect::<Vec<_>>().join(" "),
    }
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

/// `config.exposure.latent_max_severity`: the highest severity of a latent finding (medium
/// when unset).
pub(crate) fn latent_max_severity(config: &serde_json::Value) -> Result<Severity, PolicyError> {
    match config.pointer("/exposure/latent_max_severity") {
        None => Ok(Severity::Medium),
        Some(v) => v
            .as_str()
            .ok_or_else(|| "must be a string".to_string())
            .and_then(str::parse)
            .map_err(|e| {
                PolicyError::Config(format!(
                    "data.moat.config: exposure.latent_max_severity: {e}"
                ))
            }),
    }
}
