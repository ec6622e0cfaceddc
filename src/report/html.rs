//! The HTML report: one self-contained file (styles, script and the exposure map inline,
//! nothing fetched), readable with JavaScript off, which adds filters, search and sorting.
//!
//! Every value from the account or the snapshot goes through [`esc`] (element text and
//! attribute values alike); the script's data is JSON in a `<script type="application/json">`
//! block with `<`, `>` and `&` escaped, never concatenated into code. A Content-Security-Policy
//! allows only the inline style and script, by hash.

use super::ReportContext;
use crate::policy::exposure::ExposureReport;
use crate::policy::{Finding, Severity};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const STYLE: &str = include_str!("html/report.css");
/// Paths the exposure map draws, and rows its table lists, at most.
const MAP_PATHS: usize = 60;
const TABLE_ROWS: usize = 500;
const SCRIPT: &str = include_str!("html/report.js");

/// Escapes text for an HTML element or a quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside a `<script type="application/json">` block: no `<`, `>` or `&` can end
/// the block or open a comment.
fn script_json(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The CSP source of an inline block: `'sha256-…'`.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

fn state(f: &Finding) -> &'static str {
    if f.suppressed.is_some() {
        "suppressed"
    } else if f.baseline_state == Some(crate::gate::baseline::BaselineState::Unchanged) {
        "unchanged"
    } else if f.baseline_state == Some(crate::gate::baseline::BaselineState::New) {
        "new"
    } else {
        "open"
    }
}

fn sev_rank(s: Severity) -> usize {
    Severity::ALL.iter().position(|x| *x == s).unwrap_or(9)
}

/// The rule's documentation page.
fn docs_url(rule_id: &str) -> String {
    format!(
        "{}/blob/main/docs/rules/{rule_id}.md",
        env!("CARGO_PKG_REPOSITORY")
    )
}

pub fn render(ctx: &ReportContext) -> String {
    let e = ctx.evaluation;
    let v = &ctx.verdict;
    let mut h = String::with_capacity(4096 + e.findings.len() * 1500);
    let accounts: BTreeSet<&str> = std::iter::once(e.account_id.as_str())
        .chain(e.accounts.iter().map(|a| a.account_id.as_str()))
        .chain(e.findings.iter().map(|f| f.account_id.as_str()))
        .filter(|a| !a.is_empty())
        .collect();
    let title = if accounts.len() > 3 {
        format!("moat report: {} accounts", accounts.len())
    } else {
        format!(
            "moat report: account {}",
            accounts.iter().copied().collect::<Vec<_>>().join(", ")
        )
    };
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&csp),
        esc(&title)
    );

    // Header: what was scanned, when, by what, and the verdict.
    let pass = v.exit_code() == 0;
    let _ = write!(
        h,
        "<header>\n<h1>moat network review</h1>\n<p class=\"verdict {}\" id=\"verdict\">{}</p>\n<dl class=\"facts\">\n",
        if pass { "pass" } else { "fail" },
        esc(
            v.line(e)
                .strip_prefix("moat: ")
                .unwrap_or(&v.line(e))
        )
    );
    let fact = |h: &mut String, k: &str, val: &str| {
        let _ = writeln!(h, "<div><dt>{}</dt><dd>{}</dd></div>", esc(k), esc(val));
    };
    let account = match &e.scanned.account_alias {
        Some(a) => format!(
            "{} ({a})",
            accounts.iter().copied().collect::<Vec<_>>().join(", ")
        ),
        None => accounts.iter().copied().collect::<Vec<_>>().join(", "),
    };
    fact(&mut h, "Account", &account);
    // Several accounts: each one's status and findings first.
    let rows = super::account_rows(e);
    if !rows.is_empty() {
        h.push_str("</dl>\n<table class=\"accounts\">\n<thead><tr>");
        for c in super::account_header() {
            let _ = write!(h, "<th>{}</th>", esc(&c));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            h.push_str("<tr>");
            for c in row {
                let _ = write!(h, "<td>{}</td>", esc(&c));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n<dl class=\"facts\">\n");
    }
    fact(&mut h, "Regions", &e.scanned.regions.join(", "));
    fact(&mut h, "Collected at", &e.scanned.collected_at);
    fact(
        &mut h,
        "moat",
        &format!(
            "{} · rule pack of {} rules",
            env!("CARGO_PKG_VERSION"),
            e.rules.len()
        ),
    );
    fact(
        &mut h,
        "Gate",
        &match ctx.verdict.fail_on {
            crate::verdict::FailOn::Never => "never fails on findings".to_string(),
            f => format!("fails on findings at or above {f}"),
        },
    );
    h.push_str("</dl>\n<ul class=\"counts\">\n");
    for sev in Severity::ALL {
        let n = e.findings.iter().filter(|f| f.severity == sev).count();
        let _ = writeln!(
            h,
            "<li class=\"sev-{s}\"><span class=\"n\">{n}</span> {s}</li>",
            s = sev.as_str()
        );
    }
    let _ = writeln!(
        h,
        "<li class=\"gaps\"><span class=\"n\">{}</span> coverage gaps</li>\n<li class=\"gaps\"><span class=\"n\">{}</span> rules not evaluated</li>\n</ul>\n</header>",
        e.coverage_gaps.len(),
        e.not_evaluated
            .iter()
            .map(|n| n.rule_id.as_str())
            .chain(e.rule_errors.iter().map(|r| r.rule_id.as_str()))
            .collect::<BTreeSet<_>>()
            .len()
    );
    h.push_str("<nav><a href=\"#findings\">Findings</a> <a href=\"#coverage\">Coverage</a> <a href=\"#compliance\">Compliance</a> <a href=\"#exposure\">Exposure</a></nav>\n<main>\n");

    coverage(&mut h, ctx);
    findings(&mut h, ctx);
    compliance(&mut h, ctx);
    exposure_map(&mut h, &e.exposure);

    // The script's data: the facets it offers as filters.
    let mut facets: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in &e.findings {
        facets
            .entry("severity")
            .or_default()
            .insert(f.severity.as_str().into());
        facets.entry("rule").or_default().insert(f.rule_id.clone());
        facets.entry("region").or_default().insert(f.region.clone());
        facets
            .entry("type")
            .or_default()
            .insert(f.resource_type.clone());
        facets
            .entry("account")
            .or_default()
            .insert(f.account_id.clone());
        facets.entry("exposure").or_default().insert(
            f.exposure
                .map(|x| x.as_str().to_string())
                .unwrap_or_else(|| "-".into()),
        );
        facets.entry("state").or_default().insert(state(f).into());
    }
    let data = json!({
        "total": e.findings.len(),
        "facets": facets,
        "severityOrder": Severity::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    });
    let _ = write!(
        h,
        "</main>\n<footer>Generated by moat {}. Every value from the account is shown as text.</footer>\n\
         <script type=\"application/json\" id=\"moat-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        script_json(&data)
    );
    h
}

