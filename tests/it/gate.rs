//! The gate teams live with: waivers (suppressed, never removed; expiry; stale waivers) and
//! baselines (new / unchanged / fixed), in every report and in the exit code.

use crate::util::{code, fixture, root, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// Runs moat in `dir` as of `today` (MOAT_TODAY), colour off.
fn moat_on(dir: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("MOAT_TODAY", today)
        .env_remove("AWS_PROFILE")
        .output()
        .expect("the moat binary runs")
}

fn drifted() -> String {
    fixture("securecart-drifted.json").display().to_string()
}

/// `moat scan --snapshot <drifted> --format json` plus `extra`, in `dir` as of `today`.
fn drifted_json(dir: &Path, today: &str, extra: &[&str]) -> Output {
    let snapshot = drifted();
    let mut args = vec!["scan", "--snapshot", &snapshot, "--format", "json"];
    args.extend(extra);
    moat_on(dir, today, &args)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stderr(out)))
}

fn with_toml(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("moat.toml"), text).unwrap();
    dir
}

const WAIVERS: &str = r#"
[[waivers]]
rule = "SG001"
resource = "sg-032a1b2c3d4e5f60"
reason = "EU bastion during the migration (NET-412)"
owner = "platform@securecart.example"
expires = "2026-12-31"

[[waivers]]
rule = "TLS00*"
resource = "arn:aws:elasticloadbalancing:*:listener/app/securecart-web/*"
reason = "old payment terminals"
expires = "2026-11-01"

[[waivers]]
rule = "SG00?"
resource = "sg-012a1b2c3d4e5f60"
region = "us-east-1"
element = "ingress tcp 3389 from 0.0.0.0/0"
reason = "RDP jump host, one rule only"
permanent = true

[[waivers]]
rule = "NET001"
resource = "subnet-that-is-gone"
reason = "stale"
permanent = true
"#;

#[test]
fn waived_findings_are_suppressed_not_removed() {
    let dir = with_toml(WAIVERS);
    let out = drifted_json(dir.path(), "2026-11-26", &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 86, "nothing waived disappears");
    let suppressed: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.get("suppressed").is_some())
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["resource_id"].as_str().unwrap(),
            )
        })
        .collect();
    // By id and resource; by glob and element (one permission of a group, not the group).
    assert_eq!(
        suppressed,
        vec![
            ("SG001", "sg-032a1b2c3d4e5f60"),
            ("SG002", "sg-012a1b2c3d4e5f60")
        ],
        "{findings:#?}"
    );
    let sg002: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "SG002")
        .collect();
    assert_eq!(sg002.len(), 2);
    assert_eq!(
        sg002
            .iter()
            .filter(|f| f.get("suppressed").is_some())
            .count(),
        1,
        "the element waiver covers one permission only"
    );
    let sg001 = findings
        .iter()
        .find(|f| f["resource_id"] == "sg-032a1b2c3d4e5f60" && f["rule_id"] == "SG001")
        .unwrap();
    assert_eq!(sg001["suppressed"]["owner"], "platform@securecart.example");
    assert_eq!(sg001["suppressed"]["expires"], "2026-12-31");
    assert_eq!(sg001["suppressed"]["waiver"], "moat.toml:2:1");
    // The expired waiver stops suppressing, and the findings say so (matched by an ARN glob).
    let expired: Vec<&str> = findings
        .iter()
        .filter(|f| f.get("waiver_expired").is_some())
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(expired, vec!["TLS002", "TLS006"]);
    assert_eq!(report["summary"]["suppressed"], 2);
    let states: Vec<&str> = report["waivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, vec!["active", "expired", "active", "unmatched"]);
    let err = stderr(&out);
    assert!(err.contains("moat.toml:9:1 (TLS00* on"), "{err}");
    assert!(err.contains("expired on 2026-11-01"), "{err}");
    assert!(
        err.contains("moat.toml:23:1 (NET001 on subnet-that-is-gone) matched no finding"),
        "{err}"
    );
    assert!(
        !err.contains("expires on 2026-12-31"),
        "35 days out is not yet a warning: {err}"
    );
}

#[test]
fn waivers_in_the_table_and_markdown() {
    let dir = with_toml(WAIVERS);
    let snapshot = drifted();
    for (name, format) in [("table", "table"), ("markdown", "markdown")] {
        let out = moat_on(
            dir.path(),
            "2026-11-26",
            &[
                "scan",
                "--snapshot",
                &snapshot,
                "--format",
                format,
                "--show-suppressed",
            ],
        );
        insta::assert_snapshot!(format!("waivers_{name}"), stdout(&out));
    }
}

