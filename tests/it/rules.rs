//! The rule harness: discovers every rule folder under policies/rules and proves each rule on
//! its own fixtures, runs every Rego unit test, and lints the metadata. No per-rule code.

use crate::util::root;
use moat::policy::{metadata, testing, RulePack};
use moat::snapshot;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

struct RuleDir {
    dir: PathBuf,
    policy: PathBuf,
}

fn rule_dirs() -> Vec<RuleDir> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("policies/rules")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)
            .expect("policies/rules is readable")
            .flatten()
        {
            let p = e.path();
            if p.is_dir() && p.file_name().is_some_and(|n| n != "fixtures") {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "policy.rego") {
                out.push(RuleDir {
                    dir: d.clone(),
                    policy: p,
                });
            }
        }
    }
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    out
}

fn fixtures(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("fixtures"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "json")
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn every_rule_fires_on_its_fail_fixtures_and_not_on_its_pass_fixtures() {
    let pack = RulePack::builtin().expect("the builtin pack loads");
    let dirs = rule_dirs();
    assert!(dirs.len() >= 5, "found only {} rule folders", dirs.len());
    let mut failures = Vec::new();
    for rd in &dirs {
        let text = std::fs::read_to_string(&rd.policy).unwrap();
        let meta = metadata::parse(&text, "t", "t")
            .unwrap()
            .expect("rule has metadata");
        for (prefix, want_one) in [("fail", true), ("pass", false)] {
            for fx in fixtures(&rd.dir, prefix) {
                let loaded = match snapshot::load_file(&fx) {
                    Ok(l) => l,
                    Err(e) => {
                        failures.push(format!("{}: fixture does not load: {e}", fx.display()));
                        continue;
                    }
                };
                let eval = pack.evaluate(&loaded).expect("evaluation succeeds");
                let mine: Vec<_> = eval
                    .findings
                    .iter()
                    .filter(|f| f.rule_id == meta.id)
                    .collect();
                let ok = if want_one {
                    mine.len() == 1
                } else {
                    mine.is_empty()
                };
                if !ok {
                    failures.push(format!(
                        "{} {}: expected {} finding(s), got {}: {:?}",
                        meta.id,
                        fx.display(),
                        if want_one { "exactly 1" } else { "0" },
                        mine.len(),
                        mine.iter().map(|f| &f.message).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rule harness failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn rego_unit_tests_pass() {
    let pack = RulePack::builtin().unwrap();
    let files = testing::test_files(&root().join("policies"));
    assert!(files.len() >= 5, "found only {} test files", files.len());
    let outcomes = testing::run(&pack, &files).expect("test modules load");
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            o.failure
                .as_ref()
                .map(|f| format!("{} {}: {f}", o.file, o.name))
        })
        .collect();
    assert!(
        outcomes.len() >= 20,
        "only {} Rego tests ran",
        outcomes.len()
    );
    assert!(
        failed.is_empty(),
        "failing Rego tests:\n{}",
        failed.join("\n")
    );
}

#[test]
fn rule_metadata_lint() {
    let mut ids = BTreeSet::new();
    let mut problems = Vec::new();
    for rd in rule_dirs() {
        let text = std::fs::read_to_string(&rd.policy).unwrap();
        let rel = rd.dir.strip_prefix(root().join("policies")).unwrap();
        let want_pkg = format!("moat.{}", rel.to_string_lossy().replace('/', "."));
        let meta = match metadata::parse(&text, "t", "t") {
            Ok(Some(m)) => m,
            other => {
                problems.push(format!(
                    "{}: no usable METADATA: {other:?}",
                    rd.policy.display()
                ));
                continue;
            }
        };
        if meta.package != want_pkg {
            problems.push(format!(
                "{}: package {} should be {want_pkg}",
                rd.policy.display(),
                meta.package
            ));
        }
        if !metadata::is_valid_id(&meta.id) || !ids.insert(meta.id.clone()) {
            problems.push(format!(
                "{}: id {} malformed or duplicated",
                rd.policy.display(),
                meta.id
            ));
        }
        if meta.title.is_empty() || meta.description.len() < 40 || meta.remediation.len() < 20 {
            problems.push(format!(
                "{}: title, description and remediation must be filled in",
                meta.id
            ));
        }
        if meta.resource_types.is_empty() {
            problems.push(format!("{}: resource_types is empty", meta.id));
        }
        if fixtures(&rd.dir, "fail").is_empty() || fixtures(&rd.dir, "pass").is_empty() {
            problems.push(format!(
                "{}: needs at least one fail_*.json and one pass_*.json fixture",
                meta.id
            ));
        }
        let test = rd.dir.join("policy_test.rego");
        match std::fs::read_to_string(&test) {
            Ok(t) if t.contains(&format!("package {want_pkg}_test")) => {}
            _ => problems.push(format!(
                "{}: needs policy_test.rego in package {want_pkg}_test",
                meta.id
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "metadata lint:\n{}",
        problems.join("\n")
    );
}

#[test]
fn rules_reference_in_docs_is_current() {
    let pack = RulePack::builtin().unwrap();
    let pages = moat::report::rule_docs(&pack);
    let stale = moat::report::stale_docs(&root().join("docs/rules"), &pages);
    assert!(
        stale.is_empty(),
        "docs/rules is stale ({stale:?}); run `cargo run -- rules docs --out docs/rules`"
    );
}

#[test]
fn drifted_fixture_trips_every_rule_and_compliant_none() {
    let pack = RulePack::builtin().unwrap();
    let drifted = pack
        .evaluate(&snapshot::load_file(&root().join("fixtures/securecart-drifted.json")).unwrap())
        .unwrap();
    let fired: BTreeSet<&str> = drifted
        .findings
        .iter()
        .map(|f| f.rule_id.as_str())
        .collect();
    let missing: Vec<&str> = pack
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "the drifted fixture does not trip: {missing:?}"
    );
    let compliant = pack
        .evaluate(&snapshot::load_file(&root().join("fixtures/securecart-compliant.json")).unwrap())
        .unwrap();
    let msgs: Vec<String> = compliant
        .findings
        .iter()
        .map(|f| format!("{} {}", f.rule_id, f.message))
        .collect();
    assert!(
        msgs.is_empty(),
        "the compliant fixture has findings:\n{}",
        msgs.join("\n")
    );
}

/// moat precomputes the topology indexes and the world-exposure candidates in Rust for
/// speed; policies/lib defines them in Rego. Both must agree on every fixture.
#[test]
fn precomputed_topology_matches_the_rego_definitions() {
    let pack = RulePack::builtin().unwrap();
    let mut files = vec![
        root().join("fixtures/securecart-compliant.json"),
        root().join("fixtures/securecart-drifted.json"),
    ];
    for rd in rule_dirs() {
        files.extend(fixtures(&rd.dir, "fail"));
    }
    let queries = [
        "data.moat.lib.topology.route_tables.by_subnet",
        "data.moat.lib.topology.public_subnets.ids",
        "data.moat.lib.topology.private_subnets.by_id",
        "{region: {g: sort([t | some t in ts]) | some g, ts in tiers} | some region, tiers in data.moat.lib.topology.sg_tiers.by_group}",
        "{region: sort([sg.GroupId | some sg in data.moat.lib.topology.sg_tiers.in_tier(region, r, \"data\")]) | some region, r in input.regions}",
        "{region: data.moat.lib.net.world_ingress(region, r) | some region, r in input.regions}",
        "{region: data.moat.lib.net.world_egress(region, r) | some region, r in input.regions}",
    ];
    let eval = |input: &serde_json::Value, query: &str| -> serde_json::Value {
        let mut engine = pack.engine().unwrap();
        engine.set_input(regorus::Value::from_json_str(&input.to_string()).unwrap());
        let r = engine
            .eval_query(query.to_string(), false)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        serde_json::to_value(&r.result[0].expressions[0].value).unwrap()
    };
    for file in files {
        let loaded = snapshot::load_file(&file).unwrap();
        let with =
            moat::policy::build_input(&loaded.snapshot, &loaded.value_problems, pack.config());
        let mut without = with.clone();
        let moat = without["moat"].as_object_mut().unwrap();
        moat.remove("topology");
        for index in moat["index"].as_object_mut().unwrap().values_mut() {
            let index = index.as_object_mut().unwrap();
            index.remove("world_ingress");
            index.remove("world_egress");
        }
        // The fast path is really taken: an emptied precomputed index shows through.
        let mut tampered = with.clone();
        for t in tampered["moat"]["topology"]
            .as_object_mut()
            .unwrap()
            .values_mut()
        {
            t["private_subnets"] = serde_json::json!({});
        }
        let q = "data.moat.lib.topology.private_subnets.by_id";
        if eval(&without, q)
            .as_object()
            .unwrap()
            .values()
            .any(|v| !v.as_object().unwrap().is_empty())
        {
            assert_ne!(
                eval(&tampered, q),
                eval(&without, q),
                "the precomputed topology is not used"
            );
        }
        for q in queries {
            let (fast, reference) = (eval(&with, q), eval(&without, q));
            assert!(
                !reference.is_null(),
                "{q} is undefined for {}",
                file.display()
            );
            assert_eq!(fast, reference, "{q} differs for {}", file.display());
        }
    }
}
