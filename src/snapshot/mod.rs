//! The snapshot: schema v1 model, loading with precise errors, JSON Schema, writing.

mod diagnose;
pub mod locate;
pub mod model;
mod sort;
pub mod structure;
mod timestamp;
mod values;

pub use model::*;

use locate::Position;
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a snapshot, pointing into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// JSON pointer of the offending value (empty for the whole document).
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if !self.pointer.is_empty() {
            write!(f, " (at {})", self.pointer)?;
        }
        Ok(())
    }
}

/// A value that is well-typed but cannot be evaluated (an invalid CIDR, a port range that
/// runs backwards). Scans go on and report it as a finding on the resource; `moat validate`
/// reports it as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueProblem {
    pub problem: Problem,
    pub region: String,
    pub resource_type: String,
    pub resource_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", format_problems(.0))]
    Invalid(Vec<Problem>),
    #[error("{path}: the snapshot is {size}, above the limit of {max_bytes} bytes (loading takes about four times its size in memory); raise it with --max-snapshot-mib if this machine has the memory")]
    TooLarge {
        path: String,
        size: String,
        max_bytes: u64,
    },
    #[error("cannot write snapshot {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn format_problems(problems: &[Problem]) -> String {
    let mut out = match problems.len() {
        1 => "invalid snapshot:".to_string(),
        n => format!("invalid snapshot ({n} problems):"),
    };
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

/// A snapshot together with the text it was read from.
#[derive(Debug, Clone)]
pub struct LoadedSnapshot {
    pub snapshot: Snapshot,
    /// The name used in messages and SARIF (the path as given).
    pub source_name: String,
    pub path: Option<PathBuf>,
    pub text: String,
    /// Well-typed values that rules cannot evaluate.
    pub value_problems: Vec<ValueProblem>,
    /// The model differs from the text in more than dropped nulls (timestamps given as epoch
    /// seconds were converted to RFC 3339), so rules must read the model, not the text.
    pub normalized: bool,
}

/// Snapshots larger than this are refused unless the caller allows more (`--max-snapshot-mib`):
/// loading takes about four times the file's size in memory (docs/performance.md).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// The name standard input goes by in messages (`--snapshot -`).
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a snapshot's text from `path` (`-`: standard input), refusing more than `max_bytes`.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, SnapshotError> {
    use std::io::Read;
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let io = |source: std::io::Error| SnapshotError::Io {
        path: name.clone(),
        source,
    };
    let too_big = |size: String| SnapshotError::TooLarge {
        path: name.clone(),
        size,
        max_bytes,
    };
    let mut text = String::new();
    if stdin {
        std::io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_string(&mut text)
            .map_err(io)?;
        if text.len() as u64 > max_bytes {
            return Err(too_big(format!("more than {max_bytes} bytes")));
        }
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > max_bytes {
            return Err(too_big(format!("{size} bytes")));
        }
        (&file)
            .take(max_bytes.saturating_add(1))
            .read_to_string(&mut text)
            .map_err(io)?;
        if text.len() as u64 > max_bytes {
            return Err(too_big(format!("more than {max_bytes} bytes")));
        }
    }
    Ok(text)
}

