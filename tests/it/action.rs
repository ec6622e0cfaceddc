//! The composite GitHub Action at the repository root: its shape, and its scan and gate steps
//! run locally with bash against a fixture, as the runner would run them.

use crate::util::{fixture, root};
use std::process::Command;

fn action() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let v = regorus::Value::from_yaml_str(&text).expect("action.yml is YAML");
    serde_json::to_value(&v).unwrap()
}

fn step<'a>(action: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("action.yml has a step {name:?}"))
}

#[test]
fn the_action_declares_its_inputs_and_steps() {
    let a = action();
    assert_eq!(a["runs"]["using"], "composite");
    for input in [
        "snapshot",
        "role-to-assume",
        "regions",
        "fail-on",
        "baseline",
        "waivers",
        "sarif-category",
    ] {
        assert!(a["inputs"][input].is_object(), "input {input}");
    }
    let uses: Vec<&str> = a["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses
        .iter()
        .any(|u| u.starts_with("github/codeql-action/upload-sarif@")));
    assert!(uses
        .iter()
        .any(|u| u.starts_with("aws-actions/configure-aws-credentials@")));
}

/// Runs the Scan step's script with its inputs, then the Gate step's, as the runner would.
fn run_scan(baseline: &str) -> (String, String, i32) {
    let a = action();
    let scan = step(&a, "Scan");
    let gate = step(&a, "Gate");
    let dir = tempfile::tempdir().unwrap();
    let (summary, output) = (dir.path().join("summary.md"), dir.path().join("output.txt"));
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_moat"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = scan["run"].as_str().unwrap();
    let status = Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(root())
        .env("PATH", &path)
        .env("NO_COLOR", "1")
        .env("MOAT_INPUT_SNAPSHOT", "fixtures/securecart-drifted.json")
        .env("MOAT_INPUT_REGIONS", "")
        .env("MOAT_INPUT_FAIL_ON", "high")
        .env("MOAT_INPUT_BASELINE", baseline)
        .env("MOAT_INPUT_WAIVERS", "")
        .env("MOAT_OUT_DIR", dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &output)
        .status()
        .expect("bash runs");
    assert!(
        status.success(),
        "the scan step itself succeeds; the gate step fails the job"
    );
    let outputs = std::fs::read_to_string(&output).unwrap();
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("moat.sarif")).unwrap())
            .unwrap();
    crate::reports::assert_valid_sarif(&sarif);
    let exit = outputs
        .lines()
        .find_map(|l| l.strip_prefix("exit-code="))
        .unwrap()
        .to_string();
    let gate_status = Command::new("bash")
        .args(["-c", gate["run"].as_str().unwrap()])
        .env("MOAT_EXIT", &exit)
        .status()
        .unwrap();
    (
        outputs,
        std::fs::read_to_string(&summary).unwrap_or_default(),
        gate_status.code().unwrap_or(-1),
    )
}

#[test]
fn the_scan_step_writes_the_summary_and_outputs_and_the_gate_fails_on_findings() {
    let (outputs, summary, gate) = run_scan("");
    assert!(outputs.contains("exit-code=1"), "{outputs}");
    assert!(outputs.contains("account=123456789012"), "{outputs}");
    assert!(
        summary.starts_with("## moat: AWS network security scan"),
        "{summary}"
    );
    assert_eq!(gate, 1);
}

#[test]
fn with_a_baseline_of_the_same_account_nothing_is_new_and_the_gate_passes() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let out = Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["scan", "--snapshot"])
        .arg(fixture("securecart-drifted.json"))
        .args(["--format", &format!("json={}", base.display())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (outputs, summary, gate) = run_scan(base.to_str().unwrap());
    assert!(outputs.contains("exit-code=0"), "{outputs}");
    assert!(summary.contains("0 new"), "{summary}");
    assert_eq!(gate, 0);
}
