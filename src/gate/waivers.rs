//! Waivers: `[[waivers]]` tables that suppress findings a team has accepted, each with a
//! reason and an expiry. A waived finding is suppressed, never removed: it stays in every
//! report, marked, and only stops counting toward the exit code.

use crate::policy::{Finding, RuleMeta};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// A calendar day, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64);

impl Day {
    /// Parses `YYYY-MM-DD` (a real date: 2026-02-30 is refused).
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        if s.len() != 10 {
            return None;
        }
        let secs = crate::util::rfc3339_seconds(&format!("{s}T00:00:00Z"))?;
        let day = Day(secs.div_euclid(86_400));
        (day.to_string() == s).then_some(day)
    }

    /// Today in UTC, or the day `MOAT_TODAY` names (reproducible runs and tests).
    pub fn today() -> Result<Day, String> {
        if let Some(v) = std::env::var_os("MOAT_TODAY").filter(|v| !v.is_empty()) {
            let v = v.to_string_lossy();
            return Day::parse(&v)
                .ok_or_else(|| format!("MOAT_TODAY={v} is not a date (YYYY-MM-DD)"));
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Ok(Day(secs.div_euclid(86_400)))
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::util::epoch_to_rfc3339((self.0 * 86_400) as f64).unwrap_or_default();
        f.write_str(text.get(..10).unwrap_or("????-??-??"))
    }
}

/// A glob over ids and ARNs: `*` any run of characters, `?` one character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob(String);

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, String> {
        if pattern.is_empty() {
            return Err("an empty pattern matches nothing".into());
        }
        if let Some(c) = pattern.chars().find(|c| matches!(c, '[' | ']' | '{' | '}')) {
            return Err(format!(
                "{pattern:?} uses `{c}`: only `*` (any run of characters) and `?` (one character) are supported"
            ));
        }
        Ok(Glob(pattern.to_string()))
    }

    pub fn is_literal(&self) -> bool {
        !self.0.contains(['*', '?'])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn matches(&self, text: &str) -> bool {
        let (p, t): (Vec<char>, Vec<char>) = (self.0.chars().collect(), text.chars().collect());
        // Iterative wildcard matching with one backtrack point (linear in practice).
        let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
        while j < t.len() {
            if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
                i += 1;
                j += 1;
            } else if i < p.len() && p[i] == '*' {
                star = Some(i);
                mark = j;
                i += 1;
            } else if let Some(s) = star {
                i = s + 1;
                mark += 1;
                j = mark;
            } else {
                return false;
            }
        }
        while i < p.len() && p[i] == '*' {
            i += 1;
        }
        i == p.len()
    }
}

/// Where a waiver was written: file, line and column of its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// One `[[waivers]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub rule: Glob,
    pub resource: Glob,
    pub account: Option<Glob>,
    pub region: Option<Glob>,
    /// One offending element (a finding's `element`) rather than the whole resource.
    pub element: Option<String>,
    pub reason: String,
    pub owner: Option<String>,
    pub expires: Option<Day>,
    pub permanent: bool,
    /// The table's place, and the place of its `rule` value (for an unknown rule id).
    pub place: Place,
    pub rule_place: Place,
}

#[derive(Debug, thiserror::Error)]
#[error("{place}: {message}")]
pub struct WaiverError {
    pub place: Place,
    pub message: String,
}

const KEYS: &[&str] = &[
    "rule",
    "resource",
    "account",
    "region",
    "element",
    "reason",
    "owner",
    "expires",
    "permanent",
];

