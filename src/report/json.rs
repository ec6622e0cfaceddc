//! The JSON report: `findings`, `coverage` and `summary` (schema in docs/findings.schema.json).

use super::ReportContext;
use crate::policy::{Finding, NotEvaluated, RuleError, Severity};
use crate::snapshot::CoverageEntry;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The JSON report document.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonReport {
    /// Always `moat/findings/v1`.
    pub format: String,
    pub tool: Tool,
    /// The account scanned; empty in a report over several accounts (see `accounts`).
    pub account_id: String,
    /// The accounts of a report over several accounts (`--org`, `--accounts`, several
    /// snapshots, `moat merge`), each with its status; absent for one account's report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<crate::policy::AccountScan>,
    /// The slice of the accounts this report covers (`--shard i/n`), for `moat merge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardInfo>,
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    /// Each waiver and what it did (`active`, `expiring`, `expired`, `unmatched`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<crate::gate::waivers::WaiverStatus>,
    pub summary: Summary,
}

/// `--shard i/n` of the run that wrote a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShardInfo {
    pub index: u32,
    pub count: u32,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// What could not be checked.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Collection calls that were denied or failed.
    pub gaps: Vec<CoverageEntry>,
    /// Rules that could not see their data, per region.
    pub not_evaluated: Vec<NotEvaluated>,
    /// Rules that failed to run (not evaluated anywhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule_errors: Vec<RuleError>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub total: usize,
    /// Findings per severity (every severity present, zero included).
    pub by_severity: BTreeMap<Severity, usize>,
    /// Rules evaluated in every region; with `not_evaluated`, the rules of the scan.
    pub rules_evaluated: usize,
    /// Rules not evaluated in at least one region (a coverage gap), or that failed to run;
    /// `coverage.not_evaluated` lists the rule/region pairs.
    pub not_evaluated: usize,
    /// Rules that failed to run.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rule_errors: usize,
    pub coverage_gaps: usize,
    /// `pass`, `fail` (findings at or above the threshold) or `incomplete` (coverage gaps).
    pub verdict: String,
    /// The `--fail-on` threshold, or `never`.
    pub fail_on: String,
    /// Findings a waiver suppresses (counted in `total`; they do not gate).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// New, unchanged and fixed findings against `--baseline` (only new ones gate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::gate::baseline::BaselineSummary>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn summary(ctx: &ReportContext) -> Summary {
    let e = ctx.evaluation;
    Summary {
        total: e.findings.len(),
        by_severity: super::severity_counts(e).into_iter().collect(),
        rules_evaluated: super::rule_counts(e).0,
        rule_errors: e.rule_errors.len(),
        not_evaluated: super::rule_counts(e).1,
        coverage_gaps: e.coverage_gaps.len(),
        verdict: ctx.verdict.outcome.as_str().to_string(),
        fail_on: ctx.verdict.fail_on.to_string(),
        suppressed: e.findings.iter().filter(|f| f.suppressed.is_some()).count(),
        baseline: e.gate.baseline.clone(),
    }
}

pub fn report(ctx: &ReportContext) -> JsonReport {
    let e = ctx.evaluation;
    JsonReport {
        format: "moat/findings/v1".to_string(),
        tool: Tool {
            name: "moat".to_string(),
            version: crate::VERSION.to_string(),
        },
        account_id: e.account_id.clone(),
        accounts: e.accounts.clone(),
        shard: ctx.shard.map(|s| ShardInfo {
            index: s.index,
            count: s.count,
        }),
        findings: e.findings.clone(),
        coverage: Coverage {
            gaps: e.coverage_gaps.clone(),
            not_evaluated: e.not_evaluated.clone(),
            rule_errors: e.rule_errors.clone(),
        },
        waivers: e.gate.waivers.clone(),
        summary: summary(ctx),
    }
}

pub fn render(ctx: &ReportContext) -> String {
    let mut s = serde_json::to_string_pretty(&report(ctx)).unwrap_or_default();
    s.push('\n');
    s
}

/// JSON Schema of the report, as committed in `docs/findings.schema.json`.
pub fn schema_pretty() -> String {
    let mut s =
        serde_json::to_string_pretty(&schemars::schema_for!(JsonReport)).unwrap_or_default();
    s.push('\n');
    s
}
