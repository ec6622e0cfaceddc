//! Loading snapshots: every kind of bad input gets one clear message with file, line, column
//! and what was expected; the committed JSON Schemas are current.

use crate::util::{code, fixture, moat, root, stderr, stdout};
use moat::snapshot::{self, SnapshotError};

fn problems(text: &str) -> Vec<snapshot::Problem> {
    match snapshot::load_str(text, "snap.json") {
        Err(SnapshotError::Invalid(p)) => p,
        other => panic!("expected an invalid snapshot, got {other:?}"),
    }
}

const HEAD: &str = "{\n  \"schema_version\": 1,\n  \"account\": {\"id\": \"111122223333\"},\n  \"collected_at\": \"2026-11-20T10:00:00Z\",\n";

#[test]
fn not_json() {
    let p = problems("{\n  \"schema_version\": 1,\n  oops\n}");
    assert_eq!((p[0].line, p[0].column), (3, 3));
    assert!(
        p[0].message
            .starts_with("not valid JSON: key must be a string"),
        "{}",
        p[0].message
    );
    assert!(p[0].to_string().starts_with("snap.json:3:3: "));
}

#[test]
fn truncated() {
    let p = problems(&format!(
        "{HEAD}  \"regions\": {{\"us-east-1\": {{\"ec2\": {{"
    ));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, 5);
    assert!(p[0].message.contains("ends too early"), "{}", p[0].message);
}

#[test]
fn empty() {
    for text in ["", "  \n"] {
        let p = problems(text);
        assert_eq!((p[0].line, p[0].column), (1, 1));
        assert!(p[0].message.contains("the file is empty"));
    }
}

#[test]
fn not_an_object() {
    let p = problems("[1, 2]");
    assert!(
        p[0].message.contains("expected a JSON object"),
        "{}",
        p[0].message
    );
}

#[test]
fn unknown_schema_version() {
    let p = problems("{\n  \"schema_version\": 7,\n  \"account\": {\"id\": \"1\"}\n}");
    assert_eq!((p[0].line, p[0].column), (2, 21));
    assert_eq!(
        p[0].message,
        "unsupported schema_version 7; this moat reads schema version 1"
    );
    let p = problems("{\"account\": {}}");
    assert!(p[0].message.contains("missing \"schema_version\""));
}

#[test]
fn wrong_types_are_all_reported_with_positions() {
    let text = format!(
        "{HEAD}  \"regions\": {{\"us-east-1\": {{\"ec2\": {{\"SecurityGroups\": [\n    {{\"GroupId\": \"sg-1\", \"IpPermissions\": [{{\"IpProtocol\": \"tcp\", \"FromPort\": \"22\", \"ToPort\": 22}}]}},\n    {{\"GroupName\": \"no-id\"}}\n  ]}}}}}}\n}}"
    );
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:#?}");
    let port = p
        .iter()
        .find(|x| x.pointer.ends_with("/FromPort"))
        .expect("FromPort problem");
    assert_eq!(port.line, 6);
    assert!(
        port.message.contains("expected integer, found \"22\""),
        "{}",
        port.message
    );
    let id = p
        .iter()
        .find(|x| x.message.contains("GroupId"))
        .expect("GroupId problem");
    assert_eq!((id.line, id.column), (7, 5));
    assert!(
        id.message.contains("required property \"GroupId\""),
        "{}",
        id.message
    );
}

#[test]
fn unknown_envelope_field_is_rejected() {
    let p = problems(&format!("{HEAD}  \"regionz\": {{}}\n}}"));
    assert!(p[0].message.contains("regionz"), "{}", p[0].message);
}

#[test]
fn invalid_cidr_is_a_value_problem_not_a_load_failure() {
    let text = format!(
        "{HEAD}  \"regions\": {{\"us-east-1\": {{\"ec2\": {{\"SecurityGroups\": [\n    {{\"GroupId\": \"sg-1\", \"IpPermissions\": [{{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{{\"CidrIp\": \"0.0.0.0/33\"}}, {{\"CidrIp\": \"0.0.0.0/0\"}}]}}]}}\n  ]}}}}}}\n}}"
    );
    let loaded = snapshot::load_str(&text, "snap.json").expect("loads");
    assert_eq!(loaded.value_problems.len(), 1);
    let vp = &loaded.value_problems[0];
    assert_eq!(vp.resource_id, "sg-1");
    assert_eq!(vp.problem.line, 6);
    assert!(vp
        .problem
        .message
        .contains("invalid IPv4 CIDR \"0.0.0.0/33\""));
    // The scan goes on: the valid world-open SSH range still fires, and the bad value is a finding.
    let pack = moat::policy::RulePack::builtin().unwrap();
    let eval = pack.evaluate(&loaded).unwrap();
    let ids: Vec<&str> = eval.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(
        ids.contains(&"SG001") && ids.contains(&"MOAT001"),
        "{ids:?}"
    );
}

