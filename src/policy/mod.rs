//! The policy engine: the embedded rule pack plus the user's `--policy-dir`s, run by regorus
//! over a snapshot, turned into findings with the rules' metadata joined in.

//!
//! One file per seam: [`pack`] loads the rules, [`input`] builds what they read, [`eval`]
//! runs them, [`finding`] turns their output into findings.

pub mod addresses;
mod compiled;
mod eval;
pub mod exposure;
mod finding;
mod input;
pub mod metadata;
mod pack;
pub mod testing;
mod topology;

pub use finding::{finding_order, fingerprint, ExposureState, Finding};
pub use input::{build_input, derive, derived_schema_pretty, parse_input, Derived, RUST_ONLY};
pub use metadata::{RuleMeta, Severity};
pub use pack::{default_config, merge};

use crate::snapshot::{CoverageEntry, CoverageStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// A rule that could not see its data in a region (denied, failed or skipped collection).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct NotEvaluated {
    /// The account, in a report over several accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
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
    /// Rules whose evaluation failed: not evaluated, none of their findings reported.
    pub rule_errors: Vec<RuleError>,
    /// What waivers and the baseline did ([`crate::gate::apply`]); empty until applied.
    pub gate: crate::gate::GateReport,
    /// What the internet reaches (the facts of `input.moat.exposure`), for reports.
    pub exposure: exposure::ExposureReport,
    /// What was scanned: the snapshot's `collected_at`, its regions and account alias.
    pub scanned: Scanned,
    /// The accounts of an evaluation over several accounts ([`merge_accounts`]), sorted by id;
    /// empty for one snapshot's evaluation.
    pub accounts: Vec<AccountScan>,
}

impl Evaluation {
    /// The account scanned, or "N accounts" for an evaluation over several.
    pub fn account_label(&self) -> String {
        if self.accounts.is_empty() {
            self.account_id.clone()
        } else if self.accounts.len() == 1 {
            self.accounts[0].account_id.clone()
        } else {
            format!("{} accounts", self.accounts.len())
        }
    }

    /// The evaluations of one account each, in `accounts`'s order (for reports that keep
    /// accounts apart, such as SARIF runs); this evaluation alone when it is one account's.
    pub fn per_account(&self) -> Vec<Evaluation> {
        if self.accounts.is_empty() {
            // An evaluation over no account at all (an empty shard) has no run to report.
            if self.account_id.is_empty() {
                return Vec::new();
            }
            return vec![self.clone()];
        }
        self.accounts
            .iter()
            .map(|a| {
                let id = Some(a.account_id.as_str());
                Evaluation {
                    account_id: a.account_id.clone(),
                    findings: self
                        .findings
                        .iter()
                        .filter(|f| f.account_id == a.account_id)
                        .cloned()
                        .collect(),
                    not_evaluated: self
                        .not_evaluated
                        .iter()
                        .filter(|n| n.account_id.as_deref() == id)
                        .cloned()
                        .collect(),
                    coverage_gaps: self
                        .coverage_gaps
                        .iter()
                        .filter(|g| g.account_id.as_deref() == id)
                        .cloned()
                        .collect(),
                    rules: self.rules.clone(),
                    timings: Vec::new(),
                    evaluator: self.evaluator,
                    interpreted: self.interpreted.clone(),
                    rule_errors: self.rule_errors.clone(),
                    gate: crate::gate::GateReport::default(),
                    exposure: exposure::ExposureReport {
                        exposures: self
                            .exposure
                            .exposures
                            .iter()
                            .filter(|x| x.account_id == a.account_id)
                            .cloned()
                            .collect(),
                        unknown: self
                            .exposure
                            .unknown
                            .iter()
                            .filter(|x| x.account_id == a.account_id)
                            .cloned()
                            .collect(),
                    },
                    scanned: Scanned {
                        collected_at: a.collected_at.clone(),
                        regions: a.regions.clone(),
                        account_alias: a.alias.clone(),
                    },
                    accounts: vec![a.clone()],
                }
            })
            .collect()
    }
}

/// One account of an evaluation over several: what was read and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountScan {
    pub account_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// `scanned`, or `failed` when nothing could be read (the reason is in `message` and in
    /// the coverage gaps).
    pub status: AccountStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The snapshot's `collected_at` (empty when nothing was read).
    pub collected_at: String,
    pub regions: Vec<String>,
    pub findings: usize,
    pub coverage_gaps: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    Scanned,
    Failed,
}

