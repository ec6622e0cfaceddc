//! Structure-aware fuzzing of the snapshot loader and the evaluation behind it: random
//! mutations of the compliant account (truncation, duplicate keys, deep nesting, values of
//! the wrong type, stray bytes) must give a clear error or an evaluation, never a panic.
//!
//! The suite runs a bounded number of cases; `MOAT_FUZZ_CASES=5000 cargo test fuzz` runs more
//! (docs/performance.md says how long that takes).

use crate::util::fixture;
use moat::policy::RulePack;
use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::OnceLock;

fn compliant() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| std::fs::read_to_string(fixture("securecart-compliant.json")).unwrap())
}

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::builtin().unwrap())
}

/// The pack on the interpreter, the reference the compiled rules must agree with.
fn interpreted() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| {
        let mut pack = RulePack::builtin().unwrap();
        pack.set_evaluator(moat::policy::Evaluator::Interpreter);
        pack
    })
}

/// What an evaluation concluded: findings, rules not evaluated and rules that failed.
fn outcome(e: &moat::policy::Evaluation) -> serde_json::Value {
    serde_json::json!({
        "findings": e.findings,
        "not_evaluated": e.not_evaluated,
        "rule_errors": e.rule_errors,
    })
}

/// One mutation of the text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the text at a point.
    Truncate(Index),
    /// Repeat a `"key": value` line right after itself.
    DuplicateLine(Index),
    /// Wrap a value in this many arrays.
    Nest(Index, usize),
    /// Replace a scalar value with one of another type.
    Retype(Index, u8),
    /// Insert a stray byte sequence.
    Insert(Index, Vec<u8>),
    /// Delete a run of bytes.
    Delete(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), 1usize..400).prop_map(|(i, n)| Mutation::Nest(i, n)),
        (any::<Index>(), 0u8..6).prop_map(|(i, k)| Mutation::Retype(i, k)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(text: &str, m: &Mutation) -> Vec<u8> {
    let b = text.as_bytes();
    let lines: Vec<&str> = text.lines().collect();
    let value_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with('"') && lines[i].contains("\": "))
        .collect();
    let join = |ls: Vec<String>| ls.join("\n").into_bytes();
    match m {
        Mutation::Truncate(i) => b[..i.index(b.len())].to_vec(),
        Mutation::Delete(i, n) => {
            let at = i.index(b.len());
            [&b[..at], &b[(at + n).min(b.len())..]].concat()
        }
        Mutation::Insert(i, bytes) => {
            let at = i.index(b.len());
            [&b[..at], bytes.as_slice(), &b[at..]].concat()
        }
        Mutation::DuplicateLine(i) => {
            let at = value_lines[i.index(value_lines.len())];
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let line = out[at].clone();
            let copy = if line.trim_end().ends_with(',') {
                line
            } else {
                format!("{line},")
            };
            out.insert(at, copy);
            join(out)
        }
        Mutation::Nest(i, depth) => {
            let at = value_lines[i.index(value_lines.len())];
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let (key, value) = out[at].split_once("\": ").unwrap();
            let (value, comma) = match value.strip_suffix(',') {
                Some(v) => (v, ","),
                None => (value, ""),
            };
            if value.ends_with(['{', '[']) {
                return text.as_bytes().to_vec();
            }
            out[at] = format!(
                "{key}\": {}{value}{}{comma}",
                "[".repeat(*depth),
                "]".repeat(*depth)
            );
            join(out)
        }
        Mutation::Retype(i, kind) => {
            let at = value_lines[i.index(value_lines.len())];
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let (key, value) = out[at].split_once("\": ").unwrap();
            let comma = if value.ends_with(',') { "," } else { "" };
            if value.trim_end_matches(',').ends_with(['{', '[']) {
                return text.as_bytes().to_vec();
            }
            let new = ["null", "true", "-1", "1e400", "\"x\"", "{}"][usize::from(*kind)];
            out[at] = format!("{key}\": {new}{comma}");
            join(out)
        }
    }
}

fn cases() -> u32 {
    std::env::var("MOAT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_snapshots_give_an_error_or_an_evaluation_never_a_panic(
        mutations in prop::collection::vec(mutation(), 1..3)
    ) {
        let mut text = compliant().to_string();
        for m in &mutations {
            text = String::from_utf8_lossy(&apply(&text, m)).into_owned();
        }
        match moat::snapshot::load_str(&text, "fuzz.json") {
            Ok(_) => {
                // A snapshot that loads evaluates: findings, or rules reported as failed. The
                // compiled rules conclude what the interpreter does, also on odd values (the
                // VM would read a failing built-in as "no finding" where the interpreter
                // reports the rule as failed).
                let result = moat::scan::evaluate_text(pack(), &text, "fuzz.json");
                prop_assert!(result.is_ok(), "{:?}", result.err());
                let reference = moat::scan::evaluate_text(interpreted(), &text, "fuzz.json");
                prop_assert!(reference.is_ok(), "{:?}", reference.err());
                if let (Ok((_, compiled)), Ok((_, reference))) = (&result, &reference) {
                    prop_assert_eq!(outcome(compiled), outcome(reference));
                }
            }
            Err(moat::snapshot::SnapshotError::Invalid(problems)) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(p.line >= 1 && p.column >= 1 && !p.message.is_empty(), "{p}");
                }
            }
            Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
        }
    }
}
