//! Reports: one small emitter per format behind one function, all fed the same evaluation.

mod docs;
pub mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod table;

pub use docs::{
    practices, practices_table, readme_with_practices, rule_docs, rule_page, stale_docs,
};
pub use json::{
    report as json_report, schema_pretty as json_schema_pretty, summary, JsonReport, Summary,
};

use crate::policy::{Evaluation, Severity};
use crate::snapshot::locate::ResourceLines;
use crate::verdict::{FailOn, Verdict};
use std::path::PathBuf;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Sarif,
    /// JUnit XML for CI test tabs.
    Junit,
    /// One self-contained HTML file to open and share.
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Html => "html",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "markdown" | "md" => Ok(Format::Markdown),
            "sarif" => Ok(Format::Sarif),
            "junit" => Ok(Format::Junit),
            "html" => Ok(Format::Html),
            _ => Err(format!(
                "unknown format {s:?}; expected table, json, markdown, sarif, junit or html"
            )),
        }
    }
}

/// Where the scanned data came from; SARIF locations depend on it.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A snapshot file: `uri` is its path relative to the SARIF root.
    File { uri: String, lines: ResourceLines },
    /// A live scan: locations are virtual paths `aws/<account>/<region>/<service>/<id>`.
    Live,
}

/// Everything an emitter needs.
pub struct ReportContext<'a> {
    pub evaluation: &'a Evaluation,
    pub origin: &'a Origin,
    /// The gate's verdict, computed once (see [`ReportContext::with_gate`]).
    pub verdict: Verdict,
    /// Colour in the table (only on a TTY, never with `NO_COLOR`).
    pub color: bool,
    /// Rows shown in Markdown before "and N more".
    pub markdown_limit: usize,
    /// Results SARIF keeps (GitHub accepts 25,000 per run).
    pub sarif_limit: usize,
    /// List suppressed findings in the table and Markdown (JSON and SARIF always do).
    pub show_suppressed: bool,
    /// The run's `--shard`, recorded in the JSON report for `moat merge`.
    pub shard: Option<crate::accounts::Shard>,
}

impl<'a> ReportContext<'a> {
    /// A context under the default gate (`--fail-on low`, gaps not allowed).
    pub fn new(evaluation: &'a Evaluation, origin: &'a Origin) -> Self {
        Self::with_gate(evaluation, origin, FailOn::default(), false)
    }

    /// A context under the gate `fail_on` / `allow_gaps`.
    pub fn with_gate(
        evaluation: &'a Evaluation,
        origin: &'a Origin,
        fail_on: FailOn,
        allow_gaps: bool,
    ) -> Self {
        ReportContext {
            evaluation,
            origin,
            verdict: Verdict::of(evaluation, fail_on, allow_gaps),
            color: false,
            markdown_limit: 100,
            sarif_limit: sarif::GITHUB_RESULT_LIMIT,
            show_suppressed: false,
            shard: None,
        }
    }
}

/// Renders one format.
pub fn render(format: Format, ctx: &ReportContext) -> String {
    match format {
        Format::Table => table::render(ctx),
        Format::Json => json::render(ctx),
        Format::Markdown => markdown::render(ctx),
        Format::Sarif => sarif::render(ctx),
        Format::Junit => junit::render(ctx),
        Format::Html => html::render(ctx),
    }
}

/// One requested output: a format and where it goes (`None`: stdout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;
    /// `FORMAT` or `FORMAT=PATH`.
    fn from_str(s: &str) -> Result<Self, String> {
        let (fmt, path) = match s.split_once('=') {
            Some((f, p)) if !p.is_empty() => (f, Some(PathBuf::from(p))),
            Some((_, _)) => return Err(format!("{s:?}: expected FORMAT=PATH with a path")),
            None => (s, None),
        };
        Ok(OutputSpec {
            format: fmt.parse()?,
            path,
        })
    }
}

/// `(rules evaluated, rules not evaluated)`: they add up to the rules of the scan. A rule not
/// evaluated in one region of several (a coverage gap there), or that failed to run, counts
/// as not evaluated; its findings in the regions it could see are still reported.
pub fn rule_counts(evaluation: &Evaluation) -> (usize, usize) {
    let mut blind: std::collections::BTreeSet<&str> = evaluation
        .not_evaluated
        .iter()
        .map(|n| n.rule_id.as_str())
        .collect();
    blind.extend(evaluation.rule_errors.iter().map(|r| r.rule_id.as_str()));
    let total = evaluation.rules.len();
    (total - blind.len().min(total), blind.len().min(total))
}

