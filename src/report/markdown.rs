//! Markdown for `$GITHUB_STEP_SUMMARY` and pull-request comments.

use super::ReportContext;
use std::fmt::Write as _;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let summary = super::json::summary(ctx);
    let mut out = String::new();
    if e.accounts.len() > 1 {
        let _ = writeln!(
            out,
            "## moat: AWS network security scan of {} accounts\n",
            e.accounts.len()
        );
    } else {
        let _ = writeln!(
            out,
            "## moat: AWS network security scan of account `{}`\n",
            e.account_label()
        );
    }
    let verdict = match summary.verdict.as_str() {
        "fail" => format!(
            "**FAIL**: findings at or above `{}` ({} in all).",
            summary.fail_on,
            e.findings.len()
        ),
        "incomplete" if !e.rule_errors.is_empty() => format!(
            "**INCOMPLETE**: {} rule(s) failed and were not evaluated.",
            e.rule_errors.len()
        ),
        "incomplete" => format!(
            "**INCOMPLETE**: {} collection call(s) were denied or failed, so some rules could not be checked.",
            e.coverage_gaps.len()
        ),
        _ => format!("**PASS**: no findings at or above `{}`.", summary.fail_on),
    };
    let _ = writeln!(out, "{verdict}\n");
    let accounts = super::account_rows(e);
    if !accounts.is_empty() {
        let header = super::account_header();
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(
            out,
            "|{}",
            header
                .iter()
                .enumerate()
                .map(|(i, _)| if i >= 3 { "---:|" } else { "---|" })
                .collect::<String>()
        );
        for row in accounts {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    out.push_str("| Severity | Findings |\n|---|---:|\n");
    for (sev, n) in super::severity_counts(e) {
        let _ = writeln!(out, "| {sev} | {n} |");
    }
    if summary.suppressed > 0 {
        let _ = writeln!(
            out,
            "\n{} finding(s) suppressed by waivers (reported, not gating).",
            summary.suppressed
        );
    }
    if let Some(b) = &summary.baseline {
        let _ = writeln!(
            out,
            "\nAgainst the baseline `{}`: **{} new**, {} unchanged, {} fixed (only new findings gate).",
            b.file, b.new, b.unchanged, b.fixed
        );
    }
    let _ = writeln!(
        out,
        "\n{} rules evaluated, {} rule/region pairs not evaluated, {} coverage gaps.\n",
        super::rule_counts(e).0,
        e.not_evaluated.len(),
        e.coverage_gaps.len()
    );
    let listed = super::listed(ctx);
    if !listed.is_empty() {
        out.push_str("### Findings\n\n| Severity | Rule | Resource | Region | Message |\n|---|---|---|---|---|\n");
        for f in listed.iter().take(ctx.markdown_limit) {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} | {} |",
                f.severity,
                f.rule_id,
                cell(&f.resource_id),
                f.region,
                cell(&format!("{}{}", f.message, super::gate_note(f)))
            );
        }
        if listed.len() > ctx.markdown_limit {
            let _ = writeln!(out, "\n…and {} more.", listed.len() - ctx.markdown_limit);
        }
        out.push('\n');
    }
    let hidden = e.findings.len() - listed.len();
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} finding(s) suppressed by waivers are not listed (`--show-suppressed` lists them).\n"
        );
    }
    if !e.coverage_gaps.is_empty() || !e.not_evaluated.is_empty() || !e.rule_errors.is_empty() {
        out.push_str("### Could not be checked\n\n");
        for r in &e.rule_errors {
            let _ = writeln!(
                out,
                "- rule `{}` failed and was not evaluated: {}",
                r.rule_id,
                cell(&r.message)
            );
        }
        for g in &e.coverage_gaps {
            let _ = writeln!(
                out,
                "- {}`{}` `{}:{}`: {:?}{}",
                g.account_id
                    .as_deref()
                    .map(|a| format!("`{a}` "))
                    .unwrap_or_default(),
                g.region,
                g.service,
                g.operation,
                g.status,
                g.error_code
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            );
        }
        for n in &e.not_evaluated {
            let _ = writeln!(
                out,
                "- rule `{}` not evaluated in {}`{}` (needs `{}`)",
                n.rule_id,
                n.account_id
                    .as_deref()
                    .map(|a| format!("`{a}` "))
                    .unwrap_or_default(),
                n.region,
                n.requires
            );
        }
        out.push('\n');
    }
    out
}