/// Reads the `[[waivers]]` tables of a TOML document (`moat.toml`, or a `--waivers` file with
/// the same syntax). Every problem is an error with its line and column.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Waiver>, WaiverError> {
    use toml::de::DeValue as V;
    let place = |offset: usize| {
        let (line, column) = crate::util::line_column(text, offset);
        Place {
            path: path.display().to_string(),
            line,
            column,
        }
    };
    let err = |offset: usize, message: String| WaiverError {
        place: place(offset),
        message,
    };
    let doc = toml::de::DeTable::parse(text)
        .map_err(|e| err(e.span().map(|s| s.start).unwrap_or(0), e.message().into()))?;
    let Some(list) = doc.get_ref().get("waivers") else {
        return Ok(Vec::new());
    };
    let V::Array(items) = list.get_ref() else {
        return Err(err(
            list.span().start,
            "`waivers` must be an array of tables: write each waiver as [[waivers]]".into(),
        ));
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let at = item.span().start;
        let V::Table(table) = item.get_ref() else {
            return Err(err(at, "each waiver must be a table ([[waivers]])".into()));
        };
        let mut fields: HashMap<&str, (usize, String)> = HashMap::new();
        let mut permanent = None;
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if !KEYS.contains(&name) {
                return Err(err(
                    key.span().start,
                    format!(
                        "unknown waiver key `{name}`; a waiver has: {}",
                        KEYS.join(", ")
                    ),
                ));
            }
            let vat = value.span().start;
            match (name, value.get_ref()) {
                ("permanent", V::Boolean(b)) => permanent = Some(*b),
                ("permanent", other) => {
                    return Err(err(
                        vat,
                        format!(
                            "`permanent` must be true or false, not {}",
                            other.type_str()
                        ),
                    ))
                }
                ("expires", V::Datetime(d)) => {
                    fields.insert(name, (vat, d.to_string()));
                }
                (_, V::String(s)) => {
                    fields.insert(name, (vat, s.to_string()));
                }
                (_, other) => {
                    return Err(err(
                        vat,
                        format!("`{name}` must be a string, not {}", other.type_str()),
                    ))
                }
            }
        }
        let glob = |key: &str| -> Result<Option<Glob>, WaiverError> {
            fields
                .get(key)
                .map(|(at, v)| Glob::new(v).map_err(|m| err(*at, format!("`{key}`: {m}"))))
                .transpose()
        };
        let rule = glob("rule")?.ok_or_else(|| {
            err(
                at,
                "a waiver needs `rule` (a rule id such as \"SG001\", or a glob such as \"SG*\")"
                    .into(),
            )
        })?;
        let resource = glob("resource")?.ok_or_else(|| {
            err(
                at,
                "a waiver needs `resource` (a resource id, an ARN, or a glob over either; \"*\" for every resource)".into(),
            )
        })?;
        let reason = match fields.get("reason") {
            Some((_, r)) if !r.trim().is_empty() => r.clone(),
            Some((rat, _)) => return Err(err(*rat, "`reason` must say why".into())),
            None => {
                return Err(err(
                    at,
                    "a waiver needs `reason`: why the finding is accepted".into(),
                ))
            }
        };
        let expires = match fields.get("expires") {
            Some((eat, v)) => Some(Day::parse(v).ok_or_else(|| {
                err(
                    *eat,
                    format!("`expires` = {v:?} is not a date; write YYYY-MM-DD"),
                )
            })?),
            None => None,
        };
        let permanent = permanent.unwrap_or(false);
        if expires.is_none() && !permanent {
            return Err(err(
                at,
                "a waiver needs `expires = \"YYYY-MM-DD\"`, or `permanent = true` written out"
                    .into(),
            ));
        }
        if expires.is_some() && permanent {
            return Err(err(
                at,
                "a waiver is either permanent or expires, not both".into(),
            ));
        }
        out.push(Waiver {
            rule_place: place(fields.get("rule").map(|(o, _)| *o).unwrap_or(at)),
            rule,
            resource,
            account: glob("account")?,
            region: glob("region")?,
            element: fields.get("element").map(|(_, v)| v.clone()),
            reason,
            owner: fields.get("owner").map(|(_, v)| v.clone()),
            expires,
            permanent,
            place: place(at),
        });
    }
    Ok(out)
}

/// Every waiver's `rule` must name a rule of the pack (an id or an alias), or be a glob that
/// matches one.
pub fn check_rules(waivers: &[Waiver], rules: &[RuleMeta]) -> Result<(), WaiverError> {
    for w in waivers {
        let known = rules.iter().any(|r| {
            std::iter::once(&r.id)
                .chain(&r.aliases)
                .any(|id| w.rule.matches(id))
        });
        if !known {
            let what = if w.rule.is_literal() {
                format!("unknown rule id {:?}", w.rule.as_str())
            } else {
                format!("the glob {:?} matches no rule", w.rule.as_str())
            };
            return Err(WaiverError {
                place: w.rule_place.clone(),
                message: format!("{what}; `moat rules list` shows the ids"),
            });
        }
    }
    Ok(())
}

/// How a waiver applied to a finding, as the reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `YYYY-MM-DD`; absent for a permanent waiver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Where the waiver is written: `moat.toml:12:1`.
    pub waiver: String,
}

/// What became of a waiver in this scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaiverState {
    /// Suppresses findings.
    Active,
    /// Suppresses findings, and expires within the warning window.
    Expiring,
    /// Expired: the findings it matched count again.
    Expired,
    /// Matched no finding: stale, to be removed.
    Unmatched,
}

/// A waiver and what it did, for the JSON report and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverStatus {
    pub rule: String,
    pub resource: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub state: WaiverState,
    /// Findings it matched (suppressed, or no longer suppressed when expired).
    pub matched: usize,
    pub waiver: String,
}

