//! The rules reference: `docs/rules/<ID>.md` and an index, generated from rule metadata.

use crate::policy::{RuleMeta, RulePack};
use std::fmt::Write as _;
use std::path::Path;

/// One rule's page (also what `moat rules show` prints).
pub fn rule_page(rule: &RuleMeta) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", rule.id, rule.title);
    let _ = writeln!(s, "- **Severity:** {}", rule.severity);
    let _ = writeln!(
        s,
        "- **Rule:** `{}` (package `{}`)",
        rule.name, rule.package
    );
    if !rule.resource_types.is_empty() {
        let _ = writeln!(
            s,
            "- **Resource types:** {}",
            rule.resource_types.join(", ")
        );
    }
    if !rule.controls.is_empty() {
        let _ = writeln!(s, "- **Controls:** {}", rule.controls.join(", "));
    }
    if !rule.requires.is_empty() {
        let _ = writeln!(
            s,
            "- **Reads:** {} (when collection of one of these is denied or fails, the rule is reported as not evaluated)",
            rule.requires.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
        );
    }
    if rule.needs_moat_input {
        let _ = writeln!(
            s,
            "- **Needs moat's input:** reads a fact only moat computes (see [input-moat.md](../input-moat.md)); under a plain Rego engine it finds nothing"
        );
    }
    if rule.latent_keeps_severity {
        let _ = writeln!(
            s,
            "- **Exposure:** its findings say whether the internet reaches the resource, and keep the rule's severity even when nothing does yet (see [exposure.md](../exposure.md))"
        );
    }
    if !rule.aliases.is_empty() {
        let _ = writeln!(s, "- **Former ids:** {}", rule.aliases.join(", "));
    }
    let _ = writeln!(s, "\n## Description\n\n{}\n", rule.description);
    let _ = writeln!(s, "## Remediation\n\n{}", rule.remediation);
    s
}

/// Every page of the reference: `(file name, text)`, index first.
pub fn rule_docs(pack: &RulePack) -> Vec<(String, String)> {
    let mut index = String::from(
        "# Rules reference\n\nGenerated from the rules' `# METADATA` blocks by `moat rules docs`; do not edit by hand.\n\n| Id | Severity | Title | Controls |\n|---|---|---|---|\n",
    );
    let mut pages = Vec::new();
    for rule in pack.rules() {
        let _ = writeln!(
            index,
            "| [{id}]({id}.md) | {} | {} | {} |",
            rule.severity,
            rule.title.replace('|', "\\|"),
            rule.controls.join(", "),
            id = rule.id
        );
        pages.push((format!("{}.md", rule.id), rule_page(rule)));
    }
    let _ = writeln!(index, "\n{} rules.", pack.rules().len());
    let mut out = vec![("README.md".to_string(), index)];
    out.extend(pages);
    out
}

/// Pages that differ from (or are missing in) `dir`, and `.md` files there that no rule has.
pub fn stale_docs(dir: &Path, pages: &[(String, String)]) -> Vec<String> {
    let mut stale: Vec<String> = pages
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| name.clone())
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && !pages.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{name} (no such rule)"));
            }
        }
    }
    stale.sort();
    stale
}
