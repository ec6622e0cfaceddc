//! The rule harness: discovers every rule folder under policies/rules and proves each rule on
//! its own fixtures, runs every Rego unit test, and lints the metadata. No per-rule code.

use crate::util::root;
use moat::policy::{metadata, testing, RulePack};
use moat::snapshot;
use std::collections::{BTreeMap, BTreeSet};
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
                        && p.file_name().is_some_and(|n| n != "expected.json")
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// One expected finding of a fixture: where, and the offending element when the rule names one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    region: String,
    resource_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    element: Option<String>,
}

/// Every fixture of every rule gives exactly the findings of that rule that its folder's
/// `fixtures/expected.json` lists: a finding on another resource, a missing one or an extra
/// one fails. `MOAT_BLESS=1` rewrites the files from what the rules find (review the diff).
#[test]
fn every_rule_finds_exactly_what_its_fixtures_expect() {
    let pack = RulePack::builtin().expect("the builtin pack loads");
    let bless = std::env::var_os("MOAT_BLESS").is_some();
    let dirs = rule_dirs();
    assert!(dirs.len() >= 40, "found only {} rule folders", dirs.len());
    let mut failures = Vec::new();
    for rd in &dirs {
        let text = std::fs::read_to_string(&rd.policy).unwrap();
        let meta = metadata::parse(&text, "t", "t")
            .unwrap()
            .expect("rule has metadata");
        let expected_path = rd.dir.join("fixtures/expected.json");
        let expected: BTreeMap<String, Vec<Expected>> =
            match std::fs::read_to_string(&expected_path) {
                Ok(t) => match serde_json::from_str(&t) {
                    Ok(e) => e,
                    Err(e) => {
                        failures.push(format!("{}: {e}", expected_path.display()));
                        continue;
                    }
                },
                Err(_) if bless => BTreeMap::new(),
                Err(e) => {
                    failures.push(format!("{}: {e}", expected_path.display()));
                    continue;
                }
            };
        let mut found_all = BTreeMap::new();
        let files: Vec<PathBuf> = fixtures(&rd.dir, "fail")
            .into_iter()
            .chain(fixtures(&rd.dir, "pass"))
            .collect();
        for fx in &files {
            let name = fx.file_name().unwrap().to_string_lossy().into_owned();
            let text = crate::util::fixture_text(fx);
            let (_, eval) = match moat::scan::evaluate_text(&pack, &text, &fx.display().to_string())
            {
                Ok(r) => r,
                Err(e) => {
                    failures.push(format!(
                        "{}: fixture does not evaluate: {e:#}",
                        fx.display()
                    ));
                    continue;
                }
            };
            let mut found: Vec<Expected> = eval
                .findings
                .iter()
                .filter(|f| f.rule_id == meta.id)
                .map(|f| Expected {
                    region: f.region.clone(),
                    resource_id: f.resource_id.clone(),
                    element: f.element.clone(),
                })
                .collect();
            found.sort();
            if name.starts_with("fail") && found.is_empty() {
                failures.push(format!(
                    "{} {name}: a fail fixture with no finding",
                    meta.id
                ));
            }
            if name.starts_with("pass") && !found.is_empty() {
                failures.push(format!(
                    "{} {name}: a pass fixture with findings: {found:?}",
                    meta.id
                ));
            }
            match expected.get(&name) {
                _ if bless => {}
                None => failures.push(format!(
                    "{}: no expectation for {name}",
                    expected_path.display()
                )),
                Some(want) => {
                    let mut want = want.clone();
                    want.sort();
                    if want != found {
                        failures.push(format!(
                            "{} {name}: expected {want:?}\n    found {found:?}",
                            meta.id
                        ));
                    }
                }
            }
            found_all.insert(name, found);
        }
        if bless {
            let text = serde_json::to_string_pretty(&found_all).unwrap() + "\n";
            std::fs::write(&expected_path, text).unwrap();
        } else {
            for name in expected.keys().filter(|n| !found_all.contains_key(*n)) {
                failures.push(format!(
                    "{}: {name} is not a fixture of this rule",
                    expected_path.display()
                ));
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
            Ok(t) if t.contains(&format!("package {want_pkg}_test")) => {
                // A test that a rule fires says where: `result.found(rule.deny) == {…}`, not a count.
                for (n, line) in t.lines().enumerate() {
                    let l = line.trim_start();
                    if l.starts_with("count(") && !l.contains(") == 0") {
                        problems.push(format!(
                            "{}:{}: assert which findings (result.found), not how many",
                            test.display(),
                            n + 1
                        ));
                    }
                }
            }
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
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let current = moat::report::readme_with_practices(&readme, &pack)
        .expect("README.md has the practices markers");
    assert!(
        current == readme,
        "README.md's practices table is stale; run `cargo run -- rules docs --out docs/rules`"
    );
}

/// Every rule names the SecureCart practice it checks, one of policies/practices.json, so the
/// README's table shows every practice and what checks it.
#[test]
fn every_rule_checks_a_listed_practice() {
    let pack = RulePack::builtin().unwrap();
    let known: Vec<String> = moat::report::practices()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert!(known.len() >= 15, "policies/practices.json did not parse");
    for rule in pack.rules() {
        let p = rule.practice.as_deref().unwrap_or("");
        assert!(
            known.iter().any(|k| k == p),
            "{} names practice {p:?}, which policies/practices.json does not list",
            rule.id
        );
    }
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

/// moat precomputes the derived facts of `input.moat` in Rust for speed; policies/lib
/// defines them in Rego. Both must give the same values, of the same types, on every
/// fixture, pass and fail; and each fact is either defined in Rego or listed as Rust-only.
#[test]
fn precomputed_facts_match_the_rego_definitions() {
    let pack = RulePack::builtin().unwrap();
    let mut files = vec![
        root().join("fixtures/securecart-compliant.json"),
        root().join("fixtures/securecart-drifted.json"),
    ];
    for rd in rule_dirs() {
        files.extend(fixtures(&rd.dir, "fail"));
        files.extend(fixtures(&rd.dir, "pass"));
    }
    // Each derived fact and the Rego that defines it (without moat's input).
    let queries = [
        ("topology.route_table_of", "data.moat.lib.topology.route_tables.by_subnet"),
        ("topology.public_subnets", "data.moat.lib.topology.public_subnets.ids"),
        ("topology.private_subnets", "data.moat.lib.topology.private_subnets.by_id"),
        ("topology.sg_tiers", "data.moat.lib.topology.sg_tiers.by_group"),
        (
            "topology.tier_members",
            "{region: {tier: [sg.GroupId | some sg in data.moat.lib.topology.sg_tiers.in_tier(region, r, tier)] | some tier in {\"web\", \"app\", \"data\"}} | some region, r in input.regions}",
        ),
        ("topology.instance_tiers", "data.moat.lib.topology.instance_tiers.by_instance"),
        ("index.subnets_by_vpc", "data.moat.lib.topology.subnets_by_vpc.by_vpc"),
        ("index.flow_log_types", "data.moat.lib.topology.flow_log_types.by_resource"),
        ("index.instance_public_ip", "data.moat.lib.topology.instance_public_ip.by_instance"),
        ("index.web_acl_resources", "data.moat.lib.topology.web_acl_resources.by_acl"),
    ];
    // Every field of the contract is covered here or declared Rust-only.
    let schema: serde_json::Value =
        serde_json::from_str(&moat::policy::derived_schema_pretty()).unwrap();
    let defs = &schema["$defs"];
    let mut facts: BTreeSet<String> = BTreeSet::new();
    for (key, def) in [
        ("", &schema),
        ("index.", &defs["RegionIndex"]),
        ("topology.", &defs["RegionTopology"]),
    ] {
        for field in def["properties"].as_object().unwrap().keys() {
            if !(key.is_empty() && (field == "index" || field == "topology")) {
                facts.insert(format!("{key}{field}"));
            }
        }
    }
    let covered: BTreeSet<String> = queries
        .iter()
        .map(|(f, _)| f.to_string())
        .chain(moat::policy::RUST_ONLY.iter().map(|(f, _)| f.to_string()))
        .collect();
    assert_eq!(
        facts, covered,
        "a fact of input.moat with neither a Rego definition nor a Rust-only entry"
    );

    let eval = |input: &serde_json::Value, query: &str| -> serde_json::Value {
        let mut engine = pack.engine().unwrap();
        engine.set_input(regorus::Value::from_json_str(&input.to_string()).unwrap());
        let r = engine
            .eval_query(query.to_string(), false)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        serde_json::to_value(&r.result[0].expressions[0].value).unwrap()
    };
    for file in files {
        let loaded = snapshot::load_str(&crate::util::fixture_text(&file), "fixture").unwrap();
        let with =
            moat::policy::build_input(&loaded.snapshot, &loaded.value_problems, pack.config());
        let mut without = with.clone();
        let moat = without["moat"].as_object_mut().unwrap();
        moat.remove("topology");
        moat.remove("index");
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
        for (fact, q) in queries {
            let (fast, reference) = (eval(&with, q), eval(&without, q));
            assert!(
                !reference.is_null(),
                "{q} is undefined for {}",
                file.display()
            );
            assert_eq!(
                fast,
                reference,
                "{fact} ({q}) differs for {}",
                file.display()
            );
        }
    }
}

/// Rules read derived facts through policies/lib (so they also run without moat's input),
/// except the Rust-only ones, which their metadata declares.
#[test]
fn rules_read_derived_facts_through_the_library() {
    let mut problems = Vec::new();
    for rd in rule_dirs() {
        let text = std::fs::read_to_string(&rd.policy).unwrap();
        let meta = metadata::parse(&text, "t", "t").unwrap().unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        // The library functions that read a Rust-only fact count as reading it.
        let via_library = [
            "net.sg_ingress(",
            "net.sg_egress(",
            "net.acl_ingress(",
            "net.acl_egress(",
            "net.exposures(",
        ];
        let rust_only = moat::policy::RUST_ONLY
            .iter()
            .any(|(f, _)| code.contains(&format!("input.moat.{f}")))
            || via_library.iter().any(|f| code.contains(f));
        if code.contains("input.moat.index") || code.contains("input.moat.topology") {
            problems.push(format!(
                "{}: reads input.moat.index/topology directly; use policies/lib/topology",
                meta.id
            ));
        }
        if rust_only != meta.needs_moat_input {
            problems.push(format!(
                "{}: reads a Rust-only fact: {rust_only}, but custom.needs_moat_input is {}",
                meta.id, meta.needs_moat_input
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn input_moat_schema_in_docs_is_current() {
    let want = moat::policy::derived_schema_pretty();
    let have =
        std::fs::read_to_string(root().join("docs/input-moat.schema.json")).unwrap_or_default();
    assert!(
        have == want,
        "docs/input-moat.schema.json is stale; run `cargo run -- schema --input-moat > docs/input-moat.schema.json`"
    );
}

/// fixtures/securecart-drifted.json is the compliant account with every rule's
/// `fail_securecart.patch.json` applied, in the order of fixtures/drifted-order.txt (each
/// patch is written against the compliant account: its array indexes are rebased over the
/// elements earlier patches removed), then fixtures/drifted.patch.json. `MOAT_BLESS=1`
/// rewrites the file.
#[test]
fn drifted_account_is_built_from_the_rules_fail_patches() {
    use serde_json::Value;
    let order_text = std::fs::read_to_string(root().join("fixtures/drifted-order.txt")).unwrap();
    let order: Vec<&str> = order_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let with_patch: BTreeSet<String> = rule_dirs()
        .into_iter()
        .filter(|rd| rd.dir.join("fixtures/fail_securecart.patch.json").is_file())
        .map(|rd| {
            rd.dir
                .strip_prefix(root().join("policies/rules"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let listed: BTreeSet<String> = order.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed.len(), order.len(), "a folder is listed twice");
    assert_eq!(
        listed, with_patch,
        "drifted-order.txt and the rules' fail patches differ"
    );
    assert_eq!(
        with_patch.len(),
        rule_dirs().len(),
        "every rule needs a fail_securecart.patch.json"
    );

    let compliant = crate::util::compliant_account();
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    let escape = |s: &str| s.replace('~', "~0").replace('/', "~1");
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut doc = compliant.clone();
    let mut patches: Vec<PathBuf> = order
        .iter()
        .map(|f| {
            root()
                .join("policies/rules")
                .join(f)
                .join("fixtures/fail_securecart.patch.json")
        })
        .collect();
    patches.push(root().join("fixtures/drifted.patch.json"));
    for file in patches {
        let ops: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut rebased = Vec::new();
        let mut removes = Vec::new();
        for mut op in ops {
            let path = op["path"].as_str().unwrap().to_string();
            let parts: Vec<String> = path.split('/').skip(1).map(unescape).collect();
            let (mut cur, mut orig, mut out) = (Some(&compliant), String::new(), String::new());
            for p in &parts {
                match (cur, p.parse::<usize>()) {
                    (Some(Value::Array(items)), Ok(i)) => {
                        let gone = removed
                            .get(&orig)
                            .map_or(0, |r| r.iter().filter(|&&x| x < i).count());
                        out.push_str(&format!("/{}", i - gone));
                        cur = items.get(i);
                    }
                    (c, _) => {
                        out.push_str(&format!("/{}", escape(p)));
                        cur = c.and_then(|c| c.get(p.as_str()));
                    }
                }
                orig.push_str(&format!("/{}", escape(p)));
            }
            if op["op"] == "remove" {
                if let Some((parent, last)) = path.rsplit_once('/') {
                    if let Ok(i) = last.parse::<usize>() {
                        removes.push((parent.to_string(), i));
                    }
                }
            }
            op["path"] = Value::String(out);
            rebased.push(op);
        }
        let patch: json_patch::Patch = serde_json::from_value(Value::Array(rebased)).unwrap();
        json_patch::patch(&mut doc, &patch).unwrap_or_else(|e| {
            panic!(
                "{}: does not apply to the drifted account: {e}",
                file.display()
            )
        });
        for (parent, i) in removes {
            removed.entry(parent).or_default().push(i);
        }
    }
    let path = root().join("fixtures/securecart-drifted.json");
    if std::env::var_os("MOAT_BLESS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
    }
    let have: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(have == doc, "fixtures/securecart-drifted.json is stale; MOAT_BLESS=1 cargo test drifted_account rewrites it");
}

/// Every `requires` entry names an operation the collector really makes (`service:Operation`
/// as coverage records it): a misspelt one would never match a gap, and the rule would read
/// as evaluated on data that was not read.
#[cfg(feature = "aws")]
#[test]
fn every_requires_entry_names_an_operation_the_collector_makes() {
    let made: BTreeSet<String> = moat::collect::ops::ALL
        .iter()
        .map(|op| format!("{}:{}", op.service, op.operation))
        .collect();
    let pack = RulePack::builtin().unwrap();
    let mut wrong = Vec::new();
    for rule in pack.rules() {
        for r in &rule.requires {
            if !made.contains(r) {
                wrong.push(format!("{}: {r}", rule.id));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "requires entries the collector never records:\n{}",
        wrong.join("\n")
    );
}

/// TGW003 sees the organization's accounts that `moat scan --org` puts in the configuration:
/// unknown → info, outside the organization → medium, inside → nothing.
#[test]
fn the_organization_known_to_a_scan_decides_foreign_attachments() {
    let pack = RulePack::builtin().unwrap();
    let drifted = root().join("fixtures/securecart-drifted.json");
    let tgw003 = |pack: &RulePack| -> Vec<String> {
        let (_, e) = moat::scan::evaluate_file(pack, &drifted).unwrap();
        e.findings
            .iter()
            .filter(|f| f.rule_id == "TGW003")
            .map(|f| f.severity.as_str().to_string())
            .collect()
    };
    assert_eq!(tgw003(&pack), ["info"]);
    let outside = pack.with_config_value(
        "organization_accounts",
        serde_json::json!(["123456789012", "210987654321"]),
    );
    assert_eq!(tgw003(&outside), ["medium"]);
    let inside = pack.with_config_value(
        "organization_accounts",
        serde_json::json!(["123456789012", "999988887777"]),
    );
    assert!(tgw003(&inside).is_empty());
}
