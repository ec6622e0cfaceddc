//! The optional `moat.toml`: defaults for the command line and rule parameters.

pub use crate::verdict::FailOn;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `moat.toml`, as written by the user.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Default `--fail-on`.
    pub fail_on: Option<String>,
    /// Default `--allow-gaps`.
    pub allow_gaps: Option<bool>,
    /// Extra rule folders, relative to the config file.
    #[serde(default)]
    pub policy_dirs: Vec<PathBuf>,
    /// Overrides merged over `policies/config.json` (`data.moat.config`).
    #[serde(default)]
    pub rules: Option<toml::Table>,
    /// `[[waivers]]` tables, checked by [`crate::gate::waivers::parse`].
    #[serde(default)]
    pub waivers: Option<toml::Value>,
    /// Waivers expiring within this many days are warned about (default 14).
    pub waiver_warning_days: Option<u32>,
}

/// A validated configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub fail_on: Option<FailOn>,
    pub allow_gaps: Option<bool>,
    pub policy_dirs: Vec<PathBuf>,
    pub rule_config: Option<serde_json::Value>,
    pub waivers: Vec<crate::gate::waivers::Waiver>,
    pub waiver_warning_days: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Config {
    /// Reads `path`, or `./moat.toml` when `path` is `None` and that file exists.
    pub fn discover(path: Option<&Path>) -> Result<Config, ConfigError> {
        match path {
            Some(p) => Self::load(p),
            None if Path::new("moat.toml").is_file() => Self::load(Path::new("moat.toml")),
            None => Ok(Config::default()),
        }
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = crate::util::line_column(text, offset);
            ConfigError::Invalid {
                path: path.display().to_string(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            invalid(offset, e.message().to_string())
        })?;
        let fail_on = raw
            .fail_on
            .as_deref()
            .map(|s| {
                s.parse::<FailOn>()
                    .map_err(|m| invalid(value_offset(text, "fail_on"), m))
            })
            .transpose()?;
        if raw.rules.is_some() {
            let defaults =
                crate::policy::default_config().map_err(|e| invalid(0, e.to_string()))?;
            check_rule_params(text, &defaults).map_err(|(offset, m)| invalid(offset, m))?;
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let rule_config = raw
            .rules
            .map(|t| serde_json::to_value(t).map_err(|e| invalid(0, e.to_string())))
            .transpose()?;
        let waivers =
            crate::gate::waivers::parse(text, path).map_err(|e| ConfigError::Invalid {
                path: e.place.path,
                line: e.place.line,
                column: e.place.column,
                message: e.message,
            })?;
        Ok(Config {
            fail_on,
            allow_gaps: raw.allow_gaps,
            policy_dirs: raw.policy_dirs.into_iter().map(|p| base.join(p)).collect(),
            rule_config,
            waivers,
            waiver_warning_days: raw.waiver_warning_days,
        })
    }
}

/// The byte offset of a top-level key's value, from the parser's spans (0 when absent).
fn value_offset(text: &str, key: &str) -> usize {
    toml::de::DeTable::parse(text)
        .ok()
        .and_then(|t| t.get_ref().get(key).map(|v| v.span().start))
        .unwrap_or(0)
}

/// Checks `[rules]` against the defaults in `policies/config.json`: every key must be one
/// the defaults have, and every value of the defaults' type (tables key by key, arrays
/// element by element, ports within 0–65535, counts not negative). `[rules.custom]` is free
/// for the parameters of the user's own rules. Errors carry the byte offset of the culprit.
fn check_rule_params(text: &str, defaults: &serde_json::Value) -> Result<(), (usize, String)> {
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        (
            e.span().map(|s| s.start).unwrap_or(0),
            e.message().to_string(),
        )
    })?;
    let Some(rules) = doc.get_ref().get("rules") else {
        return Ok(());
    };
    check_value("rules", rules, defaults)
}

type Spanned<'i> = toml::Spanned<toml::de::DeValue<'i>>;

fn check_value(
    name: &str,
    value: &Spanned<'_>,
    default: &serde_json::Value,
) -> Result<(), (usize, String)> {
    use serde_json::Value as J;
    use toml::de::DeValue as T;
    let at = value.span().start;
    let wrong = |want: &str| {
        Err((
            at,
            format!(
                "`{name}` must be {want}, not {} (default: {default})",
                value.get_ref().type_str()
            ),
        ))
    };
    match (default, value.get_ref()) {
        (J::Object(known), T::Table(table)) => {
            for (key, v) in table.iter() {
                let path = format!("{name}.{}", key.get_ref());
                if name == "rules" && key.get_ref() == "custom" {
                    continue;
                }
                match known.get(key.get_ref().as_ref()) {
                    Some(d) => check_value(&path, v, d)?,
                    None => {
                        let mut names: Vec<&str> = known.keys().map(String::as_str).collect();
                        names.sort_unstable();
                        return Err((
                            key.span().start,
                            format!(
                                "unknown rule parameter `{path}`; known here: {} (parameters of your own rules go under [rules.custom])",
                                names.join(", ")
                            ),
                        ));
                    }
                }
            }
            Ok(())
        }
        (J::Object(_), _) => wrong("a table"),
        (J::Array(items), T::Array(values)) => {
            // The element type is the defaults' (an empty default takes anything).
            let Some(first) = items.first() else {
                return Ok(());
            };
            for (i, v) in values.iter().enumerate() {
                check_value(&format!("{name}[{i}]"), v, first)?;
            }
            Ok(())
        }
        (J::Array(_), _) => wrong("an array"),
        (J::String(_), T::String(_)) => Ok(()),
        (J::String(_), _) => wrong("a string"),
        (J::Bool(_), T::Boolean(_)) => Ok(()),
        (J::Bool(_), _) => wrong("a boolean"),
        (J::Number(_), T::Integer(i)) => {
            let n = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
            let port = name.contains("_ports[");
            match n {
                Some(n) if port && !(0..=65535).contains(&n) => {
                    Err((at, format!("`{name}` = {n} is not a port (0-65535)")))
                }
                Some(n) if n < 0 => Err((at, format!("`{name}` = {n} must not be negative"))),
                Some(_) => Ok(()),
                None => Err((at, format!("`{name}` is not a whole number moat can use"))),
            }
        }
        (J::Number(_), _) => wrong("a whole number"),
        (J::Null, _) => Ok(()),
    }
}
