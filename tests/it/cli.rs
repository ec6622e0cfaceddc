//! The command line end to end: exit codes, the demo, rules, custom policy folders.

use crate::util::{code, fixture, moat, moat_in, stderr, stdout};

#[test]
fn demo_drifted_exits_1_with_a_table() {
    let out = moat(&["scan", "--snapshot", "fixtures/securecart-drifted.json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("│ critical ┆ SG001"), "{s}");
    assert!(s.contains("Summary: "), "{s}");
    assert!(
        !s.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert!(stderr(&out).contains("moat: FAIL (exit 1)"));
}

#[test]
fn compliant_exits_0_with_no_findings() {
    let out = moat(&["scan", "--snapshot", "fixtures/securecart-compliant.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("no findings\nSummary: 0 findings (none)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let drifted = fixture("securecart-drifted.json");
    let d = drifted.to_str().unwrap();
    assert_eq!(
        code(&moat(&["scan", "--snapshot", d, "--fail-on", "critical"])),
        1
    );
    assert_eq!(
        code(&moat(&["scan", "--snapshot", d, "--fail-on", "never"])),
        0
    );
    let out = moat(&["scan", "--snapshot", d, "--fail-on", "bogus"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown --fail-on"));
}

#[test]
fn json_output_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let out = moat(&[
        "scan",
        "--snapshot",
        "fixtures/securecart-drifted.json",
        "--format",
        "json",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let f = &v["findings"][0];
    for key in [
        "rule_id",
        "title",
        "severity",
        "account_id",
        "region",
        "resource_type",
        "resource_id",
        "resource_arn",
        "message",
        "evidence",
        "remediation",
        "controls",
        "fingerprint",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert!(v["coverage"].is_object() && v["summary"]["total"].as_u64().unwrap() >= 5);
}

#[test]
fn rules_list_and_show() {
    let out = moat(&["rules", "list", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(rules.len() >= 5);
    for r in &rules {
        for key in [
            "id",
            "title",
            "severity",
            "controls",
            "resource_types",
            "remediation",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let cis = moat(&["rules", "list", "--format", "json", "--control", "cis"]);
    let cis: Vec<serde_json::Value> = serde_json::from_str(&stdout(&cis)).unwrap();
    assert!(!cis.is_empty() && cis.len() < rules.len());
    assert!(cis
        .iter()
        .all(|r| r["controls"].to_string().contains("CIS")));
    let out = moat(&["rules", "show", "sg001"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("# SG001: SSH open to the internet"));
    let out = moat(&["rules", "show", "NOPE999"]);
    assert_eq!(code(&out), 2);
}

const CUSTOM_RULE: &str = r#"# METADATA
# title: Security group without a description
# description: Every security group should say what it is for, so reviews can judge its rules.
# custom:
#   id: ORG001
#   severity: low
#   remediation: Give the group a description.
#   resource_types: ["AWS::EC2::SecurityGroup"]
package acme.sg_description

import data.moat.lib.net
import data.moat.lib.result

deny contains result.fail(net.sg_resource(region, sg), sprintf("%s has no description", [sg.GroupId]), "description", {}) if {
	some region, r in input.regions
	some sg in r.ec2.SecurityGroups
	object.get(sg, "Description", "") == ""
}
"#;

#[test]
fn policy_dir_adds_user_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sg_description")).unwrap();
    std::fs::write(dir.path().join("sg_description/policy.rego"), CUSTOM_RULE).unwrap();
    let snap = dir.path().join("s.json");
    std::fs::write(
        &snap,
        r#"{"schema_version": 1, "account": {"id": "111122223333"}, "collected_at": "2026-01-01T00:00:00Z",
            "regions": {"us-east-1": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}}}"#,
    )
    .unwrap();
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            "s.json",
            "--policy-dir",
            ".",
            "--format",
            "json",
            "--verbose",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    // The embedded pack runs compiled; a user's rule runs on the interpreter.
    assert!(
        stderr(&out).contains("(compiled, 1 on the interpreter: ORG001)"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["findings"][0]["rule_id"], "ORG001");
    assert_eq!(v["findings"][0]["severity"], "low");
}

#[test]
fn broken_rego_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("bad")).unwrap();
    let broken = CUSTOM_RULE.replace(
        "some sg in r.ec2.SecurityGroups",
        "some sg in r.ec2.SecurityGroups[",
    );
    std::fs::write(dir.path().join("bad/policy.rego"), broken).unwrap();
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            fixture("securecart-compliant.json").to_str().unwrap(),
            "--policy-dir",
            ".",
        ],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("bad/policy.rego"), "{err}");
    assert!(err.contains(":18:"), "names the line: {err}");
}

#[test]
fn rule_without_severity_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("nosev")).unwrap();
    std::fs::write(
        dir.path().join("nosev/policy.rego"),
        CUSTOM_RULE.replace("#   severity: low\n", ""),
    )
    .unwrap();
    let out = moat_in(dir.path(), &["rules", "list", "--policy-dir", "."]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("nosev/policy.rego:1: METADATA lacks custom.severity"),
        "{err}"
    );
}

#[test]
fn duplicate_rule_ids_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dup")).unwrap();
    std::fs::write(
        dir.path().join("dup/policy.rego"),
        CUSTOM_RULE.replace("ORG001", "SG001"),
    )
    .unwrap();
    let out = moat_in(dir.path(), &["rules", "list", "--policy-dir", "."]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("rule id SG001 is declared twice"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn coverage_gaps_exit_2_and_mark_rules_not_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("gap.json");
    std::fs::write(
        &snap,
        r#"{"schema_version": 1, "account": {"id": "111122223333"}, "collected_at": "2026-01-01T00:00:00Z",
            "regions": {"us-east-1": {}},
            "coverage": [{"region": "us-east-1", "service": "ec2", "operation": "DescribeSecurityGroups", "status": "denied", "error_code": "UnauthorizedOperation"}]}"#,
    )
    .unwrap();
    let out = moat_in(
        dir.path(),
        &["scan", "--snapshot", "gap.json", "--format", "json"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["verdict"], "incomplete");
    assert_eq!(
        v["coverage"]["gaps"][0]["error_code"],
        "UnauthorizedOperation"
    );
    assert!(v["coverage"]["not_evaluated"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["rule_id"] == "SG001"));
    assert!(stderr(&out).contains("INCOMPLETE (exit 2)"));
    let table = moat_in(dir.path(), &["scan", "--snapshot", "gap.json"]);
    assert!(
        stdout(&table).contains("coverage gaps"),
        "{}",
        stdout(&table)
    );
    assert!(stdout(&table).contains("SG001"), "{}", stdout(&table));
    assert_eq!(
        code(&moat_in(
            dir.path(),
            &["scan", "--snapshot", "gap.json", "--allow-gaps"]
        )),
        0
    );
}

#[test]
fn moat_toml_sets_defaults_and_rule_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let snap = fixture("securecart-compliant.json");
    // The compliant account's certificates expire in 2027-07, 223 days after collection.
    std::fs::write(
        dir.path().join("moat.toml"),
        "fail_on = \"critical\"\n\n[rules]\ncertificate_expiry_days = 400\n",
    )
    .unwrap();
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            snap.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|id| *id == "ACM001"),
        "{ids:?}"
    );
    assert_eq!(v["summary"]["fail_on"], "critical");
    assert_eq!(code(&out), 0, "high findings do not fail a critical gate");
    // The command line wins over the file.
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            snap.to_str().unwrap(),
            "--fail-on",
            "high",
        ],
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn moat_toml_errors_name_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("moat.toml"),
        "fail_on = \"high\"\nfail_onn = \"low\"\n",
    )
    .unwrap();
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            fixture("securecart-compliant.json").to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("moat.toml:2:1:") && err.contains("fail_onn"),
        "{err}"
    );
}

/// `[rules]` is checked against the defaults: unknown keys and wrong types are errors at
/// their line and column, never silently ignored.
#[test]
fn rule_parameters_are_checked_with_line_and_column() {
    let cases = [
        (
            "[rules]\nadmin_portz = [22]\n",
            "moat.toml:2:1:",
            "unknown rule parameter `rules.admin_portz`",
        ),
        (
            "[rules]\nadmin_ports = \"22\"\n",
            "moat.toml:2:15:",
            "`rules.admin_ports` must be an array, not string",
        ),
        (
            "[rules]\nadmin_ports = [22, \"ssh\"]\n",
            "moat.toml:2:20:",
            "`rules.admin_ports[1]` must be a whole number",
        ),
        (
            "[rules]\ndatabase_ports = [70000]\n",
            "moat.toml:2:19:",
            "is not a port (0-65535)",
        ),
        (
            "[rules.tiers]\ntag_keyz = [\"Tier\"]\n",
            "moat.toml:2:1:",
            "unknown rule parameter `rules.tiers.tag_keyz`",
        ),
        (
            "[rules]\ncertificate_expiry_days = 1.5\n",
            "moat.toml:2:27:",
            "must be a whole number, not float",
        ),
        (
            "fail_on = \"sometimes\"\n",
            "moat.toml:1:11:",
            "unknown --fail-on",
        ),
    ];
    for (toml, at, what) in cases {
        let err = moat::config::Config::parse(toml, std::path::Path::new("moat.toml"))
            .expect_err(toml)
            .to_string();
        assert!(
            err.starts_with(at) && err.contains(what),
            "{toml:?} gave: {err}"
        );
    }
    // What the defaults have passes, and so does anything under [rules.custom].
    let ok = "[rules]\nadmin_ports = [22, 3389]\ncertificate_expiry_days = 45\n[rules.tiers.values]\ndata = [\"db\"]\n[rules.custom]\nmy_rule_threshold = 3\n";
    let config = moat::config::Config::parse(ok, std::path::Path::new("moat.toml")).unwrap();
    assert_eq!(
        config.rule_config.unwrap()["custom"]["my_rule_threshold"],
        3
    );
}

/// `rules list` and `rules show` describe the same pack `scan` runs: moat.toml's
/// `policy_dirs` included.
#[test]
fn rules_list_and_show_read_policy_dirs_from_moat_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("mine/sg_description")).unwrap();
    std::fs::write(
        dir.path().join("mine/sg_description/policy.rego"),
        CUSTOM_RULE,
    )
    .unwrap();
    std::fs::write(dir.path().join("moat.toml"), "policy_dirs = [\"mine\"]\n").unwrap();
    let list = moat_in(dir.path(), &["rules", "list", "--format", "json"]);
    assert_eq!(code(&list), 0, "{}", stderr(&list));
    assert!(stdout(&list).contains("\"ORG001\""), "{}", stdout(&list));
    let show = moat_in(dir.path(), &["rules", "show", "ORG001"]);
    assert_eq!(code(&show), 0, "{}", stderr(&show));
    // Without the file, the user's rule is not there.
    std::fs::remove_file(dir.path().join("moat.toml")).unwrap();
    let show = moat_in(dir.path(), &["rules", "show", "ORG001"]);
    assert_eq!(code(&show), 2);
}

