//! Findings: a rule's `deny` entries with the rule's metadata joined in, fingerprinted and
//! ordered; and the rules a coverage gap kept from seeing their data.

use super::{NotEvaluated, PolicyError, RuleMeta, Severity};
use crate::snapshot::{CoverageEntry, CoverageStatus};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

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
    /// The offending element the rule named (a permission, a CIDR, a listener), when it
    /// named one: part of the fingerprint, and what a waiver's `element` matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// Set when a waiver suppresses the finding: it stays in every report and does not
    /// count toward the exit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<crate::gate::waivers::Suppression>,
    /// Set when the waiver that matched has expired: the finding counts again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver_expired: Option<crate::gate::waivers::Suppression>,
    /// `new` or `unchanged` against `--baseline`; unchanged findings do not gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<crate::gate::baseline::BaselineState>,
    /// For findings about what the internet could reach (world-open groups and ACL
    /// entries, public addresses, public databases): whether it does (docs/exposure.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<ExposureState>,
    /// The rule's own severity, when exposure lowered this finding's (a latent finding is at
    /// most `config.exposure.latent_max_severity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_severity: Option<Severity>,
}

/// Whether the internet reaches what a finding is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ExposureState {
    /// Some resource is reachable from the internet through it, on the finding's ports.
    Reachable,
    /// A link of some path was not read: it may be reachable (the rule's severity stands).
    Unknown,
    /// Nothing reachable depends on it today: one change (an address, a route) away.
    Latent,
}

impl ExposureState {
    pub fn as_str(self) -> &'static str {
        match self {
            ExposureState::Reachable => "reachable",
            ExposureState::Unknown => "unknown",
            ExposureState::Latent => "latent",
        }
    }
}

/// Lowers latent findings to at most `cap`, unless their rule keeps its severity; records the
/// rule's severity when it changes.
pub(crate) fn apply_exposure(f: &mut Finding, rule: &RuleMeta, cap: Severity) {
    if f.exposure == Some(ExposureState::Latent) && !rule.latent_keeps_severity {
        let capped = f.severity.max(cap);
        if capped != f.severity {
            f.rule_severity = Some(f.severity);
            f.severity = capped;
        }
    }
}

impl Finding {
    /// Whether the finding counts toward the exit code: not suppressed by a waiver, and not
    /// unchanged against the baseline.
    pub fn gates(&self) -> bool {
        self.suppressed.is_none()
            && self.baseline_state != Some(crate::gate::baseline::BaselineState::Unchanged)
    }
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
    /// Whether the internet reaches the element (`reachable`, `latent`, `unknown`).
    #[serde(default)]
    exposure: Option<ExposureState>,
}

pub(crate) fn make_finding(
    rule: &RuleMeta,
    account_id: &str,
    item: Value,
) -> Result<Finding, PolicyError> {
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
        element: raw.element,
        suppressed: None,
        waiver_expired: None,
        baseline_state: None,
        exposure: raw.exposure,
        rule_severity: None,
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

pub(crate) fn not_evaluated(rules: &[RuleMeta], coverage: &[CoverageEntry]) -> Vec<NotEvaluated> {
    let mut out = BTreeSet::new();
    for entry in coverage.iter().filter(|c| c.status != CoverageStatus::Ok) {
        let op = format!("{}:{}", entry.service, entry.operation);
        for rule in rules {
            if rule.requires.iter().any(|r| r.eq_ignore_ascii_case(&op)) {
                out.insert(NotEvaluated {
                    account_id: None,
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