#[test]
fn a_waiver_close_to_expiry_is_warned_about_and_strict_waivers_fail_on_stale_ones() {
    let dir = with_toml(WAIVERS);
    let out = drifted_json(dir.path(), "2026-12-20", &[]);
    assert!(
        stderr(&out)
            .contains("waiver moat.toml:2:1 (SG001 on sg-032a1b2c3d4e5f60) expires on 2026-12-31"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["waivers"][0]["state"], "expiring");
    let out = drifted_json(dir.path(), "2026-11-26", &["--strict-waivers"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("STALE WAIVERS (exit 2)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn waivers_covering_every_finding_pass_the_gate_and_sarif_dismisses_them() {
    let dir = with_toml(
        "[[waivers]]\nrule = \"*\"\nresource = \"*\"\nreason = \"accepted for the audit window\"\nexpires = \"2027-01-15\"\n",
    );
    let sarif = dir.path().join("out.sarif");
    let out = moat_on(
        dir.path(),
        "2026-11-26",
        &[
            "scan",
            "--snapshot",
            &drifted(),
            "--sarif-root",
            root().to_str().unwrap(),
            "--format",
            &format!("sarif={}", sarif.display()),
            "--format",
            "table",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains("86 finding(s) suppressed by waivers are not listed"),
        "{table}"
    );
    assert!(table.contains("86 suppressed by waivers"), "{table}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    crate::reports::assert_valid_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 86);
    for r in results {
        assert_eq!(r["suppressions"][0]["kind"], "external");
        assert!(r["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .starts_with("accepted for the audit window"));
    }
    let shown = moat_on(
        dir.path(),
        "2026-11-26",
        &["scan", "--snapshot", &drifted(), "--show-suppressed"],
    );
    assert!(stdout(&shown).contains("[suppressed until 2027-01-15: accepted for the audit window]"));
}

#[test]
fn waiver_mistakes_are_errors_with_line_and_column() {
    let cases = [
        ("[[waivers]]\nrule = \"SG001\"\nresourse = \"sg-1\"\n", "moat.toml:3:1", "unknown waiver key `resourse`"),
        ("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nexpires = \"2026-12-01\"\n", "moat.toml:1:1", "needs `reason`"),
        ("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nreason = \"x\"\nexpires = \"2026-02-30\"\n", "moat.toml:5:11", "not a date"),
        ("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-[12]\"\nreason = \"x\"\npermanent = true\n", "moat.toml:3:12", "only `*`"),
        ("[[waivers]]\nrule = \"SG999\"\nresource = \"sg-1\"\nreason = \"x\"\npermanent = true\n", "moat.toml:2:8", "unknown rule id \"SG999\""),
        ("[[waivers]]\nrule = \"SG001\"\nresource = \"sg-1\"\nreason = \"x\"\n", "moat.toml:1:1", "permanent = true"),
    ];
    for (text, place, message) in cases {
        let dir = with_toml(text);
        let out = moat_on(
            dir.path(),
            "2026-11-26",
            &["scan", "--snapshot", &drifted()],
        );
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{text}: {err}");
        assert!(
            err.contains(place) && err.contains(message),
            "{text}: {err}"
        );
    }
}

#[test]
fn a_waivers_file_uses_the_same_syntax_and_aliases_match() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("accepted.toml");
    std::fs::write(
        &file,
        "[[waivers]]\nrule = \"SG004\"\nresource = \"arn:aws:ec2:us-east-1:123456789012:security-group/sg-023a1b2c3d4e5f60\"\naccount = \"123456789012\"\nreason = \"db migration\"\nexpires = \"2027-01-01\"\n",
    )
    .unwrap();
    let out = moat_on(
        dir.path(),
        "2026-11-26",
        &[
            "scan",
            "--snapshot",
            &drifted(),
            "--waivers",
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report = json(&out);
    let waived: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppressed").is_some())
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(waived, vec!["SG004"], "matched by ARN and account");
    assert_eq!(
        report["waivers"][0]["waiver"],
        format!("{}:1:1", file.display())
    );
}

#[test]
fn baselines_gate_on_new_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let compliant = fixture("securecart-compliant.json").display().to_string();
    // `moat scan --snapshot SNAPSHOT [--baseline B] --format F`.
    let scan = |snapshot: &str, baseline: Option<&Path>, format: &str| {
        let mut args = vec!["scan", "--snapshot", snapshot, "--format", format];
        if let Some(b) = baseline {
            args.extend(["--baseline", b.to_str().unwrap()]);
        }
        moat_on(&root(), "2026-11-26", &args)
    };
    // The drifted account against itself: nothing new, the gate passes.
    let out = scan(&drifted(), None, &format!("json={}", base.display()));
    assert_eq!(code(&out), 1);
    let out = scan(&drifted(), Some(&base), "json");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["summary"]["baseline"]["new"], 0);
    assert_eq!(report["summary"]["baseline"]["unchanged"], 86);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["baseline_state"] == "unchanged"));
    // The compliant account against the drifted baseline: everything fixed.
    let out = scan(&compliant, Some(&base), "json");
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)["summary"]["baseline"]["fixed"], 86);
    // The drifted account against the compliant one: every finding is new, and gates.
    let clean = dir.path().join("clean.sarif");
    scan(&compliant, None, &format!("sarif={}", clean.display()));
    let sarif = dir.path().join("drifted.sarif");
    let out = scan(
        &drifted(),
        Some(&clean),
        &format!("sarif={}", sarif.display()),
    );
    assert_eq!(code(&out), 1);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    crate::reports::assert_valid_sarif(&doc);
    assert!(doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["baselineState"] == "new"));
}

/// Scans the drifted account with `--baseline FILE`; returns the exit code and stderr.
fn with_baseline(file: &Path) -> (i32, String) {
    let file = file.to_str().unwrap();
    let out = moat_on(
        &root(),
        "2026-11-26",
        &["scan", "--snapshot", &drifted(), "--baseline", file],
    );
    (code(&out), stderr(&out))
}

#[test]
fn a_baseline_of_another_account_or_not_of_moat_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            r#"{"format": "moat/findings/v1", "tool": {"name": "moat", "version": "0.1.0"}, "account_id": "999999999999", "findings": []}"#,
            "a report of account 999999999999, not of 123456789012",
        ),
        (r#"{"results": []}"#, "not a moat report"),
        ("{not json", "the baseline is not JSON"),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("baseline{i}.json"));
        std::fs::write(&file, text).unwrap();
        let (code, err) = with_baseline(&file);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(message), "{err}");
    }
}

