//! Timestamps as the AWS CLI prints them: RFC 3339 strings (CLI v2) or epoch seconds
//! (CLI v1 and the wire format: `1795167000.0`). Both are read; the model keeps RFC 3339.

use serde::{Deserialize, Deserializer};
use std::cell::Cell;

thread_local! {
    /// Set when a timestamp was read from epoch seconds on this thread (see [`take_converted`]).
    static CONVERTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a timestamp was converted from epoch seconds since the last call, on this thread.
/// The rules then read the snapshot through the model, where every timestamp is RFC 3339.
pub(crate) fn take_converted() -> bool {
    CONVERTED.with(|c| c.replace(false))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Raw {
    Text(String),
    Seconds(f64),
}

fn normalize<E: serde::de::Error>(raw: Raw) -> Result<String, E> {
    match raw {
        Raw::Text(s) => Ok(s),
        Raw::Seconds(secs) => {
            CONVERTED.with(|c| c.set(true));
            crate::util::epoch_to_rfc3339(secs).ok_or_else(|| {
                E::custom(format!(
                    "{secs} is not a time moat can read (epoch seconds between years 1 and 9999)"
                ))
            })
        }
    }
}

/// A required timestamp.
pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    normalize(Raw::deserialize(d)?)
}

/// An optional timestamp.
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Raw>::deserialize(d)?.map(normalize).transpose()
}

/// The JSON Schema of a timestamp: an RFC 3339 string or epoch seconds.
pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "RFC 3339 time, or seconds since the Unix epoch (as AWS CLI v1 prints them)",
        "type": ["string", "number"]
    })
}

/// The same, absent allowed.
pub fn optional_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "RFC 3339 time, or seconds since the Unix epoch (as AWS CLI v1 prints them)",
        "type": ["string", "number", "null"]
    })
}
