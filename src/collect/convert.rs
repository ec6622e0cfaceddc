//! SDK values to the snapshot model's: optional strings, required ids, enums, dates, tags.

pub(crate) fn tag_list<T>(
    tags: &[T],
    kv: impl Fn(&T) -> (Option<&str>, Option<&str>),
) -> Vec<crate::snapshot::Tag> {
    let mut out: Vec<crate::snapshot::Tag> = tags
        .iter()
        .filter_map(|t| {
            let (k, v) = kv(t);
            k.map(|k| crate::snapshot::Tag {
                key: k.to_string(),
                value: v.unwrap_or_default().to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

pub(crate) fn s(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

/// A field the API always sets (ids, names); an absent one becomes the empty string.
pub(crate) fn req(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

/// An SDK enum (state, type, protocol) as its wire string.
pub(crate) fn en<E: AsRef<str>>(v: Option<&E>) -> Option<String> {
    v.map(|e| e.as_ref().to_string())
}

pub(crate) fn date(d: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    d.and_then(|d| d.fmt(aws_smithy_types::date_time::Format::DateTime).ok())
}

/// Some services answer "does not exist" for a plain fact (no logging configuration, no
/// web ACL on a resource, no subscription): that answer is `Ok(None)`, not a failure.
pub(crate) fn absent_as_none<T, E>(
    r: Result<T, E>,
    absent: impl Fn(&E) -> bool,
) -> Result<Option<T>, E> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if absent(&e) => Ok(None),
        Err(e) => Err(e),
    }
}
