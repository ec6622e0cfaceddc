//! The terminal table: one line per finding, grouped by severity, and a summary line.

use super::ReportContext;
use crate::policy::Severity;
use comfy_table::{presets, Cell, ContentArrangement, Table};

fn paint(text: &str, severity: Severity, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match severity {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn render(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let mut out = String::new();
    let listed = super::listed(ctx);
    let accounts = super::account_rows(e);
    if !accounts.is_empty() {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(super::account_header());
        for row in accounts {
            table.add_row(row);
        }
        out.push_str(&table.to_string());
        out.push_str("\n\n");
    }
    if e.findings.is_empty() {
        out.push_str("no findings\n");
    } else if !listed.is_empty() {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(if e.accounts.len() > 1 {
                vec![
                    "Severity", "Rule", "Account", "Resource", "Region", "Message",
                ]
            } else {
                vec!["Severity", "Rule", "Resource", "Region", "Message"]
            });
        for f in &listed {
            let mut row = vec![
                Cell::new(paint(f.severity.as_str(), f.severity, ctx.color)),
                Cell::new(&f.rule_id),
            ];
            if e.accounts.len() > 1 {
                row.push(Cell::new(&f.account_id));
            }
            row.extend([
                Cell::new(short_id(&f.resource_id)),
                Cell::new(&f.region),
                Cell::new(format!("{}{}", f.message, super::gate_note(f))),
            ]);
            table.add_row(row);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    let hidden = e.findings.len() - listed.len();
    if hidden > 0 {
        out.push_str(&format!(
            "{hidden} finding(s) suppressed by waivers are not listed (--show-suppressed lists them)\n"
        ));
    }
    if !e.coverage_gaps.is_empty() {
        out.push_str("\nCould not be checked (coverage gaps):\n");
        for g in &e.coverage_gaps {
            out.push_str(&format!(
                "  {}{} {}:{} {}{}\n",
                g.account_id
                    .as_deref()
                    .map(|a| format!("{a} "))
                    .unwrap_or_default(),
                g.region,
                g.service,
                g.operation,
                serde_json::to_value(g.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                g.error_code
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ));
        }
    }
    for r in &e.rule_errors {
        out.push_str(&format!(
            "Rule {} failed and was not evaluated ({}): {}\n",
            r.rule_id,
            r.file,
            r.message.replace('\n', " ")
        ));
    }
    if !e.not_evaluated.is_empty() {
        let mut rules: Vec<&str> = e.not_evaluated.iter().map(|n| n.rule_id.as_str()).collect();
        rules.dedup();
        out.push_str(&format!(
            "Rules not evaluated for lack of data: {} ({} rule/region pairs)\n",
            rules.join(", "),
            e.not_evaluated.len()
        ));
    }
    out.push_str(&summary_line(ctx));
    out.push('\n');
    out
}

/// ARNs are long: the table shows their resource part (`listener/app/web/…`).
fn short_id(id: &str) -> &str {
    if id.starts_with("arn:") {
        id.splitn(6, ':').nth(5).unwrap_or(id)
    } else {
        id
    }
}

/// `12 findings (3 critical, 9 high) · 38 rules evaluated · 0 coverage gaps`.
pub fn summary_line(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let n = e.findings.len();
    format!(
        "Summary: {n} finding{} ({}) · {} rules evaluated · {} not evaluated · {} coverage gap{} · account {}",
        if n == 1 { "" } else { "s" },
        super::counts_phrase(e),
        super::rule_counts(e).0,
        super::rule_counts(e).1,
        e.coverage_gaps.len(),
        if e.coverage_gaps.len() == 1 { "" } else { "s" },
        e.account_label()
    )
}
