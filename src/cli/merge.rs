//! `moat merge`: the reports of a sharded run (`--shard i/n` on each worker) combined into
//! one, as if one process had scanned every account.

use super::scan::write_reports;
use super::MergeArgs;
use crate::accounts::Shard;
use crate::policy::{AccountScan, AccountStatus, RulePack};
use crate::report::{JsonReport, Origin, ReportContext};
use crate::snapshot::{CoverageEntry, CoverageStatus};
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn merge(args: MergeArgs) -> Result<ExitCode> {
    let mut texts = Vec::new();
    for path in &args.reports {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the report {}", path.display()))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not a JSON report or SARIF log: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        texts.push((path.as_path(), value));
    }
    let sarif = texts
        .iter()
        .filter(|(_, v)| v.get("runs").is_some())
        .count();
    match sarif {
        0 => merge_json(&args, texts),
        n if n == texts.len() => merge_sarif(&args, texts),
        _ => bail!("moat merge combines reports of one kind: all JSON reports or all SARIF logs"),
    }
}

/// SARIF: the runs of every log, one per account; two runs of one account are refused.
fn merge_sarif(args: &MergeArgs, logs: Vec<(&Path, Value)>) -> Result<ExitCode> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut runs = Vec::new();
    for (path, log) in logs {
        let Some(list) = log.get("runs").and_then(Value::as_array) else {
            bail!("{}: `runs` is not a list", path.display());
        };
        for run in list {
            let id = run
                .pointer("/automationDetails/id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if let Some(earlier) = seen.insert(id.clone(), path) {
                bail!(
                    "{} and {} both hold the run {id:?}: the shards overlap",
                    earlier.display(),
                    path.display()
                );
            }
            runs.push(run.clone());
        }
    }
    runs.sort_by(|a, b| {
        let id = |r: &Value| {
            r.pointer("/automationDetails/id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        id(a).cmp(&id(b))
    });
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    });
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    let out = args.report.output.as_deref().unwrap_or(Path::new("-"));
    crate::util::write_output(out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(ExitCode::from(super::EXIT_CLEAN))
}

/// JSON reports: one evaluation over every account, with the gate applied again.
fn merge_json(args: &MergeArgs, reports: Vec<(&Path, Value)>) -> Result<ExitCode> {
    let config = crate::config::Config::discover(args.config.as_deref())?;
    let pack = RulePack::load(&config.policy_dirs, config.rule_config.as_ref())?;
    let mut merged = crate::policy::merge_accounts(
        Vec::new(),
        Vec::new(),
        pack.rules(),
        pack.options().evaluator,
    );
    let mut owner: BTreeMap<String, &Path> = BTreeMap::new();
    let mut shards: BTreeMap<u32, &Path> = BTreeMap::new();
    let mut shard_count: Option<u32> = None;
    for (path, value) in reports {
        let report: JsonReport = serde_json::from_value(value)
            .with_context(|| format!("{} is not a moat JSON report", path.display()))?;
        if let Some(s) = report.shard {
            match shard_count {
                Some(n) if n != s.count => bail!(
                    "{} is shard {}/{} but the reports before it are of {n} shards",
                    path.display(),
                    s.index,
                    s.count
                ),
                _ => shard_count = Some(s.count),
            }
            if let Some(earlier) = shards.insert(s.index, path) {
                bail!(
                    "{} and {} are both shard {}/{}",
                    earlier.display(),
                    path.display(),
                    s.index,
                    s.count
                );
            }
        }
        let mut accounts = report.accounts.clone();
        if accounts.is_empty() && !report.account_id.is_empty() {
            accounts.push(AccountScan {
                account_id: report.account_id.clone(),
                alias: None,
                status: AccountStatus::Scanned,
                message: None,
                collected_at: String::new(),
                regions: Vec::new(),
                findings: report.findings.len(),
                coverage_gaps: report.coverage.gaps.len(),
            });
        }
        for a in &accounts {
            if let Some(earlier) = owner.insert(a.account_id.clone(), path) {
                bail!(
                    "{} and {} both report account {}: the shards overlap",
                    earlier.display(),
                    path.display(),
                    a.account_id
                );
            }
        }
        let single = (report.accounts.is_empty()).then(|| report.account_id.clone());
        merged.accounts.extend(accounts);
        merged.findings.extend(report.findings);
        merged
            .coverage_gaps
            .extend(report.coverage.gaps.into_iter().map(|mut g| {
                if g.account_id.is_none() {
                    g.account_id = single.clone();
                }
                g
            }));
        merged
            .not_evaluated
            .extend(report.coverage.not_evaluated.into_iter().map(|mut n| {
                if n.account_id.is_none() {
                    n.account_id = single.clone();
                }
                n
            }));
        merged.rule_errors.extend(report.coverage.rule_errors);
        merged.gate.waivers.extend(report.waivers);
    }
    if let Some(count) = shard_count {
        for index in 1..=count {
            if !shards.contains_key(&index) {
                let shard = Shard { index, count };
                eprintln!("moat: warning: the report of shard {shard} is missing");
                merged.coverage_gaps.push(CoverageEntry {
                    account_id: None,
                    region: "global".to_string(),
                    service: "moat".to_string(),
                    operation: format!("shard {shard}"),
                    status: CoverageStatus::Error,
                    error_code: Some("MissingShard".to_string()),
                    message: Some(format!(
                        "the report of shard {shard} was not given to moat merge: its accounts were not checked"
                    )),
                });
            }
        }
    }
    merged.settle_accounts();
    let origin = Origin::Live;
    let ctx = ReportContext::with_gate(
        &merged,
        &origin,
        args.report.fail_on.or(config.fail_on).unwrap_or_default(),
        args.report.allow_gaps || config.allow_gaps.unwrap_or(false),
    );
    write_reports(&ctx, &args.report.outputs()?, false)?;
    if !args.quiet {
        eprintln!("{}", ctx.verdict.line(&merged));
    }
    Ok(ExitCode::from(ctx.verdict.exit_code()))
}