#[test]
fn malformed_files_exit_2_with_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "notjson.json",
            "{\n  nope\n}",
            "notjson.json:2:3: not valid JSON",
        ),
        (
            "truncated.json",
            "{\"schema_version\": 1, \"account\": {",
            "truncated.json:1:34: the JSON ends too early",
        ),
        ("empty.json", "", "empty.json:1:1: the file is empty"),
        (
            "version.json",
            "{\"schema_version\": 2}",
            "version.json:1:20: unsupported schema_version 2",
        ),
        (
            "type.json",
            "{\"schema_version\": 1, \"account\": {\"id\": 5}, \"collected_at\": \"x\"}",
            "type.json:1:41: expected string, found 5",
        ),
    ];
    for (name, text, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = crate::util::moat_in(dir.path(), &["scan", "--snapshot", name]);
        assert_eq!(code(&out), 2, "{name}");
        let err = crate::util::stderr(&out);
        assert!(err.contains(want), "{name}: {err}");
        let out = crate::util::moat_in(dir.path(), &["validate", name]);
        assert_eq!(code(&out), 2, "{name}");
        assert!(stdout(&out).contains(want), "{name}: {}", stdout(&out));
    }
    let out = moat(&["scan", "--snapshot", "does-not-exist.json"]);
    assert_eq!(code(&out), 2);
    assert!(crate::util::stderr(&out).contains("cannot read snapshot does-not-exist.json"));
}

