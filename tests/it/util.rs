//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs the built `moat` binary in `dir` (default: the repository root), with colour off.
pub fn moat_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("the moat binary runs")
}

pub fn moat(args: &[&str]) -> Output {
    moat_in(&root(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// A fixture's snapshot text: the file itself, or for `*.patch.json` (an RFC 6902 JSON
/// Patch) the compliant account with the patch applied.
pub fn fixture_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if !path.to_string_lossy().ends_with(".patch.json") {
        return text;
    }
    let patch: json_patch::Patch = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not a JSON Patch: {e}", path.display()));
    let mut doc = compliant_account();
    json_patch::patch(&mut doc, &patch)
        .unwrap_or_else(|e| panic!("{}: does not apply: {e}", path.display()));
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

/// fixtures/securecart-compliant.json as a JSON value.
pub fn compliant_account() -> serde_json::Value {
    let text = std::fs::read_to_string(fixture("securecart-compliant.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The `fields` of each entry of a `moat exposure --format json` report's `exposures`, as
/// text (strings as they are, other values as JSON), sorted.
pub fn exposure_rows(report: &serde_json::Value, fields: &[&str]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = report["exposures"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|e| {
            fields
                .iter()
                .map(|f| match &e[*f] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    rows.sort();
    rows
}
