//! Why a snapshot does not load: every problem, each with its line, column and JSON pointer,
//! from the JSON parser, the shape checks and the JSON Schema derived from the model.

use super::locate::{self, Position};
use super::{json_schema, problem_at, structure, Snapshot, SnapshotError, SCHEMA_VERSION};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every problem of a snapshot that does not deserialize, each with its position.
pub(super) fn diagnose(text: &str, name: &str) -> SnapshotError {
    let at =
        |pos: Position, pointer: &str, message: String| problem_at(name, pos, pointer, message);
    // First, so that nothing below walks a document nested deeper than the stack allows.
    if let Some(p) = structure::check(text) {
        return SnapshotError::Invalid(vec![at(p.position, &p.pointer, p.message)]);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let what = match e.classify() {
                serde_json::error::Category::Eof => {
                    "the JSON ends too early (is the file truncated?)"
                }
                _ => "not valid JSON",
            };
            return SnapshotError::Invalid(vec![at(
                Position {
                    line: e.line().max(1),
                    column: e.column().max(1),
                },
                "",
                format!("{what}: {}", strip_position(&e.to_string())),
            )]);
        }
    };
    let Some(obj) = value.as_object() else {
        return SnapshotError::Invalid(vec![at(
            Position { line: 1, column: 1 },
            "",
            format!(
                "expected a JSON object (a moat snapshot), found {}",
                json_type(&value)
            ),
        )]);
    };
    match obj.get("schema_version") {
        None => {
            return SnapshotError::Invalid(vec![at(
                Position { line: 1, column: 1 },
                "",
                format!("missing \"schema_version\"; expected {SCHEMA_VERSION}"),
            )])
        }
        Some(v) if v.as_u64() != Some(u64::from(SCHEMA_VERSION)) => {
            let pos = locate::locate_pointer(text, "/schema_version");
            let msg = match v.as_u64() {
                Some(n) => format!("unsupported schema_version {n}; this moat reads schema version {SCHEMA_VERSION}"),
                None => format!(
                    "expected \"schema_version\" to be the integer {SCHEMA_VERSION}, found {}",
                    json_type(v)
                ),
            };
            return SnapshotError::Invalid(vec![at(pos, "/schema_version", msg)]);
        }
        Some(_) => {}
    }
    let mut schema_problems: Vec<(String, String)> = Vec::new();
    for e in schema_validator().iter_errors(&value) {
        flatten_schema_error(&e, &mut schema_problems);
    }
    schema_problems.dedup();
    if !schema_problems.is_empty() {
        let positions = locate_many(text, schema_problems.iter().map(|(p, _)| p.as_str()));
        return SnapshotError::Invalid(
            schema_problems
                .into_iter()
                .map(|(pointer, msg)| {
                    at(
                        positions[&pointer],
                        &pointer,
                        format!("expected {}", describe_schema_error(&msg)),
                    )
                })
                .collect(),
        );
    }
    // The schema accepted what the model did not: report the model's own message.
    match serde_json::from_str::<Snapshot>(text) {
        Err(e) => SnapshotError::Invalid(vec![at(
            Position {
                line: e.line().max(1),
                column: e.column().max(1),
            },
            "",
            strip_position(&e.to_string()),
        )]),
        Ok(_) => SnapshotError::Invalid(vec![at(
            Position { line: 1, column: 1 },
            "",
            "the snapshot cannot be read".into(),
        )]),
    }
}

/// A schema error as the problems to report: an "anyOf"/"oneOf" failure (an optional
/// structure, say) is replaced by the errors of the alternative that came closest, so the
/// message names the field that failed rather than the whole object.
fn flatten_schema_error(e: &jsonschema::ValidationError<'_>, out: &mut Vec<(String, String)>) {
    use jsonschema::error::ValidationErrorKind as K;
    let branches = match e.kind() {
        K::AnyOf { context } | K::OneOfNotValid { context } => Some(context),
        _ => None,
    };
    let here = e.instance_path().as_str();
    // The alternative worth reporting: not one that merely says "expected null" here.
    let best = branches.and_then(|branches| {
        branches
            .iter()
            .filter(|errors| {
                !errors.iter().all(|x| {
                    x.instance_path().as_str() == here
                        && matches!(x.kind(), K::Type { .. })
                        && x.to_string().contains("\"null\"")
                })
            })
            .min_by_key(|errors| errors.len())
    });
    match best {
        Some(errors) if !errors.is_empty() => {
            for x in errors {
                flatten_schema_error(x, out);
            }
        }
        _ => out.push((here.to_string(), e.to_string())),
    }
}

fn locate_many<'a>(
    text: &str,
    pointers: impl Iterator<Item = &'a str>,
) -> HashMap<String, Position> {
    locate::locate_pointers(text, pointers)
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// jsonschema says what is wrong with the value; moat leads with what was expected.
fn describe_schema_error(msg: &str) -> String {
    // e.g. `"22" is not of type "integer"` → `integer, found "22"`
    if let Some((found, ty)) = msg.split_once(" is not of type ") {
        return format!("{}, found {found}", ty.replace('"', ""));
    }
    if let Some((found, tys)) = msg.split_once(" is not of types ") {
        let tys: Vec<String> = tys
            .split(", ")
            .map(|t| t.replace('"', ""))
            .filter(|t| t != "null")
            .collect();
        return format!("{}, found {found}", tys.join(" or "));
    }
    if let Some(prop) = msg.strip_suffix(" is a required property") {
        return format!("required property {prop} to be present");
    }
    if let Some(rest) = msg.strip_prefix("Additional properties are not allowed (") {
        // `'Securitygroups' was unexpected)` or `'a', 'b' were unexpected)`
        let names: Vec<&str> = rest.split('\'').skip(1).step_by(2).collect();
        let described: Vec<String> = names
            .iter()
            .map(|n| match similar_key(n) {
                Some(k) => format!("\"{n}\" (did you mean \"{k}\"?)"),
                None => format!("\"{n}\""),
            })
            .collect();
        return format!(
            "only the keys moat knows here; unknown: {} (keys are case-sensitive, as the AWS CLI prints them)",
            described.join(", ")
        );
    }
    format!("a valid value: {msg}")
}

/// A key of the snapshot model that `name` resembles: the same but for case, or one or two
/// edits away.
fn similar_key(name: &str) -> Option<String> {
    fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    out.extend(props.keys().cloned());
                }
                m.values().for_each(|x| keys(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
            _ => {}
        }
    }
    let mut known = std::collections::BTreeSet::new();
    keys(&json_schema(), &mut known);
    let lower = name.to_ascii_lowercase();
    if let Some(k) = known.iter().find(|k| k.to_ascii_lowercase() == lower) {
        return Some(k.clone());
    }
    known
        .into_iter()
        .map(|k| (edit_distance(&k, name), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance (names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        // The schema is generated from our own types at build time; failing to compile it is
        // a bug caught by the test suite, not an input error.
        jsonschema::validator_for(&json_schema()).expect("the snapshot JSON Schema compiles")
    })
}