/// Baselines and GitHub alert history depend on fingerprints: these must not change.
#[test]
fn fingerprints_are_pinned() {
    let out = moat_on(
        &root(),
        "2026-11-26",
        &["scan", "--snapshot", &drifted(), "--format", "json"],
    );
    let report = json(&out);
    let fp = |rule: &str, resource: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == rule && f["resource_id"] == resource)
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    for (rule, resource, want) in PINNED {
        assert_eq!(
            fp(rule, resource),
            vec![want.to_string()],
            "{rule} on {resource}"
        );
    }
}

/// Taken from the reports of moat before address sets, TLS by protocols and WAF "blocks"
/// landed: those changes kept them.
const PINNED: &[(&str, &str, &str)] = &[
    ("SG001", "sg-032a1b2c3d4e5f60", "5498af077cd30329a264b54d76399038"),
    ("NACL001", "acl-010public000000", "3b4c00cf6185074abdd68172c7f7bb67"),
    (
        "TLS002",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/securecart-web/10dc6c495c0c9188/b0000000000000002",
        "526b576cb1e402cc64638574cb4bf4af",
    ),
    ("VPCE005", "vpce-010a1b2c3d4e5f6a7", "8b182457e987abfdf3d31bdf2baca66a"),
    ("WAF003", "securecart-web", "cf7eb85c12f6ac10b6635458edd995bb"),
];

