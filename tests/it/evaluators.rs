//! The embedded pack runs compiled to regorus's VM; the interpreter is the reference. The two
//! must agree on every rule fixture and on account fixtures with fields removed at random
//! (the VM's known divergences concern undefined values, which missing fields produce).

use crate::util::root;
use moat::policy::{Evaluator, RulePack};
use moat::snapshot;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn packs() -> (RulePack, RulePack) {
    let compiled = RulePack::builtin().expect("the builtin pack loads");
    let mut interpreted = compiled.clone();
    interpreted.set_evaluator(Evaluator::Interpreter);
    (compiled, interpreted)
}

/// The findings of one evaluation as JSON (fingerprints, messages, properties and all),
/// plus the rules not evaluated; `None` when the text is not a loadable snapshot.
fn outcome(pack: &RulePack, text: &str, name: &str) -> Option<Value> {
    let loaded = snapshot::load_str(text, name).ok()?;
    let evaluation = pack
        .evaluate(&loaded)
        .unwrap_or_else(|e| panic!("{name}: evaluation failed: {e}"));
    Some(serde_json::json!({
        "findings": evaluation.findings,
        "not_evaluated": evaluation.not_evaluated,
    }))
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "json")
            && path.file_name().is_some_and(|n| n != "expected.json")
            && path.parent().is_some_and(|p| p.ends_with("fixtures"))
        {
            out.push(path);
        }
    }
}

#[test]
fn compiled_and_interpreted_rules_agree_on_every_fixture() {
    let (compiled, interpreted) = packs();
    let mut files = vec![
        root().join("fixtures/securecart-compliant.json"),
        root().join("fixtures/securecart-drifted.json"),
    ];
    json_files(&root().join("policies/rules"), &mut files);
    assert!(files.len() > 90, "found only {} fixtures", files.len());
    let mut findings = 0;
    for file in &files {
        let text = crate::util::fixture_text(file);
        let name = file.display().to_string();
        let a = outcome(&compiled, &text, &name).expect("fixtures load");
        let b = outcome(&interpreted, &text, &name).expect("fixtures load");
        assert_eq!(a, b, "{name}: the compiled and interpreted rules disagree");
        findings += a["findings"].as_array().map_or(0, Vec::len);
    }
    // Not a vacuous comparison: the fixtures produce findings of every rule.
    assert!(findings > 150, "only {findings} findings compared");
}

/// A small deterministic generator (xorshift64*), so a failure reproduces from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// The path of a field with array positions left out: `regions/ec2/SecurityGroups/GroupName`.
type Pattern = String;

