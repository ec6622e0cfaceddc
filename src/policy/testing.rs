//! Runs Rego unit tests (`*_test.rego`, rules named `test_*`) with regorus, the way
//! `opa test` does, so rule authors can prove their rules without OPA installed.

use super::{PolicyError, RulePack};
use std::path::{Path, PathBuf};

/// The outcome of one `test_*` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    pub file: String,
    pub name: String,
    /// `None` when it passed; otherwise what went wrong.
    pub failure: Option<String>,
}

/// Every `*_test.rego` below `dir`, sorted.
pub fn test_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("_test.rego"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The names of the `test_*` rules a test module defines, in order.
pub fn test_names(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("test_") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let name = format!("test_{name}");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Runs the tests in `files` against `pack` (which must hold the policies they test).
pub fn run(pack: &RulePack, files: &[PathBuf]) -> Result<Vec<TestOutcome>, PolicyError> {
    let mut engine = pack.engine()?;
    let mut modules = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|source| PolicyError::Io {
            path: file.display().to_string(),
            source,
        })?;
        let origin = file.display().to_string();
        let package = engine
            .add_policy(origin.clone(), text.clone())
            .map_err(|e| PolicyError::Rego {
                file: origin.clone(),
                message: e.to_string(),
            })?;
        modules.push((origin, package, test_names(&text)));
    }
    let mut outcomes = Vec::new();
    for (file, package, names) in modules {
        if names.is_empty() {
            outcomes.push(TestOutcome {
                file: file.clone(),
                name: "(none)".into(),
                failure: Some("the file defines no test_* rules".into()),
            });
        }
        let package = package.trim_start_matches("data.").to_string();
        for name in names {
            let failure = match engine.eval_rule(format!("data.{package}.{name}")) {
                Ok(regorus::Value::Bool(true)) => None,
                Ok(regorus::Value::Undefined) => {
                    Some("undefined (a condition in its body failed)".to_string())
                }
                Ok(other) => Some(format!("expected true, got {other}")),
                Err(e) => Some(format!("error: {e}")),
            };
            outcomes.push(TestOutcome {
                file: file.clone(),
                name,
                failure,
            });
        }
    }
    Ok(outcomes)
}
