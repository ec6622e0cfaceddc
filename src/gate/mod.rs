//! The gate teams live with: waivers (accepted findings, with an expiry) and baselines
//! (findings that predate the gate). Neither removes a finding: both mark it, every report
//! shows the mark, and only unmarked (new, unwaived) findings count toward the exit code.

pub mod baseline;
pub mod waivers;

use crate::policy::{Evaluation, RuleMeta};
use anyhow::{bail, Result};
use baseline::{Baseline, BaselineSummary};
use waivers::{Day, Waiver, WaiverState, WaiverStatus};

/// The gate's inputs, resolved once.
#[derive(Debug, Clone, Default)]
pub struct GateSettings {
    pub waivers: Vec<Waiver>,
    /// Waivers expiring within this many days are warned about.
    pub warn_days: i64,
    /// An unmatched waiver makes the scan exit 2.
    pub strict_waivers: bool,
    pub baseline: Option<Baseline>,
}

/// What the gate did, for the reports.
#[derive(Debug, Clone, Default)]
pub struct GateReport {
    pub waivers: Vec<WaiverStatus>,
    pub baseline: Option<BaselineSummary>,
    /// Unmatched waivers under `--strict-waivers`: the scan exits 2.
    pub strict_failure: bool,
    /// Warnings for stderr: expiring, expired and unmatched waivers, an old baseline.
    pub warnings: Vec<String>,
}

/// Checks the waivers against the pack, marks the findings, and reports what happened.
pub fn apply(
    evaluation: &mut Evaluation,
    rules: &[RuleMeta],
    settings: &GateSettings,
) -> Result<GateReport> {
    let mut report = GateReport::default();
    if let Some(b) = &settings.baseline {
        if let Some(account) = &b.account_id {
            let scanned = evaluation.account_id == *account
                || evaluation.accounts.iter().any(|a| a.account_id == *account);
            if !account.is_empty() && !scanned {
                bail!(
                    "the baseline {} is a report of account {account}, not of {}: a baseline only applies to the account it was written for",
                    b.path,
                    evaluation.account_id
                );
            }
        }
        if let Some(v) = &b.tool_version {
            if v != crate::VERSION {
                report.warnings.push(format!(
                    "the baseline {} was written by moat {v} (this is {}): findings of rules that changed since may show as new",
                    b.path,
                    crate::VERSION
                ));
            }
        }
        report.baseline = Some(b.apply(&mut evaluation.findings));
    }
    if !settings.waivers.is_empty() {
        waivers::check_rules(&settings.waivers, rules)?;
        let today = Day::today().map_err(anyhow::Error::msg)?;
        report.waivers = waivers::apply(
            &mut evaluation.findings,
            &settings.waivers,
            rules,
            today,
            settings.warn_days,
        );
        for w in &report.waivers {
            let what = format!("waiver {} ({} on {})", w.waiver, w.rule, w.resource);
            match w.state {
                WaiverState::Unmatched => report.warnings.push(format!(
                    "{what} matched no finding: remove it if the finding is gone"
                )),
                WaiverState::Expired => report.warnings.push(format!(
                    "{what} expired on {}: its {} finding(s) count again",
                    w.expires.as_deref().unwrap_or("?"),
                    w.matched
                )),
                WaiverState::Expiring => report.warnings.push(format!(
                    "{what} expires on {}",
                    w.expires.as_deref().unwrap_or("?")
                )),
                WaiverState::Active => {}
            }
        }
        report.strict_failure = settings.strict_waivers
            && report
                .waivers
                .iter()
                .any(|w| w.state == WaiverState::Unmatched);
    }
    Ok(report)
}