/// Reads and validates a snapshot file (`-`: standard input), up to [`DEFAULT_MAX_BYTES`].
pub fn load_file(path: &Path) -> Result<LoadedSnapshot, SnapshotError> {
    let name = if path.as_os_str() == "-" {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let text = read_text(path, DEFAULT_MAX_BYTES)?;
    let mut loaded = load_string(text, &name)?;
    loaded.path = Some(path.to_path_buf());
    Ok(loaded)
}

/// Parses and validates snapshot text; `name` is used in messages.
pub fn load_str(text: &str, name: &str) -> Result<LoadedSnapshot, SnapshotError> {
    let mut loaded = load_unowned(text, name)?;
    loaded.text = text.to_string();
    Ok(loaded)
}

/// [`load_str`] for text the caller gives away: the snapshot keeps it without a copy
/// (a large snapshot's text is tens of megabytes).
pub fn load_string(text: String, name: &str) -> Result<LoadedSnapshot, SnapshotError> {
    let mut loaded = load_unowned(&text, name)?;
    loaded.text = text;
    Ok(loaded)
}

/// Parses and validates snapshot text into a [`LoadedSnapshot`] whose `text` is left empty
/// for the caller to fill.
pub(crate) fn load_unowned(text: &str, name: &str) -> Result<LoadedSnapshot, SnapshotError> {
    let at =
        |pos: Position, pointer: &str, message: String| problem_at(name, pos, pointer, message);
    if text.trim().is_empty() {
        return Err(SnapshotError::Invalid(vec![at(
            Position { line: 1, column: 1 },
            "",
            "the file is empty; expected a moat snapshot (a JSON object with \"schema_version\": 1)"
                .to_string(),
        )]));
    }
    if text.starts_with('\u{feff}') {
        return Err(SnapshotError::Invalid(vec![at(
            Position { line: 1, column: 1 },
            "",
            "the file starts with a UTF-8 byte-order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without BOM".to_string(),
        )]));
    }
    // The common case first: a valid snapshot deserializes straight into the model (one
    // pass, no JSON Schema run). Only when that fails is the text examined again to report
    // every problem with its position.
    timestamp::take_converted();
    let snapshot = match serde_json::from_str::<Snapshot>(text) {
        Ok(s) if s.schema_version == SCHEMA_VERSION => s,
        _ => return Err(diagnose::diagnose(text, name)),
    };
    let normalized = timestamp::take_converted();
    // What the model cannot see: a key given twice (the last copy would win silently) and
    // nesting deeper than the engine's parser takes.
    if let Some(p) = structure::check(text) {
        return Err(SnapshotError::Invalid(vec![at(
            p.position, &p.pointer, p.message,
        )]));
    }
    let raw = values::check(&snapshot);
    let positions = locate::locate_pointers(text, raw.iter().map(|r| r.pointer.as_str()));
    let value_problems = raw
        .into_iter()
        .map(|r| ValueProblem {
            problem: at(positions[&r.pointer], &r.pointer, r.message),
            region: r.region,
            resource_type: r.resource_type.to_string(),
            resource_id: r.resource_id,
        })
        .collect();

    Ok(LoadedSnapshot {
        snapshot,
        source_name: name.to_string(),
        path: None,
        text: String::new(),
        value_problems,
        normalized,
    })
}

fn problem_at(file: &str, pos: Position, pointer: &str, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: pos.line,
        column: pos.column,
        pointer: pointer.to_string(),
        message,
    }
}

/// The JSON Schema of snapshot v1, derived from the model.
pub fn json_schema() -> Value {
    let schema = schemars::schema_for!(Snapshot);
    serde_json::to_value(&schema).unwrap_or(Value::Null)
}

/// The schema, pretty-printed as committed in `docs/snapshot.schema.json`.
pub fn json_schema_pretty() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The snapshot as JSON, absent fields omitted: the form rules see and files hold.
pub fn to_json_value(snapshot: &Snapshot) -> Value {
    let mut v = serde_json::to_value(snapshot).unwrap_or(Value::Null);
    strip_nulls(&mut v);
    v
}

fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// Pretty JSON with sorted keys, so snapshots diff cleanly.
pub fn to_pretty_json(snapshot: &Snapshot) -> String {
    let mut s = serde_json::to_string_pretty(&to_json_value(snapshot)).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes a snapshot atomically (temp file + rename), readable by the owner only.
pub fn write_file(path: &Path, snapshot: &Snapshot) -> Result<(), SnapshotError> {
    crate::util::write_private_atomic(path, to_pretty_json(snapshot).as_bytes()).map_err(|source| {
        SnapshotError::Write {
            path: path.display().to_string(),
            source,
        }
    })
}
pub fn structure_check_for_bench(t: &str) -> bool {
    structure::check(t).is_some()
}