/// Finds which fields a snapshot may lack: for the first field of each pattern, whether the
/// snapshot still loads without it (the schema requires some, such as ids).
fn optional_fields(
    root: &Value,
    value: &Value,
    path: &mut Vec<PathStep>,
    out: &mut std::collections::BTreeMap<Pattern, bool>,
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(PathStep::Key(key.clone()));
                let pattern = pattern(path);
                out.entry(pattern).or_insert_with(|| {
                    let mut without = root.clone();
                    remove_at(&mut without, path);
                    snapshot::load_str(&without.to_string(), "probe").is_ok()
                });
                optional_fields(root, child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(PathStep::Index(i));
                optional_fields(root, child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn pattern(path: &[PathStep]) -> Pattern {
    path.iter()
        .filter_map(|s| match s {
            PathStep::Key(k) => Some(k.as_str()),
            PathStep::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn remove_at(value: &mut Value, path: &[PathStep]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = value;
    for step in parents {
        cur = match (step, cur) {
            (PathStep::Key(k), Value::Object(m)) => m.get_mut(k).expect("path exists"),
            (PathStep::Index(i), Value::Array(a)) => &mut a[*i],
            _ => panic!("path does not match the value"),
        };
    }
    if let (PathStep::Key(k), Value::Object(m)) = (last, cur) {
        m.remove(k);
    }
}

/// Removes each optional field with probability 1/`one_in`.
fn remove_fields(
    value: &mut Value,
    path: &mut Vec<PathStep>,
    optional: &std::collections::BTreeMap<Pattern, bool>,
    rng: &mut Rng,
    one_in: u64,
) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                path.push(PathStep::Key(key.clone()));
                let removable = optional.get(&pattern(path)).copied().unwrap_or(false);
                if removable && rng.next().is_multiple_of(one_in) {
                    map.remove(&key);
                } else if let Some(v) = map.get_mut(&key) {
                    remove_fields(v, path, optional, rng, one_in);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                path.push(PathStep::Index(i));
                remove_fields(v, path, optional, rng, one_in);
                path.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn compiled_and_interpreted_rules_agree_when_fields_are_missing() {
    let (compiled, interpreted) = packs();
    let mut compared = 0;
    let mut findings = 0;
    for name in ["securecart-drifted.json", "securecart-compliant.json"] {
        let path = root().join("fixtures").join(name);
        let base: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("readable"))
            .expect("fixture is JSON");
        let mut optional = std::collections::BTreeMap::new();
        optional_fields(&base, &base, &mut Vec::new(), &mut optional);
        assert!(
            optional.values().filter(|o| **o).count() > 50,
            "only {} optional fields",
            optional.values().filter(|o| **o).count()
        );
        for seed in 1..=40u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut variant = base.clone();
            remove_fields(&mut variant, &mut Vec::new(), &optional, &mut rng, 25);
            let text = variant.to_string();
            let label = format!("{name} with fields removed (seed {seed})");
            let Some(a) = outcome(&compiled, &text, &label) else {
                continue;
            };
            let b = outcome(&interpreted, &text, &label).expect("loaded once already");
            assert_eq!(a, b, "{label}: the compiled and interpreted rules disagree");
            compared += 1;
            findings += a["findings"].as_array().map_or(0, Vec::len);
        }
    }
    assert_eq!(compared, 80, "every variant loads");
    assert!(findings > 500, "only {findings} findings compared");
}

/// The compiled path rewrites `x := e` in rule bodies to `x = e` (see
/// `policy::compiled::guard_assignments`). That is the same assignment only while `x` is a
/// new local: were `x` also a rule of the package or an imported name, `x = e` would compare
/// instead of assign. No policy of the pack may have a body variable named like either.
#[test]
fn no_body_assignment_shadows_a_package_rule_or_import() {
    let pack = RulePack::builtin().unwrap();
    let ident = |s: &str| -> Option<String> {
        let name: String = s
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        (!name.is_empty()).then_some(name)
    };
    let mut problems = Vec::new();
    let mut checked = 0;
    for src in pack.sources() {
        let mut globals = std::collections::BTreeSet::new();
        for line in src.text.lines() {
            if let Some(rest) = line.strip_prefix("import ") {
                let path = rest.split(" as ").last().unwrap_or(rest).trim();
                if let Some(last) = path.rsplit('.').next() {
                    globals.insert(last.to_string());
                }
            } else if !line.starts_with([' ', '\t', '#', '}', ']', ')'])
                && !line.starts_with("package")
            {
                if let Some(name) = ident(line) {
                    globals.insert(name);
                }
            }
        }
        for (n, line) in src.text.lines().enumerate() {
            if !line.starts_with(['\t', ' ']) || line.trim_start().starts_with('#') {
                continue;
            }
            for (i, _) in line.match_indices(":=") {
                let before = line[..i].trim_end();
                let names: Vec<String> = match before.strip_suffix(']') {
                    Some(b) => b[b.rfind('[').map_or(0, |p| p + 1)..]
                        .split(',')
                        .filter_map(|v| ident(v.trim()))
                        .collect(),
                    None => before
                        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .and_then(ident)
                        .into_iter()
                        .collect(),
                };
                for name in names {
                    checked += 1;
                    if globals.contains(&name) {
                        problems.push(format!(
                            "{}:{}: `{name} :=` shadows a rule or import of the file",
                            src.origin,
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} body assignments found: the scan is broken"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The compiled evaluator runs each family's rules in one VM execution (so the libraries they
/// share are computed once), and the results are the same as rule by rule.
#[test]
fn families_run_as_batches_with_the_same_findings() {
    let (compiled, _) = packs();
    let text = crate::util::fixture_text(&root().join("fixtures/securecart-drifted.json"));
    let loaded = snapshot::load_str(&text, "drifted").unwrap();
    let batched = compiled.evaluate(&loaded).unwrap();
    let labels: Vec<&str> = batched.timings.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        labels.contains(&"NET001 NET002 NET003 NET004 NET005"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l.starts_with("SG001 SG002")),
        "{labels:?}"
    );
    // One batch per family of two rules or more; the family of one (SHIELD001) alone.
    assert!(labels.contains(&"SHIELD001"), "{labels:?}");
    assert!(batched.interpreted.is_empty(), "{:?}", batched.interpreted);

    let mut one_by_one = compiled.clone();
    one_by_one.set_options(moat::policy::EvalOptions {
        profile: true,
        ..Default::default()
    });
    let single = one_by_one.evaluate(&loaded).unwrap();
    assert!(single.timings.iter().all(|(l, _)| !l.contains(' ')));
    assert_eq!(
        serde_json::to_value(&batched.findings).unwrap(),
        serde_json::to_value(&single.findings).unwrap()
    );
    assert!(batched.findings.len() > 80);
}