#[test]
fn validate_accepts_the_fixtures() {
    let out = moat(&[
        "validate",
        fixture("securecart-compliant.json").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains(": ok (schema v1, account 123456789012, 2 region(s))"));
    // The drifted fixture holds a deliberate invalid CIDR: validate says where.
    let out = moat(&[
        "validate",
        fixture("securecart-drifted.json").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("invalid IPv4 CIDR \"10.0.300.0/24\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn committed_schemas_are_current() {
    let snap =
        std::fs::read_to_string(root().join("docs/snapshot.schema.json")).unwrap_or_default();
    assert!(
        snap == snapshot::json_schema_pretty(),
        "docs/snapshot.schema.json is stale: run `cargo run -- schema > docs/snapshot.schema.json`"
    );
    let findings =
        std::fs::read_to_string(root().join("docs/findings.schema.json")).unwrap_or_default();
    assert!(
        findings == moat::report::json_schema_pretty(),
        "docs/findings.schema.json is stale: run `cargo run -- schema --findings > docs/findings.schema.json`"
    );
    let out = moat(&["schema"]);
    assert_eq!(stdout(&out), snapshot::json_schema_pretty());
}

#[test]
fn snapshots_round_trip_and_are_written_privately() {
    let loaded = snapshot::load_file(&fixture("securecart-compliant.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snap.json");
    snapshot::write_file(&out, &loaded.snapshot).unwrap();
    let again = snapshot::load_file(&out).unwrap();
    assert_eq!(
        snapshot::to_json_value(&again.snapshot),
        snapshot::to_json_value(&loaded.snapshot)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// The compliant account's text with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("securecart-compliant.json")).unwrap(),
    )
    .unwrap();
    edit(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn duplicate_keys_are_refused_at_any_level_with_both_positions() {
    let text = edited(|_| {});
    // A second "us-east-1" region, a second "SecurityGroups", a second "GroupId".
    let region_at = text.find("\"us-east-1\": {").unwrap();
    let twice_region = format!(
        "{}\"us-east-1\": {{}},\n    {}",
        &text[..region_at],
        &text[region_at..]
    );
    let sg_at = text.find("\"SecurityGroups\": [").unwrap();
    let twice_list = format!(
        "{}\"SecurityGroups\": [],\n{}",
        &text[..sg_at],
        &text[sg_at..]
    );
    let id_at = text.find("\"GroupId\": ").unwrap();
    let twice_id = format!(
        "{}\"GroupId\": \"sg-0\",\n{}",
        &text[..id_at],
        &text[id_at..]
    );
    for (doc, key) in [
        (twice_region, "us-east-1"),
        (twice_list, "SecurityGroups"),
        (twice_id, "GroupId"),
    ] {
        let p = problems(&doc);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].message
                .contains(&format!("the key \"{key}\" appears twice"))
                && p[0].message.contains("first at line"),
            "{}",
            p[0]
        );
    }
}

#[test]
fn misspelt_collection_keys_are_refused_with_a_suggestion() {
    let text = edited(|d| {
        let ec2 = d["regions"]["us-east-1"]["ec2"].as_object_mut().unwrap();
        let sgs = ec2.remove("SecurityGroups").unwrap();
        ec2.insert("Securitygroups".into(), sgs);
    });
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].message
            .contains("\"Securitygroups\" (did you mean \"SecurityGroups\"?)"),
        "{}",
        p[0]
    );
    assert_eq!(p[0].pointer, "/regions/us-east-1/ec2");
}

/// Deep nesting inside a field moat ignores: `validate` and `scan` agree, name file, line
/// and column, and neither overflows the stack.
#[test]
fn deep_nesting_is_a_clear_error_for_validate_and_scan() {
    for depth in [10_000usize, 100_000] {
        let text = edited(|_| {});
        let at = text.find("\"GroupId\": ").unwrap();
        let deep = format!(
            "{}\"Deep\": {}{},\n{}",
            &text[..at],
            "[".repeat(depth),
            "]".repeat(depth),
            &text[at..]
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deep.json");
        std::fs::write(&file, deep).unwrap();
        let file = file.to_str().unwrap();
        let validate = moat(&["validate", file]);
        let scan = moat(&["scan", "--snapshot", file]);
        assert_eq!(code(&validate), 2, "{}", stderr(&validate));
        assert_eq!(code(&scan), 2, "{}", stderr(&scan));
        for text in [stdout(&validate), stderr(&scan)] {
            assert!(
                text.contains(&format!("{file}:")) && text.contains("nested more than 128 levels"),
                "{text}"
            );
        }
    }
}

#[test]
fn a_byte_order_mark_is_named() {
    let text = format!("\u{feff}{}", edited(|_| {}));
    let p = problems(&text);
    assert!(p[0].message.contains("byte-order mark"), "{}", p[0]);
}

/// Timestamps pasted from AWS CLI v1 (epoch seconds) read like RFC 3339 ones: the same
/// findings, with the same messages.
#[test]
fn epoch_second_timestamps_are_read_like_rfc3339() {
    let iso = std::fs::read_to_string(fixture("securecart-drifted.json")).unwrap();
    let epoch = iso
        .replace("\"2026-11-30T23:59:59Z\"", "1796083199")
        .replace(
            "\"collected_at\": \"2026-11-20T09:45:00Z\"",
            "\"collected_at\": 1795167900.0",
        )
        .replace(
            "\"StartTime\": \"2026-01-01T00:00:00Z\"",
            "\"StartTime\": 1767225600",
        );
    assert_eq!(epoch.matches("1796083199").count(), 1);
    assert!(epoch.contains("1795167900.0") && epoch.contains("1767225600"));
    let pack = moat::policy::RulePack::builtin().unwrap();
    let (_, a) = moat::scan::evaluate_text(&pack, &iso, "iso.json").unwrap();
    let (loaded, b) = moat::scan::evaluate_text(&pack, &epoch, "epoch.json").unwrap();
    assert!(loaded.normalized);
    assert_eq!(loaded.snapshot.collected_at, "2026-11-20T09:45:00Z");
    let key = |e: &moat::policy::Evaluation| {
        e.findings
            .iter()
            .map(|f| (f.fingerprint.clone(), f.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
    assert!(b.findings.iter().any(|f| f.rule_id == "ACM001"));
}

/// A wrong type inside an optional structure names the field, not the whole object.
#[test]
fn an_error_inside_an_optional_structure_names_the_field() {
    let text = edited(|d| {
        d["regions"]["us-east-1"]["elbv2"]["LoadBalancers"][0]["State"] =
            serde_json::json!({"Code": 5});
    });
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].pointer,
        "/regions/us-east-1/elbv2/LoadBalancers/0/State/Code"
    );
    assert!(
        p[0].message.contains("expected string, found 5"),
        "{}",
        p[0]
    );
}
