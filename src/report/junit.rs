//! JUnit XML for the test tabs of GitLab, Jenkins and Azure DevOps: one test case per rule of
//! the scan, failed by the findings that fail the gate (each listed), skipped when the rule
//! was not evaluated (a coverage gap, or a rule that failed to run), passed otherwise.
//! Findings below `--fail-on`, suppressed by a waiver or unchanged against the baseline do not
//! fail a test case; they are listed in its system-out.

use super::ReportContext;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let mut by_rule: BTreeMap<&str, Vec<&crate::policy::Finding>> = BTreeMap::new();
    for f in &e.findings {
        by_rule.entry(f.rule_id.as_str()).or_default().push(f);
    }
    let mut blind: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for n in &e.not_evaluated {
        blind.entry(n.rule_id.as_str()).or_default().push(format!(
            "not evaluated in {}: {} was {}",
            n.region,
            n.requires,
            serde_json::to_value(n.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ));
    }
    for r in &e.rule_errors {
        blind
            .entry(r.rule_id.as_str())
            .or_default()
            .push(format!("failed to run: {}", r.message));
    }
    let mut cases = String::new();
    let (mut failures, mut skipped) = (0, 0);
    let suite = if e.accounts.len() > 1 {
        "moat.accounts".to_string()
    } else {
        format!("moat.{}", e.account_label())
    };
    for rule in &e.rules {
        let findings = by_rule.get(rule.id.as_str()).cloned().unwrap_or_default();
        // A finding fails its test case when it would fail the gate: not suppressed, not
        // unchanged against the baseline, at or above --fail-on. The rest are listed.
        let threshold = ctx.verdict.fail_on.threshold();
        let (gating, marked): (Vec<&crate::policy::Finding>, Vec<&crate::policy::Finding>) =
            findings
                .iter()
                .copied()
                .partition(|f| f.gates() && threshold.is_some_and(|t| f.severity.at_least(t)));
        let _ = writeln!(
            cases,
            "    <testcase classname=\"{}\" name=\"{}: {}\">",
            esc(&suite),
            esc(&rule.id),
            esc(&rule.title)
        );
        let line = |f: &crate::policy::Finding| {
            format!(
                "[{}] {} {} {}: {}{}",
                f.severity,
                f.region,
                f.resource_id,
                f.fingerprint,
                f.message,
                super::gate_note(f)
            )
        };
        if let Some(reasons) = blind.get(rule.id.as_str()) {
            skipped += 1;
            let regions: BTreeSet<&String> = reasons.iter().collect();
            let _ = writeln!(
                cases,
                "      <skipped message=\"{}\"/>",
                esc(&regions.into_iter().cloned().collect::<Vec<_>>().join("; "))
            );
        }
        if !gating.is_empty() {
            failures += 1;
            let _ = writeln!(
                cases,
                "      <failure message=\"{} finding(s)\" type=\"{}\">{}</failure>",
                gating.len(),
                esc(rule.severity.as_str()),
                esc(&gating
                    .iter()
                    .map(|f| line(f))
                    .collect::<Vec<_>>()
                    .join("\n"))
            );
        }
        if !marked.is_empty() {
            let _ = writeln!(
                cases,
                "      <system-out>{}</system-out>",
                esc(&marked
                    .iter()
                    .map(|f| line(f))
                    .collect::<Vec<_>>()
                    .join("\n"))
            );
        }
        cases.push_str("    </testcase>\n");
    }
    let tests = e.rules.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        out,
        "<testsuites name=\"moat\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n{cases}  </testsuite>\n</testsuites>\n",
        esc(&suite)
    );
    out
}
