//! Rule metadata: the OPA-standard `# METADATA` block above a rule's `package` line.
//! regorus drops comments, so moat reads the block from the source itself.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Finding severity, most severe first.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    /// GitHub code scanning's `security-severity` (CVSS-like, 0.0–10.0).
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
            Severity::Info => "1.0",
        }
    }

    /// True when `self` is at or above `threshold` (critical is the highest).
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown severity {s:?}; expected one of critical, high, medium, low, info")
            })
    }
}

/// Everything moat knows about a rule, from its METADATA block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub remediation: String,
    pub controls: Vec<String>,
    pub resource_types: Vec<String>,
    /// `service:Operation` pairs the rule's data comes from; when coverage says one was not
    /// read in a region, the rule is reported as not evaluated there.
    pub requires: Vec<String>,
    /// Former ids of this rule.
    pub aliases: Vec<String>,
    /// The rule reads a fact of `input.moat` that only moat computes (see
    /// `policy::input::RUST_ONLY`): under a plain Rego engine it finds nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_moat_input: bool,
    /// The rule's latent findings keep its severity (a publicly accessible database is
    /// reported as such even where no route reaches it yet).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub latent_keeps_severity: bool,
    /// The SecureCart practice the rule checks (an id of `policies/practices.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
    /// Rego package, e.g. `moat.rules.sg.ssh_open_to_world`.
    pub package: String,
    /// Where the rule came from (`builtin:…` for the embedded pack).
    pub source: String,
    /// The rule's name (its folder).
    pub name: String,
}

/// The OPA annotation fields; those moat does not use are accepted for compatibility.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawMeta {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    related_resources: Option<serde_json::Value>,
    #[serde(default)]
    authors: Option<serde_json::Value>,
    #[serde(default)]
    organizations: Option<serde_json::Value>,
    #[serde(default)]
    schemas: Option<serde_json::Value>,
    #[serde(default)]
    entrypoint: Option<bool>,
    custom: Option<RawCustom>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustom {
    id: Option<String>,
    severity: Option<String>,
    remediation: Option<String>,
    #[serde(default)]
    controls: Vec<String>,
    #[serde(default)]
    resource_types: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    needs_moat_input: bool,
    #[serde(default)]
    latent_keeps_severity: bool,
    #[serde(default)]
    practice: Option<String>,
}

/// A problem with a METADATA block: the message and the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    pub line: usize,
    pub message: String,
}

/// What a policy file declares: its package and, when present, its METADATA block.
pub struct Parsed {
    pub package: Option<String>,
    pub package_line: usize,
    /// `(yaml text, line of "# METADATA")`.
    pub block: Option<(String, usize)>,
}

/// Finds the package line and the METADATA block that precedes it.
pub fn scan(source: &str) -> Parsed {
    let mut block: Option<(String, usize)> = None;
    let mut current: Option<(String, usize)> = None;
    for (i, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some((text, start)) = current.as_mut() {
            if let Some(rest) = trimmed.strip_prefix('#') {
                text.push_str(rest.strip_prefix(' ').unwrap_or(rest));
                text.push('\n');
                continue;
            }
            block = Some((std::mem::take(text), *start));
            current = None;
        }
        if trimmed == "# METADATA" {
            current = Some((String::new(), i + 1));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("package ") {
            return Parsed {
                package: Some(rest.trim().to_string()),
                package_line: i + 1,
                block,
            };
        }
    }
    Parsed {
        package: None,
        package_line: 0,
        block,
    }
}

/// Reads a rule's metadata. `Ok(None)` when the file has no METADATA block with `custom.id`
/// (a helper or library module); an error when a block is present but incomplete.
pub fn parse(source: &str, origin: &str, name: &str) -> Result<Option<RuleMeta>, MetaError> {
    let parsed = scan(source);
    let Some((yaml, line)) = parsed.block else {
        return Ok(None);
    };
    let value = regorus::Value::from_yaml_str(&yaml).map_err(|e| MetaError {
        line,
        message: format!("METADATA is not valid YAML: {e}"),
    })?;
    let json = serde_json::to_value(&value).map_err(|e| MetaError {
        line,
        message: format!("METADATA cannot be read: {e}"),
    })?;
    let raw: RawMeta = serde_json::from_value(json).map_err(|e| MetaError {
        line,
        message: format!("METADATA: {e}"),
    })?;
    let Some(custom) = raw.custom else {
        return Ok(None);
    };
    let missing = |what: &str| MetaError {
        line,
        message: format!("METADATA lacks {what}"),
    };
    let id = custom.id.ok_or_else(|| missing("custom.id"))?;
    if !is_valid_id(&id) {
        return Err(MetaError {
            line,
            message: format!(
                "custom.id {id:?} is not an id like SG001 (letters, then three digits)"
            ),
        });
    }
    let severity = custom
        .severity
        .ok_or_else(|| missing("custom.severity"))?
        .parse::<Severity>()
        .map_err(|message| MetaError { line, message })?;
    let package = parsed
        .package
        .ok_or_else(|| missing("a package line after it"))?;
    Ok(Some(RuleMeta {
        id,
        title: raw.title.ok_or_else(|| missing("title"))?,
        description: raw.description.unwrap_or_default().trim().to_string(),
        severity,
        remediation: custom.remediation.unwrap_or_default().trim().to_string(),
        controls: custom.controls,
        resource_types: custom.resource_types,
        requires: custom.requires,
        aliases: custom.aliases,
        needs_moat_input: custom.needs_moat_input,
        latent_keeps_severity: custom.latent_keeps_severity,
        practice: custom.practice,
        package,
        source: origin.to_string(),
        name: name.to_string(),
    }))
}

impl RuleMeta {
    /// Whether the rule is the embedded pack's (not from `--policy-dir`).
    pub fn is_builtin(&self) -> bool {
        self.source.starts_with("builtin:")
    }
}

/// Rule ids: 2–8 upper-case letters followed by three digits (`SG001`, `VPCE002`).
pub fn is_valid_id(id: &str) -> bool {
    let letters = id.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &id[letters..];
    (2..=8).contains(&letters) && digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "# METADATA\n# title: SSH open\n# description: |\n#   Long text.\n# custom:\n#   id: SG001\n#   severity: critical\n#   controls: [\"CIS-AWS 5.2\"]\npackage moat.rules.sg.x\n";

    #[test]
    fn parses_block() {
        let meta = parse(RULE, "builtin:x", "x").unwrap().unwrap();
        assert_eq!(meta.id, "SG001");
        assert_eq!(meta.severity, Severity::Critical);
        assert_eq!(meta.description, "Long text.");
        assert_eq!(meta.controls, vec!["CIS-AWS 5.2"]);
        assert_eq!(meta.package, "moat.rules.sg.x");
    }

    #[test]
    fn missing_severity_names_the_line() {
        let src = "\n\n# METADATA\n# title: t\n# custom:\n#   id: AB001\npackage b\n";
        let err = parse(src, "f", "x").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("custom.severity"), "{}", err.message);
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("SG001"));
        assert!(is_valid_id("VPCE012"));
        assert!(!is_valid_id("sg001"));
        assert!(!is_valid_id("SG01"));
        assert!(!is_valid_id("S001"));
    }
}
