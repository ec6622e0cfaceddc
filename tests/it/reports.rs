//! Reports: SARIF against the official 2.1.0 schema and GitHub code scanning's rules, stable
//! fingerprints, and insta snapshots of every format for both account fixtures.

use crate::util::{code, fixture, moat, root, stderr, stdout};
use moat::policy::RulePack;
use moat::report::{self, Format, Origin, ReportContext};
use moat::snapshot::{self, locate::ResourceLines};
use serde_json::Value;

fn render(fixture_name: &str, format: Format) -> String {
    let loaded = snapshot::load_file(&fixture(fixture_name)).unwrap();
    let eval = RulePack::builtin().unwrap().evaluate(&loaded).unwrap();
    let origin = Origin::File {
        uri: format!("fixtures/{fixture_name}"),
        lines: ResourceLines::build(&loaded.text),
    };
    report::render(format, &ReportContext::new(&eval, &origin))
}

fn sarif(fixture_name: &str) -> Value {
    serde_json::from_str(&render(fixture_name, Format::Sarif)).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

/// Panics with every schema error when `doc` is not valid SARIF 2.1.0.
pub fn assert_valid_sarif(doc: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

/// The vendored copy must be the official schema, read from `$MOAT_OFFICIAL_SARIF_SCHEMA` or
/// `../shared/schemas/`. Without either the test fails rather than pass unchecked;
/// `MOAT_OFFICIAL_SARIF_SCHEMA=skip` skips it explicitly, and says so.
#[test]
fn the_vendored_sarif_schema_is_the_official_one() {
    let official = match std::env::var("MOAT_OFFICIAL_SARIF_SCHEMA") {
        Ok(v) if v == "skip" => {
            eprintln!("SKIPPED: the vendored SARIF schema was not compared with the official one");
            return;
        }
        Ok(v) => std::path::PathBuf::from(v),
        Err(_) => root().join("../shared/schemas/sarif-schema-2.1.0.json"),
    };
    let official = std::fs::read_to_string(&official).unwrap_or_else(|e| {
        panic!(
            "cannot read the official SARIF schema at {}: {e}; set MOAT_OFFICIAL_SARIF_SCHEMA to its path (or to `skip`)",
            official.display()
        )
    });
    let vendored = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("tests/data/sarif-schema-2.1.0.json is vendored");
    assert_eq!(official, vendored);
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    for name in ["securecart-drifted.json", "securecart-compliant.json"] {
        let doc = sarif(name);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // A live scan's virtual locations too.
    let loaded = snapshot::load_file(&fixture("securecart-drifted.json")).unwrap();
    let eval = RulePack::builtin().unwrap().evaluate(&loaded).unwrap();
    let mut doc: Value = serde_json::from_str(&report::render(
        Format::Sarif,
        &ReportContext::new(&eval, &Origin::Live),
    ))
    .unwrap();
    assert!(validator.is_valid(&doc));
    // The validator is not a rubber stamp: a wrong version or a level SARIF does not know fail.
    doc["runs"][0]["results"][0]["level"] = Value::from("critical");
    assert!(!validator.is_valid(&doc));
    doc["version"] = Value::from("3.0");
    assert!(!validator.is_valid(&doc));
}

fn drifted_run() -> Value {
    sarif("securecart-drifted.json")["runs"][0].clone()
}

#[test]
fn github_tool_driver_names_itself() {
    let driver = &drifted_run()["tool"]["driver"];
    assert_eq!(driver["name"], "moat");
    assert!(
        driver["version"].is_string()
            && driver["informationUri"]
                .as_str()
                .unwrap()
                .starts_with("https://")
    );
}

#[test]
fn github_rules_have_descriptions_help_and_security_severity() {
    let run = drifted_run();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap().clone();
    assert!(!rules.is_empty());
    for r in &rules {
        for key in ["shortDescription", "fullDescription"] {
            assert!(
                !r[key]["text"].as_str().unwrap_or("").is_empty(),
                "{key} in {}",
                r["id"]
            );
        }
        assert!(
            !r["help"]["text"].as_str().unwrap_or("").is_empty(),
            "help.text in {}",
            r["id"]
        );
        assert!(
            r["help"]["markdown"]
                .as_str()
                .unwrap_or("")
                .contains("**Remediation:**"),
            "help.markdown in {}",
            r["id"]
        );
        let sev: f64 = r["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        assert!(r["properties"]["tags"]
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "security")));
    }
    // Every result's rule is described.
    for res in run["results"].as_array().unwrap() {
        assert!(
            rules.iter().any(|r| r["id"] == res["ruleId"]),
            "{} not in tool.driver.rules",
            res["ruleId"]
        );
    }
}

#[test]
fn github_results_have_one_relative_location_with_a_line() {
    for res in drifted_run()["results"].as_array().unwrap() {
        let locs = res["locations"].as_array().unwrap();
        assert_eq!(locs.len(), 1);
        let uri = locs[0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert_eq!(uri, "fixtures/securecart-drifted.json");
        assert!(
            locs[0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
}

#[test]
fn github_results_have_partial_fingerprints() {
    for res in drifted_run()["results"].as_array().unwrap() {
        assert!(res["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .is_some_and(|f| f.len() == 32));
    }
}

#[test]
fn github_results_name_resource_region_and_arn() {
    let results = drifted_run()["results"].as_array().unwrap().clone();
    assert!(results.len() >= 40);
    for res in results {
        let msg = res["message"]["text"].as_str().unwrap();
        let resource_id = res["properties"]["resourceId"].as_str().unwrap();
        assert!(
            msg.contains(resource_id)
                && msg.contains(res["properties"]["region"].as_str().unwrap()),
            "{msg}"
        );
        let logical = &res["locations"][0]["logicalLocations"][0];
        assert!(logical["fullyQualifiedName"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
        if let Some(arn) = logical["fullyQualifiedName"]
            .as_str()
            .filter(|a| a.starts_with("arn:"))
        {
            assert!(msg.contains(arn), "the ARN is in the message: {msg}");
        }
    }
}

#[test]
fn github_automation_details_are_per_account() {
    let run = drifted_run();
    assert_eq!(run["automationDetails"]["id"], "moat/123456789012/");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_start_line_is_where_the_resource_begins() {
    let text = std::fs::read_to_string(fixture("securecart-drifted.json")).unwrap();
    let doc = sarif("securecart-drifted.json");
    let sg001 = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "SG001")
        .unwrap();
    let line = sg001["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let sg = sg001["properties"]["resourceId"].as_str().unwrap();
    // The object that starts on that line is the security group itself.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[line - 1].trim(), "{");
    let body: String = lines[line..]
        .iter()
        .take_while(|l| !l.starts_with("        }"))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        body.contains(&format!("\"GroupId\": \"{sg}\"")),
        "line {line} does not begin {sg}"
    );
}

#[test]
fn coverage_gaps_are_tool_notifications() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gap.json"),
        r#"{"schema_version": 1, "account": {"id": "111122223333"}, "collected_at": "2026-01-01T00:00:00Z",
            "regions": {"us-east-1": {}},
            "coverage": [{"region": "us-east-1", "service": "elbv2", "operation": "DescribeListeners", "status": "error", "error_code": "InternalFailure"}]}"#,
    )
    .unwrap();
    let out = crate::util::moat_in(
        dir.path(),
        &["scan", "--snapshot", "gap.json", "--format", "sarif"],
    );
    assert_eq!(code(&out), 2);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["message"]["text"]
        .as_str()
        .unwrap()
        .contains("DescribeListeners")));
    assert!(notes.iter().any(|n| n["associatedRule"]["id"] == "TLS001"));
    assert!(sarif_validator().is_valid(&doc));
}

#[test]
fn sarif_is_cut_at_the_result_limit_most_severe_first() {
    let loaded = snapshot::load_file(&fixture("securecart-drifted.json")).unwrap();
    let eval = RulePack::builtin().unwrap().evaluate(&loaded).unwrap();
    let mut ctx = ReportContext::new(&eval, &Origin::Live);
    ctx.sarif_limit = 2;
    let doc: Value = serde_json::from_str(&report::render(Format::Sarif, &ctx)).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["level"], "error");
    assert!(
        doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["descriptor"]["id"] == "results-truncated")
    );
}

#[test]
fn two_scans_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let run = |tag: &str| {
        let s = dir.path().join(format!("{tag}.sarif"));
        let j = dir.path().join(format!("{tag}.json"));
        let out = moat(&[
            "scan",
            "--snapshot",
            "fixtures/securecart-drifted.json",
            "--format",
            &format!("sarif={}", s.display()),
            "--format",
            &format!("json={}", j.display()),
        ]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        (std::fs::read(s).unwrap(), std::fs::read(j).unwrap())
    };
    assert_eq!(run("a"), run("b"));
}

#[test]
fn changing_one_resource_changes_only_its_fingerprints() {
    let pack = RulePack::builtin().unwrap();
    let base = snapshot::load_file(&fixture("securecart-drifted.json")).unwrap();
    let before = pack.evaluate(&base).unwrap();
    // Open RDP on the EU app security group as well: that group gains a finding, nothing else moves.
    let mut changed = base.snapshot.clone();
    let region = changed.regions.get_mut("eu-west-1").unwrap();
    let sg = region
        .ec2
        .security_groups
        .iter_mut()
        .find(|g| g.group_name.as_deref() == Some("securecart-eu-app"))
        .unwrap();
    let target = sg.group_id.clone();
    let mut perm = sg.ip_permissions.last().unwrap().clone();
    perm.from_port = Some(0);
    perm.to_port = Some(1024);
    sg.ip_permissions.push(perm);
    let after = pack
        .evaluate_snapshot(&changed, &base.value_problems)
        .unwrap();
    let fp = |e: &moat::policy::Evaluation, same: bool| -> std::collections::BTreeSet<String> {
        e.findings
            .iter()
            .filter(|f| (f.resource_id == target) != same)
            .map(|f| f.fingerprint.clone())
            .collect()
    };
    assert_eq!(
        fp(&before, true),
        fp(&after, true),
        "other resources' fingerprints are unchanged"
    );
    assert!(fp(&after, false).is_superset(&fp(&before, false)));
    assert!(fp(&after, false).len() > fp(&before, false).len());
}

#[test]
fn markdown_caps_rows_and_lists_gaps() {
    let loaded = snapshot::load_file(&fixture("securecart-drifted.json")).unwrap();
    let eval = RulePack::builtin().unwrap().evaluate(&loaded).unwrap();
    let mut ctx = ReportContext::new(&eval, &Origin::Live);
    ctx.markdown_limit = 2;
    let md = report::render(Format::Markdown, &ctx);
    assert!(
        md.contains(&format!("…and {} more.", eval.findings.len() - 2)),
        "{md}"
    );
    assert!(md.contains("**FAIL**"));
}

#[test]
fn several_formats_from_one_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("summary.md");
    let out = moat(&[
        "scan",
        "--snapshot",
        "fixtures/securecart-drifted.json",
        "--format",
        "table",
        "--format",
        &format!("markdown={}", md.display()),
    ]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("Summary: "));
    assert!(std::fs::read_to_string(md)
        .unwrap()
        .starts_with("## moat: AWS network security scan"));
}

#[test]
fn ci_workflow_in_docs_is_valid_yaml() {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let mut blocks = 0;
    for block in doc.split("```yaml").skip(1) {
        let yaml = block.split("```").next().unwrap();
        let v = regorus::Value::from_yaml_str(yaml)
            .unwrap_or_else(|e| panic!("docs/ci.md has invalid YAML: {e}\n{yaml}"));
        let json = serde_json::to_value(&v).unwrap();
        assert!(json["jobs"].is_object(), "a workflow has jobs");
        // Scanning workflows upload SARIF; the drift workflow only diffs snapshots.
        if yaml.contains("moat scan") {
            assert!(yaml.contains("github/codeql-action/upload-sarif"));
        }
        blocks += 1;
    }
    assert!(
        blocks >= 2,
        "docs/ci.md has the live and the offline workflow"
    );
}

macro_rules! snapshot_all_formats {
    ($name:ident, $fixture:expr) => {
        #[test]
        fn $name() {
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_suffix(stringify!($name));
            settings.bind(|| {
                insta::assert_snapshot!("table", render($fixture, Format::Table));
                insta::assert_snapshot!("markdown", render($fixture, Format::Markdown));
                let json: Value = serde_json::from_str(&render($fixture, Format::Json)).unwrap();
                insta::assert_json_snapshot!("json", json, { ".tool.version" => "[version]" });
                let sarif: Value = serde_json::from_str(&render($fixture, Format::Sarif)).unwrap();
                insta::assert_json_snapshot!("sarif", sarif, {
                    ".runs[].tool.driver.version" => "[version]",
                    ".runs[].tool.driver.semanticVersion" => "[version]",
                });
            });
        }
    };
}

snapshot_all_formats!(drifted, "securecart-drifted.json");
snapshot_all_formats!(compliant, "securecart-compliant.json");

/// A rule not evaluated in a region says nothing there: no finding built on a list that was
/// never read (a denied DescribeVpcEndpoints used to give "no S3 endpoint" findings). A gap
/// in a global service blinds the rule everywhere. The summary's counts add up to the pack.
#[test]
fn rules_without_their_data_report_nothing_where_they_are_blind() {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("securecart-drifted.json")).unwrap())
            .unwrap();
    doc["regions"]["us-east-1"]["ec2"]["VpcEndpoints"] = serde_json::json!([]);
    doc["coverage"] = serde_json::json!([
        {"region": "us-east-1", "service": "ec2", "operation": "DescribeVpcEndpoints", "status": "denied", "error_code": "UnauthorizedOperation"},
        {"region": "global", "service": "shield", "operation": "ListProtections", "status": "error"}
    ]);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let pack = RulePack::builtin().unwrap();
    let (_, eval) = moat::scan::evaluate_text(&pack, &text, "gaps.json").unwrap();
    let vpce: Vec<&str> = pack
        .rules()
        .iter()
        .filter(|r| r.requires.iter().any(|q| q == "ec2:DescribeVpcEndpoints"))
        .map(|r| r.id.as_str())
        .collect();
    assert!(vpce.len() >= 3, "{vpce:?}");
    for f in &eval.findings {
        assert!(
            !(vpce.contains(&f.rule_id.as_str()) && f.region == "us-east-1"),
            "a finding from data that was not read: {} {} {}",
            f.rule_id,
            f.region,
            f.message
        );
        assert_ne!(
            f.rule_id, "SHIELD001",
            "Shield protections were not read: {}",
            f.message
        );
    }
    // The endpoint rules still report the region they could see.
    let before = pack
        .evaluate(&snapshot::load_file(&fixture("securecart-drifted.json")).unwrap())
        .unwrap();
    assert!(before.findings.iter().any(|f| f.rule_id == "SHIELD001"));
    assert!(
        before
            .findings
            .iter()
            .any(|f| vpce.contains(&f.rule_id.as_str()) && f.region == "eu-west-1")
            == eval
                .findings
                .iter()
                .any(|f| vpce.contains(&f.rule_id.as_str()) && f.region == "eu-west-1")
    );
    let ctx = ReportContext::new(&eval, &Origin::Live);
    let summary = report::summary(&ctx);
    assert_eq!(
        summary.rules_evaluated + summary.not_evaluated,
        pack.rules().len()
    );
    assert!(summary.not_evaluated > vpce.len());
    assert_eq!(summary.verdict, "incomplete");
}
