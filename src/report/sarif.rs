//! SARIF 2.1.0 for GitHub code scanning.
//!
//! GitHub's rules: every rule with short/full description, help text and markdown and a
//! `security-severity`; every result with one location whose URI is relative, a
//! `partialFingerprints` entry and the ARN in `logicalLocations`; `automationDetails.id`
//! per account; at most 25,000 results per run.

use super::{Origin, ReportContext};
use crate::policy::{Finding, RuleMeta, Severity};
use serde_json::{json, Value};

pub const GITHUB_RESULT_LIMIT: usize = 25_000;

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn pascal(name: &str) -> String {
    name.split(['_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Percent-encodes a path segment so it is safe in a relative URI.
fn encode_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_descriptor(rule: &RuleMeta) -> Value {
    let controls = if rule.controls.is_empty() {
        String::new()
    } else {
        format!("\n\n**Controls:** {}", rule.controls.join(", "))
    };
    let markdown = format!(
        "**{} ({})**\n\n{}\n\n**Remediation:** {}{}\n\nSeverity: {}.",
        rule.title, rule.id, rule.description, rule.remediation, controls, rule.severity
    );
    let text = format!(
        "{}\n\n{}\n\nRemediation: {}{}",
        rule.title,
        rule.description,
        rule.remediation,
        if rule.controls.is_empty() {
            String::new()
        } else {
            format!("\n\nControls: {}", rule.controls.join(", "))
        }
    );
    let mut tags = vec![
        "security".to_string(),
        "aws".to_string(),
        "network".to_string(),
    ];
    tags.extend(rule.controls.iter().cloned());
    json!({
        "id": rule.id,
        "name": pascal(&rule.name),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": if rule.description.is_empty() { rule.title.clone() } else { rule.description.clone() } },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "security-severity": rule.severity.security_severity(),
            "precision": "very-high",
            "problem.severity": match rule.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                _ => "recommendation",
            },
            "tags": tags,
        }
    })
}

fn location(f: &Finding, origin: &Origin, account: &str) -> Value {
    let (uri, line) = match origin {
        Origin::File { uri, lines } => {
            let line = lines
                .line_of(&f.region, &f.resource_id)
                .or_else(|| {
                    f.resource_arn
                        .as_deref()
                        .and_then(|a| lines.line_of(&f.region, a))
                })
                .or_else(|| {
                    f.resource_id
                        .split('/')
                        .next()
                        .and_then(|id| lines.line_of(&f.region, id))
                })
                .unwrap_or(1);
            (uri.clone(), line)
        }
        Origin::Live => (
            format!(
                "aws/{}/{}/{}/{}",
                encode_segment(account),
                encode_segment(&f.region),
                encode_segment(&super::service_of(&f.resource_type)),
                encode_segment(&f.resource_id)
            ),
            1,
        ),
    };
    let fqn = f
        .resource_arn
        .clone()
        .unwrap_or_else(|| format!("{}/{}/{}", account, f.region, f.resource_id));
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": { "startLine": line }
        },
        "logicalLocations": [{
            "name": f.resource_id,
            "fullyQualifiedName": fqn,
            "kind": "resource"
        }]
    })
}

