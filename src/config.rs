//! The optional `moat.toml`: defaults for the command line and rule parameters.

use crate::policy::Severity;
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
}

/// A validated configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub fail_on: Option<FailOn>,
    pub allow_gaps: Option<bool>,
    pub policy_dirs: Vec<PathBuf>,
    pub rule_config: Option<serde_json::Value>,
}

/// `--fail-on`: a severity threshold, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl std::str::FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("never") {
            return Ok(FailOn::Never);
        }
        s.parse::<Severity>().map(FailOn::Severity).map_err(|_| {
            format!("unknown --fail-on {s:?}; expected critical, high, medium, low, info or never")
        })
    }
}

impl std::fmt::Display for FailOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FailOn::Severity(s) => write!(f, "{s}"),
            FailOn::Never => f.write_str("never"),
        }
    }
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
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
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
                    .map_err(|m| invalid(text.find("fail_on").unwrap_or(0), m))
            })
            .transpose()?;
        let base = path.parent().unwrap_or(Path::new("."));
        let rule_config = raw
            .rules
            .map(|t| serde_json::to_value(t).map_err(|e| invalid(0, e.to_string())))
            .transpose()?;
        Ok(Config {
            fail_on,
            allow_gaps: raw.allow_gaps,
            policy_dirs: raw.policy_dirs.into_iter().map(|p| base.join(p)).collect(),
            rule_config,
        })
    }
}