fn coverage(h: &mut String, ctx: &ReportContext) {
    let e = ctx.evaluation;
    h.push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
    if e.coverage_gaps.is_empty() && e.not_evaluated.is_empty() && e.rule_errors.is_empty() {
        h.push_str("<p>Every API call was made and every rule was evaluated.</p>\n");
    } else {
        h.push_str("<ul class=\"gaps-list\">\n");
        for g in &e.coverage_gaps {
            let status = serde_json::to_value(g.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<li class=\"gap\">Coverage gap: {} <code>{}:{}</code> was {}{}: rules that need it were not evaluated there.</li>",
                esc(&g.region),
                esc(&g.service),
                esc(&g.operation),
                esc(&status),
                g.error_code
                    .as_deref()
                    .map(|c| format!(" ({})", esc(c)))
                    .unwrap_or_default()
            );
        }
        for n in &e.not_evaluated {
            let _ = writeln!(
                h,
                "<li class=\"not-evaluated\" data-rule=\"{}\">Rule {} ({}) was not evaluated in {}: <code>{}</code> was not read.</li>",
                esc(&n.rule_id),
                esc(&n.rule_id),
                esc(&n.title),
                esc(&n.region),
                esc(&n.requires)
            );
        }
        for r in &e.rule_errors {
            let _ = writeln!(
                h,
                "<li class=\"rule-error\" data-rule=\"{}\">Rule {} failed and was not evaluated ({}): {}</li>",
                esc(&r.rule_id),
                esc(&r.rule_id),
                esc(&r.file),
                esc(&r.message)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn findings(h: &mut String, ctx: &ReportContext) {
    let e = ctx.evaluation;
    let _ = write!(
        h,
        "<section id=\"findings\">\n<h2>Findings</h2>\n\
         <div id=\"controls\" class=\"controls\" hidden></div>\n\
         <p class=\"shown\">Showing <output id=\"shown\">{n}</output> of {n} findings.</p>\n",
        n = e.findings.len()
    );
    if e.findings.is_empty() {
        h.push_str("<p>No findings.</p>\n</section>\n");
        return;
    }
    h.push_str(
        "<table id=\"findings-table\">\n<thead><tr>\
         <th scope=\"col\" data-key=\"sevrank\">Severity</th><th scope=\"col\" data-key=\"rule\">Rule</th>\
         <th scope=\"col\" data-key=\"resource\">Resource</th><th scope=\"col\" data-key=\"type\">Type</th>\
         <th scope=\"col\" data-key=\"region\">Region</th><th scope=\"col\" data-key=\"account\">Account</th>\
         <th scope=\"col\" data-key=\"exposure\">Exposure</th><th scope=\"col\" data-key=\"state\">State</th>\
         <th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n",
    );
    for f in &e.findings {
        let exposure = f.exposure.map(|x| x.as_str()).unwrap_or("-");
        let st = state(f);
        let _ = write!(
            h,
            "<tr class=\"finding sev-{sev}\" data-fingerprint=\"{fp}\" data-rule=\"{rule}\" data-severity=\"{sev}\" \
             data-sevrank=\"{rank}\" data-region=\"{region}\" data-type=\"{ty}\" data-account=\"{acct}\" \
             data-exposure=\"{exposure}\" data-state=\"{st}\" data-resource=\"{res}\">\
             <td><span class=\"sev\">{sev}</span></td><td><a href=\"{docs}\">{rule}</a></td><td class=\"res\">{res}</td>\
             <td>{ty}</td><td>{region}</td><td>{acct}</td><td class=\"x-{exposure}\">{exposure}</td><td>{st}</td>\
             <td><details><summary>{msg}</summary><div class=\"detail\">",
            sev = f.severity.as_str(),
            rank = sev_rank(f.severity),
            fp = esc(&f.fingerprint),
            rule = esc(&f.rule_id),
            region = esc(&f.region),
            ty = esc(&f.resource_type),
            acct = esc(&f.account_id),
            res = esc(&f.resource_id),
            docs = esc(&docs_url(&f.rule_id)),
            msg = esc(&f.message),
        );
        let _ = writeln!(h, "\n<p class=\"title\">{}</p>", esc(&f.title));
        if let Some(arn) = &f.resource_arn {
            let _ = writeln!(h, "<p>ARN: <code>{}</code></p>", esc(arn));
        }
        if let Some(sev) = f.rule_severity {
            let _ = writeln!(
                h,
                "<p>Exposure: {exposure}; the rule's severity is {sev}, lowered because nothing reachable from the internet depends on it.</p>"
            );
        }
        if let Some(w) = &f.suppressed {
            let _ = writeln!(
                h,
                "<p>Suppressed by a waiver{}: {}</p>",
                w.expires
                    .as_deref()
                    .map(|d| format!(" until {}", esc(d)))
                    .unwrap_or_default(),
                esc(&w.reason)
            );
        }
        let evidence = serde_json::to_string_pretty(&f.evidence).unwrap_or_default();
        let _ = writeln!(
            h,
            "<h4>Evidence</h4><pre>{}</pre>\n<h4>Remediation</h4><p class=\"remediation\">{}</p>",
            esc(&evidence),
            esc(&f.remediation)
        );
        if !f.controls.is_empty() {
            let _ = writeln!(h, "<h4>Controls</h4><p>{}</p>", esc(&f.controls.join(", ")));
        }
        let _ = writeln!(
            h,
            "<p class=\"meta\">Fingerprint <code>{}</code> · <a href=\"{}\">rule documentation</a></p>\n</div></details></td></tr>",
            esc(&f.fingerprint),
            esc(&docs_url(&f.rule_id))
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// A framework's controls: control → (rule id, rule state).
type Controls<'a> = BTreeMap<&'a str, Vec<(&'a str, &'a str)>>;

/// A grid position in the exposure map: (column, row).
type Cell = (usize, usize);

/// Per framework, each control with the rules that check it and their state.
fn compliance(h: &mut String, ctx: &ReportContext) {
    let e = ctx.evaluation;
    let failing: BTreeSet<&str> = e
        .findings
        .iter()
        .filter(|f| f.gates())
        .map(|f| f.rule_id.as_str())
        .collect();
    let blind: BTreeSet<&str> = e
        .not_evaluated
        .iter()
        .map(|n| n.rule_id.as_str())
        .chain(e.rule_errors.iter().map(|r| r.rule_id.as_str()))
        .collect();
    // framework -> control -> [(rule, state)]
    let mut by: BTreeMap<&str, Controls> = BTreeMap::new();
    for r in &e.rules {
        let st = if failing.contains(r.id.as_str()) {
            "failing"
        } else if blind.contains(r.id.as_str()) {
            "not evaluated"
        } else {
            "passing"
        };
        for c in &r.controls {
            let (fw, control) = c.split_once(' ').unwrap_or((c.as_str(), ""));
            by.entry(fw)
                .or_default()
                .entry(control)
                .or_default()
                .push((r.id.as_str(), st));
        }
    }
    h.push_str("<section id=\"compliance\">\n<h2>Compliance</h2>\n");
    for (fw, controls) in &by {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<table class=\"compliance\"><thead><tr><th scope=\"col\">Control</th><th scope=\"col\">State</th><th scope=\"col\">Rules</th></tr></thead><tbody>",
            esc(fw)
        );
        let mut ordered: Vec<(&&str, &Vec<(&str, &str)>)> = controls.iter().collect();
        ordered.sort_by_key(|(c, _)| natural_key(c));
        for (control, rules) in ordered {
            let st = if rules.iter().any(|(_, s)| *s == "failing") {
                "failing"
            } else if rules.iter().any(|(_, s)| *s == "not evaluated") {
                "not evaluated"
            } else {
                "passing"
            };
            let list: Vec<String> = rules
                .iter()
                .map(|(id, s)| {
                    format!(
                        "<span class=\"rule-state st-{}\">{} ({})</span>",
                        s.replace(' ', "-"),
                        esc(id),
                        s
                    )
                })
                .collect();
            let _ = writeln!(
                h,
                "<tr class=\"st-{}\"><td>{}</td><td>{st}</td><td>{}</td></tr>",
                st.replace(' ', "-"),
                esc(control),
                list.join(" ")
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

/// A sort key in which `EC2.2` comes before `EC2.10`: runs of digits compare as numbers.
fn natural_key(s: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut num: Option<u64> = None;
    for c in s.chars() {
        match (c.to_digit(10), num) {
            (Some(d), Some(n)) => num = Some(n.saturating_mul(10).saturating_add(u64::from(d))),
            (Some(d), None) => {
                out.push((0, std::mem::take(&mut text)));
                num = Some(u64::from(d));
            }
            (None, Some(n)) => {
                out.push((n, String::new()));
                num = None;
                text.push(c);
            }
            (None, None) => text.push(c),
        }
    }
    if let Some(n) = num {
        out.push((n, String::new()));
    }
    out.push((0, text));
    out
}

/// The internet paths as an inline SVG: one column per hop (internet, gateway, route
/// table, ACL, groups, load balancer, …, resource), one box per element, one line per hop.
fn exposure_map(h: &mut String, x: &ExposureReport) {
    h.push_str("<section id=\"exposure\">\n<h2>Exposure</h2>\n");
    let _ = writeln!(
        h,
        "<p>{} reachable resource/protocol pairs; {} resources whose reachability could not be decided.</p>",
        x.exposures.len(),
        x.unknown.len()
    );
    // Direct exposures first (what the internet reaches by its own address), then those
    // through load balancers; the map and the table are capped so that a large account's
    // report stays small and opens fast (`moat exposure --format json` lists everything).
    let mut ordered: Vec<&crate::policy::exposure::Exposure> = x.exposures.iter().collect();
    ordered.sort_by_key(|e| e.via != "direct");
    if ordered.len() > MAP_PATHS {
        let _ = writeln!(
            h,
            "<p class=\"capped\">The map draws the first {MAP_PATHS} paths and the table lists the first {TABLE_ROWS}, direct ones first; <code>moat exposure --format json</code> lists all {}.</p>",
            ordered.len()
        );
    }
    if !x.exposures.is_empty() {
        // Columns: 0 = internet, then each step of each path.
        let mut columns: Vec<Vec<String>> = vec![vec!["internet".into()]];
        let mut pos: BTreeMap<(usize, String), usize> = BTreeMap::new();
        pos.insert((0, "internet".into()), 0);
        let mut edges: BTreeSet<(Cell, Cell, String)> = BTreeSet::new();
        for e in ordered.iter().take(MAP_PATHS) {
            let mut prev: Cell = (0, 0);
            for (i, step) in e.path.iter().enumerate() {
                let col = i + 1;
                let last = i + 1 == e.path.len();
                let label = if last {
                    format!("{} {}", e.resource_id, e.region)
                } else {
                    format!("{} {}", step.kind, step.id)
                };
                if columns.len() <= col {
                    columns.push(Vec::new());
                }
                let row = *pos.entry((col, label.clone())).or_insert_with(|| {
                    columns[col].push(label.clone());
                    columns[col].len() - 1
                });
                let ports = if last {
                    format!("{} {}", e.protocol, e.ports_text(","))
                } else {
                    String::new()
                };
                edges.insert((prev, (col, row), ports));
                prev = (col, row);
            }
        }
        let (cw, rh, bw, bh) = (230usize, 46usize, 200usize, 34usize);
        let rows = columns.iter().map(Vec::len).max().unwrap_or(1);
        let (w, ht) = (columns.len() * cw + 20, rows * rh + 20);
        let at = |(c, r): Cell| (10 + c * cw, 10 + r * rh);
        let _ = writeln!(
            h,
            "<div class=\"map\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Internet paths\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\">"
        );
        for (a, b, ports) in &edges {
            let (x1, y1) = at(*a);
            let (x2, y2) = at(*b);
            let _ = writeln!(
                h,
                "<line class=\"edge\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                x1 + bw,
                y1 + bh / 2,
                x2,
                y2 + bh / 2
            );
            if !ports.is_empty() {
                let _ = writeln!(
                    h,
                    "<text class=\"ports\" x=\"{}\" y=\"{}\">{}</text>",
                    x2 - 26,
                    y2 + bh / 2 - 4,
                    esc(ports)
                );
            }
        }
        for (c, col) in columns.iter().enumerate() {
            for (r, label) in col.iter().enumerate() {
                let (x0, y0) = at((c, r));
                let short: String = if label.chars().count() > 30 {
                    format!("{}…", label.chars().take(29).collect::<String>())
                } else {
                    label.clone()
                };
                let _ = writeln!(
                    h,
                    "<g class=\"node{}\"><title>{}</title><rect x=\"{x0}\" y=\"{y0}\" width=\"{bw}\" height=\"{bh}\" rx=\"6\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
                    if c == 0 { " internet" } else { "" },
                    esc(label),
                    x0 + 8,
                    y0 + 21,
                    esc(&short)
                );
            }
        }
        h.push_str("</svg></div>\n");
        h.push_str("<table class=\"exposures\"><thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Resource</th><th scope=\"col\">Address</th><th scope=\"col\">Protocol</th><th scope=\"col\">Ports</th><th scope=\"col\">Via</th><th scope=\"col\">Path</th></tr></thead><tbody>\n");
        for e in ordered.iter().take(TABLE_ROWS) {
            let path: Vec<String> = e
                .path
                .iter()
                .map(|s| format!("{} {}", s.kind, s.id))
                .collect();
            let _ = writeln!(
                h,
                "<tr class=\"exposure\" data-resource=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.resource_id),
                esc(&e.region),
                esc(&e.resource_id),
                esc(&e.public_ip),
                esc(&e.protocol),
                esc(&e.ports_text(", ")),
                esc(&e.via),
                esc(&path.join(" → "))
            );
        }
        h.push_str("</tbody></table>\n");
    }
    if !x.unknown.is_empty() {
        h.push_str("<h3>Could not be decided</h3>\n<ul>\n");
        for u in &x.unknown {
            let _ = writeln!(
                h,
                "<li class=\"unknown\">{} {} ({}): {}</li>",
                esc(&u.region),
                esc(&u.resource_id),
                esc(&u.resource_type),
                esc(&u.missing)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<img src=x onerror=\"a('1')\">&"),
            "&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn script_json_cannot_end_its_block() {
        let s = script_json(&json!({"k": "</script><script>alert(1)</script><!--"}));
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["k"], "</script><script>alert(1)</script><!--");
    }

    #[test]
    fn controls_sort_by_their_numbers() {
        let mut v = vec!["EC2.10", "EC2.2", "1.4.1", "1.3.10", "1.3.2", "ELB.1"];
        v.sort_by_key(|c| natural_key(c));
        assert_eq!(v, ["1.3.2", "1.3.10", "1.4.1", "EC2.2", "EC2.10", "ELB.1"]);
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
