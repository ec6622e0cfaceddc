//! Several accounts in one run, offline: a folder of snapshots, shards and `moat merge`.

use crate::reports::assert_valid_sarif;
use crate::util::{code, fixture, moat, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// Three accounts: two drifted (111…, 333…), one compliant (222…).
fn three_accounts(dir: &Path) {
    for (file, fixture_name, id) in [
        ("a.json", "securecart-drifted.json", "111111111111"),
        ("b.json", "securecart-compliant.json", "222222222222"),
        ("c.json", "securecart-drifted.json", "333333333333"),
    ] {
        let text = std::fs::read_to_string(fixture(fixture_name)).unwrap();
        std::fs::write(dir.join(file), text.replace("123456789012", id)).unwrap();
    }
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_folder_of_snapshots_is_one_report_over_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    three_accounts(&snaps);
    let (j, s, m, h) = (
        dir.path().join("r.json"),
        dir.path().join("r.sarif"),
        dir.path().join("r.md"),
        dir.path().join("r.html"),
    );
    let out = moat(&[
        "scan",
        "--snapshot-dir",
        snaps.to_str().unwrap(),
        "--quiet",
        "-f",
        &format!("json={}", j.display()),
        "-f",
        &format!("sarif={}", s.display()),
        "-f",
        &format!("markdown={}", m.display()),
        "-f",
        &format!("html={}", h.display()),
        "-f",
        "table",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let single = json_of_one("securecart-drifted.json");
    let per_account = single["findings"].as_array().unwrap().len();
    let report = json(&j);
    assert_eq!(report["account_id"], "");
    let accounts: Vec<(&str, u64)> = report["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["status"], "scanned");
            (
                a["account_id"].as_str().unwrap(),
                a["findings"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        accounts,
        [
            ("111111111111", per_account as u64),
            ("222222222222", 0),
            ("333333333333", per_account as u64)
        ]
    );
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2 * per_account);
    for id in ["111111111111", "333333333333"] {
        // Each account's findings are the single-account scan's, under its own id.
        let mut mine: Vec<String> = findings
            .iter()
            .filter(|f| f["account_id"] == id)
            .map(|f| format!("{} {}", f["rule_id"], f["resource_id"]))
            .collect();
        let mut alone: Vec<String> = single["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["rule_id"], f["resource_id"]).replace("123456789012", id))
            .collect();
        mine.sort();
        alone.sort();
        assert_eq!(mine, alone, "{id}");
    }
    // SARIF: one run per account, apart for GitHub, valid against the official schema.
    let sarif = json(&s);
    assert_valid_sarif(&sarif);
    let runs: Vec<(String, usize)> = sarif["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["automationDetails"]["id"].as_str().unwrap().to_string(),
                r["results"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        [
            ("moat/111111111111/".to_string(), per_account),
            ("moat/222222222222/".to_string(), 0),
            ("moat/333333333333/".to_string(), per_account)
        ]
    );
    // Table and Markdown summarise per account first.
    let md = std::fs::read_to_string(&m).unwrap();
    assert!(
        md.starts_with("## moat: AWS network security scan of 3 accounts"),
        "{md}"
    );
    let account_table = md.find("| 222222222222 |").expect("a row per account");
    assert!(account_table < md.find("| Severity | Findings |").unwrap());
    let table = stdout(&out);
    assert!(
        table.find("Account").unwrap() < table.find("Severity").unwrap(),
        "{table}"
    );
}

fn json_of_one(fixture_name: &str) -> Value {
    let out = moat(&[
        "scan",
        "--snapshot",
        fixture(fixture_name).to_str().unwrap(),
        "-f",
        "json",
        "--quiet",
    ]);
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn two_snapshots_of_one_account_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixture("securecart-drifted.json");
    let b = fixture("securecart-compliant.json");
    let out = moat(&[
        "scan",
        "--snapshot",
        a.to_str().unwrap(),
        "--snapshot",
        b.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("are both snapshots of account 123456789012"),
        "{}",
        stderr(&out)
    );
    let out = moat(&["scan", "--snapshot-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("holds no snapshot"),
        "{}",
        stderr(&out)
    );
    let out = moat(&["scan", "--snapshot", a.to_str().unwrap(), "--shard", "1/2"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--shard slices several accounts"));
}

#[test]
fn three_shards_merged_equal_the_unsharded_run() {
    let dir = tempfile::tempdir().unwrap();
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    three_accounts(&snaps);
    let snaps = snaps.to_str().unwrap();
    let scan = |extra: &[&str], out: &Path, format: &str| {
        let mut args = vec!["scan", "--snapshot-dir", snaps, "--quiet"];
        args.extend_from_slice(extra);
        let spec = format!("{format}={}", out.display());
        args.extend_from_slice(&["-f", &spec]);
        let o = moat(&args);
        assert!(code(&o) <= 1, "{}", stderr(&o));
    };
    let all = dir.path().join("all.json");
    scan(&[], &all, "json");
    let mut shards = Vec::new();
    let mut sarifs = Vec::new();
    let mut taken = Vec::new();
    for i in 1..=3 {
        let p = dir.path().join(format!("s{i}.json"));
        let shard = format!("{i}/3");
        scan(&["--shard", &shard], &p, "json");
        let report = json(&p);
        assert_eq!(report["shard"], serde_json::json!({"index": i, "count": 3}));
        for a in report["accounts"].as_array().into_iter().flatten() {
            taken.push(a["account_id"].as_str().unwrap().to_string());
        }
        shards.push(p.to_str().unwrap().to_string());
        let s = dir.path().join(format!("s{i}.sarif"));
        scan(&["--shard", &shard], &s, "sarif");
        sarifs.push(s.to_str().unwrap().to_string());
    }
    // Disjoint and complete.
    taken.sort();
    assert_eq!(taken, ["111111111111", "222222222222", "333333333333"]);

    let merged = dir.path().join("merged.json");
    let mut args = vec!["merge", "--quiet", "-f"];
    let spec = format!("json={}", merged.display());
    args.push(&spec);
    args.extend(shards.iter().map(String::as_str));
    let out = moat(&args);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let (a, m) = (json(&all), json(&merged));
    assert_eq!(a["findings"], m["findings"], "finding for finding");
    assert_eq!(a["summary"], m["summary"]);
    assert_eq!(a["coverage"], m["coverage"]);
    assert_eq!(
        a["accounts"].as_array().unwrap().len(),
        m["accounts"].as_array().unwrap().len()
    );

    // SARIF logs merge into one log with every account's run.
    let mut args = vec!["merge"];
    args.extend(sarifs.iter().map(String::as_str));
    let out = moat(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_valid_sarif(&log);
    let ids: Vec<&str> = log["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["automationDetails"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "moat/111111111111/",
            "moat/222222222222/",
            "moat/333333333333/"
        ]
    );

    // A missing shard is a gap in the report and exit 2; overlapping reports are refused.
    let out = moat(&["merge", &shards[0], &shards[2], "-f", "json", "--quiet"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let gaps = report["coverage"]["gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .any(|g| g["operation"] == "shard 2/3" && g["error_code"] == "MissingShard"),
        "{gaps:?}"
    );
    let out = moat(&[
        "merge",
        &shards[0],
        all.to_str().unwrap(),
        &shards[1],
        &shards[2],
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the shards overlap"),
        "{}",
        stderr(&out)
    );
    let out = moat(&["merge", &shards[0], &shards[0]]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("are both shard"), "{}", stderr(&out));
    let busy = sarifs
        .iter()
        .find(|s| !json(Path::new(s))["runs"].as_array().unwrap().is_empty())
        .unwrap();
    let out = moat(&["merge", busy, busy]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the shards overlap"),
        "{}",
        stderr(&out)
    );
}