/// Counts per severity, in severity order.
pub fn severity_counts(evaluation: &Evaluation) -> Vec<(Severity, usize)> {
    Severity::ALL
        .iter()
        .map(|s| {
            (
                *s,
                evaluation
                    .findings
                    .iter()
                    .filter(|f| f.severity == *s)
                    .count(),
            )
        })
        .collect()
}

/// "3 critical, 1 high" (only the non-zero ones), or "none".
pub fn counts_phrase(evaluation: &Evaluation) -> String {
    let parts: Vec<String> = severity_counts(evaluation)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    let mut phrase = if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    };
    let suppressed = evaluation
        .findings
        .iter()
        .filter(|f| f.suppressed.is_some())
        .count();
    if suppressed > 0 {
        phrase.push_str(&format!("; {suppressed} suppressed by waivers"));
    }
    if let Some(b) = &evaluation.gate.baseline {
        phrase.push_str(&format!(
            "; against the baseline: {} new, {} unchanged, {} fixed",
            b.new, b.unchanged, b.fixed
        ));
    }
    phrase
}

/// What a finding's gate marks add to its message in the table and Markdown: a waiver that
/// suppresses it (when suppressed findings are listed), a waiver that expired, or that the
/// baseline already had it.
pub fn gate_note(f: &crate::policy::Finding) -> String {
    let mut notes = Vec::new();
    if let Some(x) = f.exposure {
        notes.push(match f.rule_severity {
            Some(sev) => format!("{}: {sev} if reachable", x.as_str()),
            None => x.as_str().to_string(),
        });
    }
    if let Some(w) = &f.suppressed {
        notes.push(match &w.expires {
            Some(d) => format!("suppressed until {d}: {}", w.reason),
            None => format!("suppressed: {}", w.reason),
        });
    }
    if let Some(w) = &f.waiver_expired {
        notes.push(format!(
            "waiver expired on {}",
            w.expires.as_deref().unwrap_or("?")
        ));
    }
    if f.baseline_state == Some(crate::gate::baseline::BaselineState::Unchanged) {
        notes.push("unchanged since the baseline".to_string());
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" [{}]", notes.join("; "))
    }
}

/// The findings the table and Markdown list: all, or all but the suppressed ones; those
/// about something the internet reaches first, then in the findings' order.
pub fn listed<'a>(ctx: &'a ReportContext) -> Vec<&'a crate::policy::Finding> {
    let mut out: Vec<&crate::policy::Finding> = ctx
        .evaluation
        .findings
        .iter()
        .filter(|f| ctx.show_suppressed || f.suppressed.is_none())
        .collect();
    out.sort_by_key(|f| f.exposure != Some(crate::policy::ExposureState::Reachable));
    out
}

/// The service a resource type belongs to, for virtual paths (`AWS::EC2::VPC` → `ec2`).
pub fn service_of(resource_type: &str) -> String {
    let svc = resource_type
        .split("::")
        .nth(1)
        .unwrap_or("aws")
        .to_ascii_lowercase();
    match svc.as_str() {
        "elasticloadbalancingv2" => "elbv2".to_string(),
        _ => svc,
    }
}

/// One row per account of an evaluation over several accounts (none for one account's):
/// account, alias, status, regions, findings per severity (critical, high, medium, low,
/// info) and coverage gaps.
pub fn account_rows(evaluation: &Evaluation) -> Vec<Vec<String>> {
    if evaluation.accounts.is_empty() {
        return Vec::new();
    }
    evaluation
        .accounts
        .iter()
        .map(|a| {
            let mut row = vec![
                a.account_id.clone(),
                a.alias.clone().unwrap_or_default(),
                match a.status {
                    crate::policy::AccountStatus::Scanned => "scanned".to_string(),
                    crate::policy::AccountStatus::Failed => {
                        format!("failed: {}", a.message.as_deref().unwrap_or("not read"))
                    }
                },
                a.regions.len().to_string(),
            ];
            for s in Severity::ALL.iter() {
                row.push(
                    evaluation
                        .findings
                        .iter()
                        .filter(|f| f.account_id == a.account_id && f.severity == *s)
                        .count()
                        .to_string(),
                );
            }
            row.push(
                evaluation
                    .coverage_gaps
                    .iter()
                    .filter(|g| g.account_id.as_deref() == Some(a.account_id.as_str()))
                    .count()
                    .to_string(),
            );
            row
        })
        .collect()
}

/// The header of [`account_rows`].
pub fn account_header() -> Vec<String> {
    let mut h: Vec<String> = ["Account", "Alias", "Status", "Regions"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    h.extend(Severity::ALL.iter().map(|s| s.as_str().to_string()));
    h.push("Coverage gaps".to_string());
    h
}