/// One evaluation over several accounts: each account's findings, gaps and rules not
/// evaluated, tagged with the account and sorted. Accounts that could not be read at all
/// come as an [`AccountScan`] with status `failed` and their gaps.
pub fn merge_accounts(
    parts: Vec<Evaluation>,
    failed: Vec<(AccountScan, Vec<CoverageEntry>)>,
    rules: &[RuleMeta],
    evaluator: Evaluator,
) -> Evaluation {
    let mut merged = Evaluation {
        account_id: String::new(),
        findings: Vec::new(),
        not_evaluated: Vec::new(),
        coverage_gaps: Vec::new(),
        rules: rules.to_vec(),
        timings: Vec::new(),
        evaluator,
        interpreted: Vec::new(),
        rule_errors: Vec::new(),
        gate: crate::gate::GateReport::default(),
        exposure: exposure::ExposureReport::default(),
        scanned: Scanned::default(),
        accounts: Vec::new(),
    };
    for mut e in parts {
        let id = e.account_id.clone();
        merged.accounts.push(AccountScan {
            account_id: id.clone(),
            alias: e.scanned.account_alias.clone(),
            status: AccountStatus::Scanned,
            message: None,
            collected_at: e.scanned.collected_at.clone(),
            regions: e.scanned.regions.clone(),
            findings: e.findings.len(),
            coverage_gaps: e.coverage_gaps.len(),
        });
        for g in &mut e.coverage_gaps {
            g.account_id = Some(id.clone());
        }
        for n in &mut e.not_evaluated {
            n.account_id = Some(id.clone());
        }
        merged.findings.append(&mut e.findings);
        merged.coverage_gaps.append(&mut e.coverage_gaps);
        merged.not_evaluated.append(&mut e.not_evaluated);
        merged.exposure.exposures.append(&mut e.exposure.exposures);
        merged.exposure.unknown.append(&mut e.exposure.unknown);
        merged.timings.append(&mut e.timings);
        merged.interpreted.append(&mut e.interpreted);
        merged.rule_errors.append(&mut e.rule_errors);
        merged.evaluator = e.evaluator;
        merged.scanned.regions.append(&mut e.scanned.regions);
        if merged.scanned.collected_at < e.scanned.collected_at {
            merged.scanned.collected_at = e.scanned.collected_at.clone();
        }
    }
    for (mut account, mut gaps) in failed {
        for g in &mut gaps {
            g.account_id = Some(account.account_id.clone());
        }
        account.coverage_gaps = gaps.len();
        merged.coverage_gaps.append(&mut gaps);
        merged.accounts.push(account);
    }
    merged.settle_accounts();
    merged
}

impl Evaluation {
    /// Puts an evaluation over several accounts in report order: accounts by id, findings,
    /// gaps and rules not evaluated sorted, rule errors once each; one account names it.
    pub fn settle_accounts(&mut self) {
        self.accounts
            .sort_by(|a, b| a.account_id.cmp(&b.account_id));
        if self.accounts.len() == 1 {
            self.account_id = self.accounts[0].account_id.clone();
            self.scanned.account_alias = self.accounts[0].alias.clone();
        }
        self.findings.sort_by(finding_order);
        self.coverage_gaps.sort();
        self.not_evaluated.sort();
        self.interpreted.sort();
        self.interpreted.dedup();
        self.rule_errors.sort_by(|a, b| a.rule_id.cmp(&b.rule_id));
        self.rule_errors.dedup();
        self.scanned.regions.sort();
        self.scanned.regions.dedup();
    }
}

/// What an evaluation looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    pub collected_at: String,
    pub regions: Vec<String>,
    pub account_alias: Option<String>,
}

/// A rule that could not be evaluated because the rule itself failed (a run-time error in
/// its body, output that is not a set of findings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleError {
    pub rule_id: String,
    pub title: String,
    /// The rule's policy file (`builtin:…` for the embedded pack).
    pub file: String,
    /// What failed, as the engine says it (with the line where it knows it).
    pub message: String,
}

/// The rules and their configuration, ready to evaluate.
#[derive(Debug, Clone)]
pub struct RulePack {
    sources: Vec<PolicySource>,
    rules: Vec<RuleMeta>,
    config: Value,
    options: EvalOptions,
}

/// The parts of an evaluation made from the typed snapshot alone (see [`RulePack::prepare`]).
pub struct Prepared {
    derived: regorus::Value,
    exposure: exposure::ExposureReport,
    engine: regorus::Engine,
    programs: Option<compiled::Compiled>,
}

/// How the rules are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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

/// How an evaluation runs: chosen by the caller (the CLI), never read from the environment
/// inside the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvalOptions {
    pub evaluator: Evaluator,
    /// Worker threads; `None`: one per core (at most 16).
    pub workers: Option<usize>,
    /// One rule at a time, each timed alone, with the phases and any rule that falls back to
    /// the interpreter said on stderr.
    pub profile: bool,
    /// A rule still running after this long is stopped and reported as failed (not
    /// evaluated). `None`: no limit. On the interpreter's grouped path the limit applies to
    /// each group, then to each rule of a group that hit it.
    pub rule_time_limit: Option<std::time::Duration>,
}

impl EvalOptions {
    /// regorus's cooperative timer for [`EvalOptions::rule_time_limit`].
    pub(crate) fn timer(&self) -> Option<regorus::utils::limits::ExecutionTimerConfig> {
        self.rule_time_limit
            .map(|limit| regorus::utils::limits::ExecutionTimerConfig {
                limit,
                check_interval: std::num::NonZeroU32::new(4096)
                    .unwrap_or(std::num::NonZeroU32::MIN),
            })
    }

    /// The worker threads for `rules` rules: one when profiling, else the setting or one
    /// per core, between 1 and 16 and no more than there are rules.
    pub(crate) fn threads(&self, rules: usize) -> usize {
        if self.profile {
            return 1;
        }
        self.workers
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1)
            })
            .clamp(1, 16)
            .min(rules.max(1))
    }
}