/// Output files: new ones are private (0600); a symlink is written through, not replaced; a
/// FIFO (like /dev/stdout in a pipeline) is written to, not replaced.
#[cfg(unix)]
#[test]
fn outputs_are_private_and_special_files_are_written_not_replaced() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let snap = fixture("securecart-drifted.json");
    let snap = snap.to_str().unwrap();
    let report = dir.path().join("r.json");
    let out = moat(&[
        "scan",
        "--snapshot",
        snap,
        "-f",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let target = dir.path().join("target.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = moat(&[
        "scan",
        "--snapshot",
        snap,
        "-f",
        "json",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("\"findings\""));

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = moat(&[
        "scan",
        "--snapshot",
        snap,
        "-f",
        "sarif",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(reader.join().unwrap().contains("\"version\": \"2.1.0\""));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

/// `moat scan | head -1`: the closed pipe is not reported, and the exit code is still the
/// one the findings decide.
#[test]
fn a_closed_stdout_keeps_the_verdicts_exit_code() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["scan", "--snapshot"])
        .arg(fixture("securecart-drifted.json"))
        .args(["-f", "json"])
        .current_dir(crate::util::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

/// User rules are refused, with file and line, when they would silently do nothing or be
/// confused with another rule: `deny` without METADATA, a package another rule or the
/// built-in pack already declares.
#[test]
fn ambiguous_user_rules_are_refused() {
    let scan_with = |files: &[(&str, &str)]| {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let out = moat_in(
            dir.path(),
            &[
                "scan",
                "--snapshot",
                fixture("securecart-compliant.json").to_str().unwrap(),
                "--policy-dir",
                ".",
            ],
        );
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        stderr(&out)
    };
    let no_meta =
        "package custom.no_meta\n\nimport rego.v1\n\ndeny contains f if {\n\tf := {}\n\tfalse\n}\n";
    let err = scan_with(&[("a/policy.rego", no_meta)]);
    assert!(
        err.contains("a/policy.rego:5:") && err.contains("no `# METADATA`"),
        "{err}"
    );

    let builtin_pkg = CUSTOM_RULE.replace(
        "package acme.sg_description",
        "package moat.rules.security_groups.ssh_open_to_world",
    );
    assert_ne!(builtin_pkg, CUSTOM_RULE);
    let err = scan_with(&[("a/policy.rego", &builtin_pkg)]);
    assert!(err.contains("is already declared by builtin:"), "{err}");

    let twin = CUSTOM_RULE.replace("ORG001", "ORG002");
    let err = scan_with(&[("a/policy.rego", CUSTOM_RULE), ("b/policy.rego", &twin)]);
    assert!(
        err.contains("package acme.sg_description is already declared by"),
        "{err}"
    );
}

/// `--snapshot -` reads standard input; SARIF then names a stated placeholder.
#[test]
fn snapshot_from_stdin() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["scan", "--snapshot", "-", "-f", "sarif"])
        .current_dir(crate::util::root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(fixture("securecart-drifted.json")).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "moat-snapshot-from-stdin.json");
}

#[test]
fn snapshots_above_the_size_limit_are_refused_clearly() {
    let out = moat(&[
        "scan",
        "--snapshot",
        fixture("securecart-drifted.json").to_str().unwrap(),
        "--max-snapshot-mib",
        "0",
    ]);
    assert_eq!(code(&out), 2, "0 is not a limit: {}", stderr(&out));
    let small = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(small.path(), vec![b' '; (1 << 20) + 1]).unwrap();
    let out = moat(&[
        "scan",
        "--snapshot",
        small.path().to_str().unwrap(),
        "--max-snapshot-mib",
        "1",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("above the limit of 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}

/// A rule whose body fails at run time is not evaluated, says why (file:line) in every
/// format, and makes the exit code 2 even with --allow-gaps; the other rules still report.
#[test]
fn a_failing_rule_is_not_evaluated_and_never_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("div", "n := count(sg.GroupId) / 0"),
        ("count", "n := count(5)"),
    ] {
        let rule = CUSTOM_RULE
            .replace("ORG001", if name == "div" { "ORG101" } else { "ORG102" })
            .replace("acme.sg_description", &format!("acme.{name}"))
            .replace(
                "\tobject.get(sg, \"Description\", \"\") == \"\"",
                &format!("\t{body}\n\tn > 0"),
            );
        std::fs::create_dir_all(dir.path().join(name)).unwrap();
        std::fs::write(dir.path().join(name).join("policy.rego"), rule).unwrap();
    }
    let drifted = fixture("securecart-drifted.json");
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            drifted.to_str().unwrap(),
            "--policy-dir",
            ".",
            "--allow-gaps",
            "--sarif-root",
            crate::util::root().to_str().unwrap(),
            "-f",
            "json=r.json",
            "-f",
            "sarif=r.sarif",
            "-f",
            "markdown=r.md",
            "-f",
            "table",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 rule(s) failed and were not evaluated: ORG101, ORG102"),
        "{}",
        stderr(&out)
    );
    let table = stdout(&out);
    assert!(
        table.contains("div/policy.rego:17:28: divide by zero") && table.contains("divide by zero"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(json["summary"]["verdict"], "incomplete");
    assert_eq!(json["summary"]["rule_errors"], 2);
    assert!(
        json["summary"]["total"].as_u64().unwrap() > 40,
        "the other rules still report"
    );
    let errors = json["coverage"]["rule_errors"].as_array().unwrap();
    assert!(
        errors[1]["message"]
            .as_str()
            .unwrap()
            .contains("count/policy.rego:17:16:"),
        "{errors:?}"
    );
    let sarif = std::fs::read_to_string(dir.path().join("r.sarif")).unwrap();
    assert!(sarif.contains("\"rule-error\"") && sarif.contains("\"executionSuccessful\": false"));
    let md = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(
        md.contains("rule `ORG102` failed and was not evaluated"),
        "{md}"
    );
}

/// No rule runs for ever: past `--rule-timeout` it is stopped and reported as failed.
#[test]
fn a_rule_past_the_time_limit_is_stopped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let rule = CUSTOM_RULE
        .replace("acme.sg_description", "acme.slow")
        .replace(
        "\tobject.get(sg, \"Description\", \"\") == \"\"",
        "\tsome a in numbers.range(1, 100000)\n\tsome b in numbers.range(1, 100000)\n\ta + b < 0",
    );
    std::fs::create_dir_all(dir.path().join("slow")).unwrap();
    std::fs::write(dir.path().join("slow/policy.rego"), rule).unwrap();
    let started = std::time::Instant::now();
    let out = moat_in(
        dir.path(),
        &[
            "scan",
            "--snapshot",
            fixture("securecart-compliant.json").to_str().unwrap(),
            "--policy-dir",
            ".",
            "--rule-timeout",
            "1",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Rule ORG001 failed") && stdout(&out).contains("time limit"),
        "{}",
        stdout(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

/// `--output /dev/stdout` (a common CI idiom) writes to this process's stdout, whatever it is:
/// a pipe, a file opened for appending. Run as an unprivileged user when the tests run as root
/// (root would mask permission problems), the way CI jobs usually run.
#[cfg(unix)]
#[test]
fn output_to_dev_stdout_works_for_pipes_and_appended_files_without_root() {
    use std::process::{Command, Stdio};
    let as_user = |args: &[&str]| -> Command {
        let bin = env!("CARGO_BIN_EXE_moat");
        let root = std::fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
        let mut cmd = if root && std::path::Path::new("/usr/bin/setpriv").exists() {
            let mut c = Command::new("/usr/bin/setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        } else {
            Command::new(bin)
        };
        cmd.args(args).current_dir("/").env("NO_COLOR", "1");
        cmd
    };
    let dir = tempfile::tempdir().unwrap();
    // The fixture must be readable by the unprivileged user.
    let snap = dir.path().join("s.json");
    std::fs::copy(fixture("securecart-drifted.json"), &snap).unwrap();
    let mut perms = std::fs::metadata(dir.path()).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(dir.path(), perms).unwrap();
    let snap = snap.to_str().unwrap();

    let out = as_user(&[
        "scan",
        "--snapshot",
        snap,
        "-f",
        "json",
        "-o",
        "/dev/stdout",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .output()
    .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("\"findings\""));

    let appended = dir.path().join("appended.txt");
    std::fs::write(&appended, "before\n").unwrap();
    let mut perms = std::fs::metadata(&appended).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o666);
    std::fs::set_permissions(&appended, perms).unwrap();
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(&appended)
        .unwrap();
    let out = as_user(&[
        "scan",
        "--snapshot",
        snap,
        "-f",
        "json",
        "-o",
        "/dev/stdout",
    ])
    .stdout(file)
    .stderr(Stdio::piped())
    .output()
    .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = std::fs::read_to_string(&appended).unwrap();
    assert!(
        text.starts_with("before\n{") && text.contains("\"findings\""),
        "{text}"
    );
}