/// One run per account (GitHub keeps each run's alerts apart by `automationDetails.id`).
pub fn render(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let runs: Vec<Value> = if e.accounts.is_empty() && !e.account_id.is_empty() {
        // One account's evaluation: no copy of it is needed.
        vec![run(ctx, e)]
    } else {
        e.per_account().iter().map(|e| run(ctx, e)).collect()
    };
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn run(ctx: &ReportContext, e: &crate::policy::Evaluation) -> Value {
    let rules: Vec<Value> = e.rules.iter().map(rule_descriptor).collect();
    let mut notifications: Vec<Value> = e
        .coverage_gaps
        .iter()
        .map(|g| {
            json!({
                "level": "error",
                "message": { "text": format!(
                    "coverage gap: {} {}:{} was {}{}; rules that need it were not evaluated there",
                    g.region, g.service, g.operation,
                    serde_json::to_value(g.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                    g.error_code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()
                )},
                "descriptor": { "id": "coverage-gap" },
                "properties": { "region": g.region, "service": g.service, "operation": g.operation }
            })
        })
        .collect();
    for r in &e.rule_errors {
        notifications.push(json!({
            "level": "error",
            "message": { "text": format!("rule {} ({}) failed and was not evaluated: {}", r.rule_id, r.file, r.message) },
            "descriptor": { "id": "rule-error" },
            "associatedRule": { "id": r.rule_id }
        }));
    }
    for n in &e.not_evaluated {
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!("rule {} was not evaluated in {}: {} was not read", n.rule_id, n.region, n.requires) },
            "descriptor": { "id": "not-evaluated" },
            "associatedRule": { "id": n.rule_id }
        }));
    }
    if e.findings.len() > ctx.sarif_limit {
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!(
                "{} findings exceed the {} results GitHub code scanning accepts in one run; the {} most severe are included",
                e.findings.len(), ctx.sarif_limit, ctx.sarif_limit
            )},
            "descriptor": { "id": "results-truncated" }
        }));
    }
    let results: Vec<Value> = e
        .findings
        .iter()
        .take(ctx.sarif_limit)
        .map(|f| {
            let rule_index = e.rules.iter().position(|r| r.id == f.rule_id);
            let arn = f.resource_arn.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
            let mut result = json!({
                "ruleId": f.rule_id,
                "level": level(f.severity),
                "message": { "text": format!("{} [{}{} in {}]", f.message, f.resource_id, arn, f.region) },
                "locations": [location(f, ctx.origin, &e.account_id)],
                "partialFingerprints": { "primaryLocationLineHash": f.fingerprint },
                "properties": {
                    "severity": f.severity,
                    "accountId": f.account_id,
                    "region": f.region,
                    "resourceType": f.resource_type,
                    "resourceId": f.resource_id,
                    "evidence": f.evidence,
                }
            });
            if let (Some(i), Some(obj)) = (rule_index, result.as_object_mut()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
            if let Some(props) = result["properties"].as_object_mut() {
                if let Some(x) = f.exposure {
                    props.insert("exposure".into(), json!(x));
                }
                if let Some(sev) = f.rule_severity {
                    props.insert("ruleSeverity".into(), json!(sev));
                }
            }
            if let (Some(path), Some(obj)) = (
                f.evidence.get("path").and_then(Value::as_array),
                result.as_object_mut(),
            ) {
                // The blocking-free path of an exposure, hop by hop from the internet.
                let related: Vec<Value> = path
                    .iter()
                    .enumerate()
                    .filter_map(|(i, step)| {
                        let kind = step.get("type")?.as_str()?;
                        let id = step.get("id")?.as_str()?;
                        let by: Vec<&str> = step
                            .get("by")
                            .and_then(Value::as_array)
                            .map(|b| b.iter().filter_map(Value::as_str).collect())
                            .unwrap_or_default();
                        let text = if by.is_empty() {
                            format!("{}. {kind} {id}", i + 1)
                        } else {
                            format!("{}. {kind} {id}: {}", i + 1, by.join("; "))
                        };
                        Some(json!({
                            "id": i,
                            "message": { "text": text },
                            "logicalLocations": [{ "name": id, "kind": "resource" }]
                        }))
                    })
                    .collect();
                if !related.is_empty() {
                    obj.insert("relatedLocations".into(), Value::Array(related));
                }
            }
            if let Some(obj) = result.as_object_mut() {
                // A waiver is an external suppression: GitHub shows the alert as dismissed,
                // with the waiver's reason.
                if let Some(w) = &f.suppressed {
                    let mut justification = w.reason.clone();
                    if let Some(d) = &w.expires {
                        justification.push_str(&format!(" (waiver until {d}, {})", w.waiver));
                    }
                    obj.insert(
                        "suppressions".into(),
                        json!([{ "kind": "external", "status": "accepted", "justification": justification }]),
                    );
                }
                if let Some(state) = f.baseline_state {
                    obj.insert("baselineState".into(), json!(state));
                }
            }
            result
        })
        .collect();
    json!({
            "tool": { "driver": {
                "name": "moat",
                "version": crate::VERSION,
                "semanticVersion": crate::VERSION,
                "informationUri": "https://github.com/securecart/moat",
                "rules": rules,
            }},
            "automationDetails": { "id": format!("moat/{}/", e.account_id) },
            "invocations": [{
                "executionSuccessful": e.coverage_gaps.is_empty() && e.rule_errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
    })
}