fn matches(w: &Waiver, f: &Finding, aliases: &HashMap<&str, &[String]>) -> bool {
    let rule = w.rule.matches(&f.rule_id)
        || aliases
            .get(f.rule_id.as_str())
            .is_some_and(|a| a.iter().any(|id| w.rule.matches(id)));
    rule && (w.resource.matches(&f.resource_id)
        || f.resource_arn
            .as_deref()
            .is_some_and(|arn| w.resource.matches(arn)))
        && w.account.as_ref().is_none_or(|g| g.matches(&f.account_id))
        && w.region.as_ref().is_none_or(|g| g.matches(&f.region))
        && w.element
            .as_ref()
            .is_none_or(|e| f.element.as_deref() == Some(e.as_str()))
}

fn suppression(w: &Waiver) -> Suppression {
    Suppression {
        reason: w.reason.clone(),
        owner: w.owner.clone(),
        expires: w.expires.map(|d| d.to_string()),
        waiver: w.place.to_string(),
    }
}

/// Marks the findings the waivers match: `suppressed` by the first active waiver that
/// matches, else `waiver_expired` by the first expired one. Returns each waiver's state.
pub fn apply(
    findings: &mut [Finding],
    waivers: &[Waiver],
    rules: &[RuleMeta],
    today: Day,
    warn_days: i64,
) -> Vec<WaiverStatus> {
    let aliases: HashMap<&str, &[String]> = rules
        .iter()
        .map(|r| (r.id.as_str(), r.aliases.as_slice()))
        .collect();
    let expired = |w: &Waiver| w.expires.is_some_and(|d| d < today);
    let mut matched = vec![0usize; waivers.len()];
    for f in findings.iter_mut() {
        let hits: Vec<usize> = (0..waivers.len())
            .filter(|&i| matches(&waivers[i], f, &aliases))
            .collect();
        for &i in &hits {
            matched[i] += 1;
        }
        if let Some(&i) = hits.iter().find(|&&i| !expired(&waivers[i])) {
            f.suppressed = Some(suppression(&waivers[i]));
        } else if let Some(&i) = hits.first() {
            f.waiver_expired = Some(suppression(&waivers[i]));
        }
    }
    waivers
        .iter()
        .zip(matched)
        .map(|(w, n)| WaiverStatus {
            rule: w.rule.as_str().to_string(),
            resource: w.resource.as_str().to_string(),
            reason: w.reason.clone(),
            expires: w.expires.map(|d| d.to_string()),
            state: if n == 0 {
                WaiverState::Unmatched
            } else if expired(w) {
                WaiverState::Expired
            } else if w.expires.is_some_and(|d| d.0 - today.0 <= warn_days) {
                WaiverState::Expiring
            } else {
                WaiverState::Active
            },
            matched: n,
            waiver: w.place.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let g = |p: &str| Glob::new(p).unwrap();
        assert!(g("SG*").matches("SG001"));
        assert!(g("sg-0?1*").matches("sg-011a"));
        assert!(!g("SG00?").matches("SG0010"));
        assert!(g("*").matches(""));
        assert!(g("arn:aws:ec2:*:*:security-group/sg-1")
            .matches("arn:aws:ec2:us-east-1:1:security-group/sg-1"));
        assert!(Glob::new("sg-[01]").is_err());
    }

    #[test]
    fn days() {
        assert_eq!(
            Day::parse("2026-11-26").map(|d| d.to_string()).as_deref(),
            Some("2026-11-26")
        );
        assert!(Day::parse("2026-02-30").is_none());
        assert!(Day::parse("26-11-2026").is_none());
        assert_eq!(
            Day::parse("2026-12-01").unwrap().0 - Day::parse("2026-11-26").unwrap().0,
            5
        );
    }

    #[test]
    fn errors_carry_line_and_column() {
        let p = Path::new("moat.toml");
        let e = parse(
            "[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nexpires = \"2026-12-01\"\n",
            p,
        )
        .unwrap_err();
        assert_eq!((e.place.line, e.place.column), (1, 1), "{e}");
        assert!(e.message.contains("reason"), "{e}");
        let e = parse("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nreason = \"x\"\nexpires = \"2026-13-01\"\n", p).unwrap_err();
        assert_eq!(e.place.line, 5, "{e}");
        let e = parse("[[waivers]]\nrule = \"SG001\"\nresourse = \"sg-1\"\n", p).unwrap_err();
        assert_eq!((e.place.line, e.place.column), (3, 1), "{e}");
        let e = parse(
            "[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nreason = \"x\"\n",
            p,
        )
        .unwrap_err();
        assert!(e.message.contains("permanent = true"), "{e}");
        let ok = parse("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nreason = \"x\"\nexpires = 2026-12-01\n", p).unwrap();
        assert_eq!(
            ok[0].expires.map(|d| d.to_string()).as_deref(),
            Some("2026-12-01")
        );
    }
}