#[test]
fn diff_of_the_two_bundled_accounts() {
    let r = root();
    let compliant = fixture("securecart-compliant.json").display().to_string();
    // Paths relative to the repository, so the snapshot does not depend on where it is.
    let (old, new) = (
        "fixtures/securecart-compliant.json",
        "fixtures/securecart-drifted.json",
    );
    let out = moat_on(&r, "2026-11-26", &["diff", old, new, "--format", "json"]);
    assert_eq!(
        code(&out),
        1,
        "new findings at or above low: {}",
        stderr(&out)
    );
    let d = json(&out);
    assert_eq!(d["new_findings"].as_array().unwrap().len(), 86);
    assert_eq!(d["fixed_findings"].as_array().unwrap().len(), 0);
    let changes = d["resources"].as_array().unwrap();
    let has = |change: &str, id: &str| {
        changes
            .iter()
            .any(|c| c["change"] == change && c["id"] == id)
    };
    assert!(has("added", "rtb-019debug00000000"), "{changes:#?}");
    assert!(has("removed", "fl-01a1b2c3d4e5f6a7b"), "{changes:#?}");
    let sg = changes
        .iter()
        .find(|c| c["id"] == "sg-013a1b2c3d4e5f60")
        .expect("the data-tier group changed");
    assert_eq!(
        sg["paths"],
        serde_json::json!(["/IpPermissions", "/IpPermissionsEgress"])
    );
    insta::assert_snapshot!(
        "diff_markdown",
        stdout(&moat_on(
            &r,
            "2026-11-26",
            &["diff", old, new, "--format", "markdown"]
        ))
    );
    // The other way round: everything fixed, nothing new, exit 0.
    let out = moat_on(&r, "2026-11-26", &["diff", new, old, "--format", "json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)["fixed_findings"].as_array().unwrap().len(), 86);
    // Reports compare by fingerprint, without resources.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.sarif"));
    moat_on(
        &r,
        "2026-11-26",
        &[
            "scan",
            "--snapshot",
            &compliant,
            "--format",
            &format!("json={}", a.display()),
        ],
    );
    moat_on(
        &r,
        "2026-11-26",
        &[
            "scan",
            "--snapshot",
            &drifted(),
            "--format",
            &format!("sarif={}", b.display()),
        ],
    );
    let out = moat_on(
        &r,
        "2026-11-26",
        &[
            "diff",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(code(&out), 0);
    let d = json(&out);
    assert_eq!(d["new_findings"].as_array().unwrap().len(), 86);
    assert!(d.get("resources").is_none());
}

/// Validates `xml` against tests/data/junit.xsd with the project venv's xmlschema
/// (scripts/test installs it); returns the validator's complaint, if any.
fn junit_problems(xml: &str) -> Option<String> {
    let python = std::env::var_os("MOAT_MOTO_SERVER")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join(".venv/bin/moto_server"))
        .with_file_name("python");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new(&python)
        .args([
            "-c",
            "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
        ])
        .arg(root().join("tests/data/junit.xsd"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run scripts/test, which creates the venv)",
                python.display()
            )
        });
    (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn junit_is_valid_and_fails_skips_and_passes_rules() {
    // Coverage gap: security groups were not read in us-east-1, so their rules are skipped.
    let mut doc = crate::util::compliant_account();
    doc["coverage"] = serde_json::json!([{
        "region": "us-east-1", "service": "ec2", "operation": "DescribeSecurityGroups",
        "status": "denied", "error_code": "UnauthorizedOperation"
    }]);
    let dir = tempfile::tempdir().unwrap();
    let gap = dir.path().join("gap.json");
    std::fs::write(&gap, doc.to_string()).unwrap();
    for (snapshot, want_failures, want_skipped) in
        [(drifted(), 29, 0), (gap.display().to_string(), 0, 14)]
    {
        let out = moat_on(
            &root(),
            "2026-11-26",
            &[
                "scan",
                "--snapshot",
                &snapshot,
                "--fail-on",
                "high",
                "--allow-gaps",
                "--format",
                "junit",
            ],
        );
        let xml = stdout(&out);
        assert_eq!(junit_problems(&xml), None, "{xml}");
        assert_eq!(xml.matches("<failure ").count(), want_failures, "{xml}");
        assert_eq!(xml.matches("<skipped ").count(), want_skipped, "{xml}");
        assert_eq!(xml.matches("<testcase ").count(), 67);
        if want_failures > 0 {
            insta::assert_snapshot!("junit_drifted", xml);
        }
    }
    // The schema does reject what the tools would not read.
    assert!(junit_problems(
        "<testsuites><testsuite name=\"x\"><testcase/></testsuite></testsuites>"
    )
    .is_some());
}

#[test]
fn a_waiver_naming_a_rules_old_id_matches_it_through_the_alias() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules/renamed")).unwrap();
    std::fs::write(
        dir.path().join("rules/renamed/policy.rego"),
        r#"# METADATA
# title: Security group without a description
# description: Every security group should say what it is for.
# custom:
#   id: ORG002
#   aliases: ["ORG001"]
#   severity: low
#   remediation: Give the group a description.
package acme.sg_description

import data.moat.lib.net
import data.moat.lib.result

deny contains result.fail(net.sg_resource(region, sg), sprintf("%s has no description", [sg.GroupId]), "description", {}) if {
	some region, r in input.regions
	some sg in r.ec2.SecurityGroups
	object.get(sg, "Description", "") == ""
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.json"),
        r#"{"schema_version": 1, "account": {"id": "111122223333"}, "collected_at": "2026-01-01T00:00:00Z",
            "regions": {"us-east-1": {"ec2": {"SecurityGroups": [{"GroupId": "sg-1"}]}}}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("moat.toml"),
        "policy_dirs = [\"rules\"]\n\n[[waivers]]\nrule = \"ORG001\"\nresource = \"sg-1\"\nreason = \"written before the rule was renamed\"\nexpires = \"2027-01-01\"\n",
    )
    .unwrap();
    let out = scan_custom_rule(dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["findings"][0]["rule_id"], "ORG002");
    assert!(
        report["findings"][0]["suppressed"].is_object(),
        "{report:#}"
    );
}

fn scan_custom_rule(dir: &Path) -> Output {
    moat_on(
        dir,
        "2026-11-26",
        &[
            "scan",
            "--snapshot",
            "s.json",
            "--only",
            "ORG002",
            "--format",
            "json",
        ],
    )
}
