//! Baselines: an earlier moat report (JSON or SARIF) whose findings are known. Findings whose
//! fingerprint it holds are `unchanged` and do not gate; only `new` ones do.

use crate::policy::Finding;
use anyhow::{bail, Context, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// `new` or `unchanged` against the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BaselineState {
    New,
    Unchanged,
}

/// The findings of an earlier report.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub path: String,
    pub fingerprints: BTreeSet<String>,
    /// The account the report is of (JSON reports say it; SARIF may not).
    pub account_id: Option<String>,
    /// The moat version that wrote it.
    pub tool_version: Option<String>,
}

/// Counts against the baseline, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaselineSummary {
    /// The baseline file.
    pub file: String,
    pub new: usize,
    pub unchanged: usize,
    /// In the baseline, and not found now.
    pub fixed: usize,
}

impl Baseline {
    /// Reads a moat JSON report (`moat/findings/v1`) or a SARIF log moat wrote.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the baseline {}", path.display()))?;
        Self::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, name: &str) -> Result<Baseline> {
        let doc: Value = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{name}:{}:{}: the baseline is not JSON: {e}",
                e.line(),
                e.column()
            )
        })?;
        let strings = |items: &[Value], key: &dyn Fn(&Value) -> Option<&str>| -> BTreeSet<String> {
            items
                .iter()
                .filter_map(|i| key(i).map(str::to_string))
                .collect()
        };
        if doc["format"] == "moat/findings/v1" {
            let findings = doc["findings"].as_array().map(Vec::as_slice).unwrap_or(&[]);
            return Ok(Baseline {
                path: name.to_string(),
                fingerprints: strings(findings, &|f| f["fingerprint"].as_str()),
                account_id: doc["account_id"].as_str().map(str::to_string),
                tool_version: doc["tool"]["version"].as_str().map(str::to_string),
            });
        }
        if let Some(runs) = doc["runs"].as_array() {
            let moat: Vec<&Value> = runs
                .iter()
                .filter(|r| r["tool"]["driver"]["name"] == "moat")
                .collect();
            if moat.is_empty() {
                bail!("{name}: a SARIF log without a moat run cannot be a moat baseline");
            }
            let mut fingerprints = BTreeSet::new();
            for run in &moat {
                let results = run["results"].as_array().map(Vec::as_slice).unwrap_or(&[]);
                fingerprints.extend(strings(results, &|r| {
                    r["partialFingerprints"]["primaryLocationLineHash"].as_str()
                }));
            }
            return Ok(Baseline {
                path: name.to_string(),
                fingerprints,
                // automationDetails.id is `moat/<account>/`.
                account_id: moat[0]["automationDetails"]["id"]
                    .as_str()
                    .and_then(|id| id.strip_prefix("moat/"))
                    .map(|a| a.trim_end_matches('/').to_string())
                    .filter(|a| !a.is_empty()),
                tool_version: moat[0]["tool"]["driver"]["version"]
                    .as_str()
                    .map(str::to_string),
            });
        }
        bail!("{name}: not a moat report: expected a JSON report (`moat scan --format json`, format moat/findings/v1) or a SARIF log moat wrote")
    }

    /// Marks each finding `new` or `unchanged` and counts the fixed ones.
    pub fn apply(&self, findings: &mut [Finding]) -> BaselineSummary {
        let mut seen = BTreeSet::new();
        let mut summary = BaselineSummary {
            file: self.path.clone(),
            ..Default::default()
        };
        for f in findings.iter_mut() {
            if self.fingerprints.contains(&f.fingerprint) {
                seen.insert(f.fingerprint.as_str());
                f.baseline_state = Some(BaselineState::Unchanged);
                summary.unchanged += 1;
            } else {
                f.baseline_state = Some(BaselineState::New);
                summary.new += 1;
            }
        }
        summary.fixed = self.fingerprints.len() - seen.len();
        summary
    }
}
