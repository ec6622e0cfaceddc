//! Checks on the shape of the JSON text that serde does not make: a key twice in one object
//! (serde_json keeps the last copy silently, so findings in the first would vanish) and
//! nesting deeper than any snapshot needs (the engine's parser refuses it, and recursive
//! walks would exhaust the stack). One iterative pass over bytes, no recursion.

use super::locate::Position;
use std::collections::HashMap;

/// Deeper than this is refused: serde_json's own recursion limit, which the rule engine's
/// parser shares. A snapshot nests about ten levels.
pub const MAX_DEPTH: usize = 128;

/// A shape problem: where, the JSON pointer of the object or value concerned, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    pub position: Position,
    pub pointer: String,
    pub message: String,
}

/// Where an open container sits in its parent: the segment of its JSON pointer.
#[derive(Clone, Copy)]
enum Segment {
    Root,
    /// A member of an object: the byte range of its key (as written, between the quotes).
    Key(usize, usize),
    Index(usize),
}

/// An open object or array.
struct Frame {
    object: bool,
    segment: Segment,
    /// Objects: where this object's keys start in the shared key stack, and whether the
    /// next string is a key.
    keys_from: usize,
    expect_key: bool,
    /// Arrays: the index of the current element.
    index: usize,
    /// Objects with many keys: their keys (decoded) → where the first copy is, so a wide
    /// object costs linear time, not quadratic.
    wide: Option<Box<KeyMap>>,
}

/// Decoded key → the byte range of its first copy.
type KeyMap = HashMap<Vec<u8>, (usize, usize)>;

/// From this many keys on, an object's keys are looked up in a map.
const WIDE: usize = 32;

/// The first duplicate key or over-deep value in `text` (JSON that serde_json accepted, or
/// any text: the scan never fails, it only looks). Keys are byte ranges on one shared stack
/// (a map only for wide objects), and pointers are only spelled out for a problem.
pub fn check(text: &str) -> Option<ShapeProblem> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The keys of every open object, innermost last, as byte ranges in the text.
    let mut keys: Vec<(u64, usize, usize)> = Vec::new();
    // The key most recently read in the innermost object: the segment of its value.
    let mut last_key: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        // Most bytes (whitespace, numbers, literals) change nothing: skip them in a tight loop.
        while i < b.len() && !STRUCTURAL[usize::from(b[i])] {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        match c {
            b'"' => {
                let start = i + 1;
                i = string_end(b, start);
                let end = i.min(b.len());
                if let Some(frame) = stack.last_mut().filter(|f| f.object && f.expect_key) {
                    frame.expect_key = false;
                    let seen = &keys[frame.keys_from..];
                    let tag = key_tag(&b[start..end]);
                    // Keys with a backslash may spell one string two ways: compare those by
                    // their decoded text; all others by their bytes, the tag first.
                    let escaped = tag & ESCAPED != 0;
                    if frame.wide.is_none() && seen.len() >= WIDE {
                        let mut map = HashMap::with_capacity(seen.len() * 2);
                        for &(_, s, e) in seen {
                            map.entry(key_bytes(b, s, e)).or_insert((s, e));
                        }
                        frame.wide = Some(Box::new(map));
                    }
                    let duplicate = match &mut frame.wide {
                        Some(map) => match map.entry(key_bytes(b, start, end)) {
                            std::collections::hash_map::Entry::Occupied(first) => {
                                Some(*first.get())
                            }
                            std::collections::hash_map::Entry::Vacant(slot) => {
                                slot.insert((start, end));
                                None
                            }
                        },
                        None => seen
                            .iter()
                            .find(|&&(t, s, e)| {
                                if escaped || t & ESCAPED != 0 {
                                    same_key(b, (s, e), (start, end))
                                } else {
                                    t == tag && b[s..e] == b[start..end]
                                }
                            })
                            .map(|&(_, s, e)| (s, e)),
                    };
                    if let Some((fs, fe)) = duplicate {
                        let name = key_text(b, fs, fe);
                        let first = position(text, fs - 1);
                        return Some(ShapeProblem {
                            position: position(text, start - 1),
                            pointer: pointer(b, &stack),
                            message: format!(
                                "the key \"{name}\" appears twice in this object (first at line {}, column {}); JSON readers keep only one copy, so the other would be silently lost",
                                first.line, first.column
                            ),
                        });
                    }
                    keys.push((tag, start, end));
                    last_key = Some((start, end));
                }
            }
            c @ (b'{' | b'[') => {
                if stack.len() >= MAX_DEPTH {
                    return Some(ShapeProblem {
                        position: position(text, i),
                        pointer: pointer(b, &stack),
                        message: format!(
                            "values nested more than {MAX_DEPTH} levels deep; a moat snapshot nests about ten"
                        ),
                    });
                }
                let segment = match stack.last() {
                    Some(f) if f.object => last_key
                        .map(|(s, e)| Segment::Key(s, e))
                        .unwrap_or(Segment::Key(0, 0)),
                    Some(f) => Segment::Index(f.index),
                    None => Segment::Root,
                };
                stack.push(Frame {
                    object: c == b'{',
                    segment,
                    keys_from: keys.len(),
                    expect_key: true,
                    index: 0,
                    wide: None,
                });
            }
            b'}' | b']' => {
                if let Some(frame) = stack.pop() {
                    keys.truncate(frame.keys_from);
                }
                last_key = None;
            }
            b',' => {
                if let Some(frame) = stack.last_mut() {
                    if frame.object {
                        frame.expect_key = true;
                    } else {
                        frame.index += 1;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The bytes [`check`] acts on outside strings.
const STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = *b"\"{}[],";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Set in a key's tag when the key holds a backslash (an escape).
const ESCAPED: u64 = 1 << 63;

/// A cheap summary of a key's bytes (its length and first and last bytes), so that most
/// distinct keys differ without comparing them; [`ESCAPED`] marks keys with escapes.
fn key_tag(key: &[u8]) -> u64 {
    let head = key
        .iter()
        .take(6)
        .fold(0u64, |acc, &c| (acc << 8) | u64::from(c));
    let last = u64::from(key.last().copied().unwrap_or(0));
    let escaped = if key.contains(&b'\\') { ESCAPED } else { 0 };
    escaped | ((key.len() as u64 & 0x7f) << 56) ^ (head << 8) ^ last
}

/// The offset of the quote that closes the string whose content starts at `start` (or the
/// end of the text).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(at) = b
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        i += at;
        if b[i] == b'"' {
            return i;
        }
        i += 2;
    }
    b.len()
}

/// Whether two keys (byte ranges as written) are the same string once escapes are read:
/// `"a"` and `"\u0061"` are one key to a JSON reader.
fn same_key(b: &[u8], x: (usize, usize), y: (usize, usize)) -> bool {
    let (kx, ky) = (&b[x.0..x.1], &b[y.0..y.1]);
    if !kx.contains(&b'\\') && !ky.contains(&b'\\') {
        return kx == ky;
    }
    key_text(b, x.0, x.1) == key_text(b, y.0, y.1)
}

/// A key's bytes as a reader sees them (escapes decoded).
fn key_bytes(b: &[u8], start: usize, end: usize) -> Vec<u8> {
    if b[start..end].contains(&b'\\') {
        key_text(b, start, end).into_bytes()
    } else {
        b[start..end].to_vec()
    }
}

/// A key as a reader sees it (escapes decoded; as written when it does not decode).
fn key_text(b: &[u8], start: usize, end: usize) -> String {
    let raw = &b[start.saturating_sub(1)..(end + 1).min(b.len())];
    serde_json::from_slice::<String>(raw)
        .unwrap_or_else(|_| String::from_utf8_lossy(&b[start..end]).into_owned())
}

/// The JSON pointer of the innermost open container.
fn pointer(b: &[u8], stack: &[Frame]) -> String {
    stack
        .iter()
        .filter_map(|f| match f.segment {
            Segment::Root => None,
            Segment::Key(s, e) => Some(key_text(b, s, e)),
            Segment::Index(i) => Some(i.to_string()),
        })
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn position(text: &str, offset: usize) -> Position {
    let (line, column) = crate::util::line_column(text, offset);
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_found_with_both_positions() {
        let text = "{\"regions\": {\n  \"us-east-1\": {},\n  \"us-east-1\": {\"ec2\": {}}\n}}";
        let p = check(text).expect("a duplicate");
        assert_eq!(p.position, Position { line: 3, column: 3 });
        assert_eq!(p.pointer, "/regions");
        assert!(
            p.message.contains("first at line 2, column 3"),
            "{}",
            p.message
        );
    }

    #[test]
    fn same_key_in_sibling_objects_is_fine_and_strings_are_not_keys() {
        let text = r#"{"a": [{"k": 1}, {"k": 2}], "b": {"k": "k"}, "c": "{\"k\": [1,"}"#;
        assert_eq!(check(text), None);
    }

    #[test]
    fn pointers_name_array_indexes() {
        let text = r#"{"a": [{"k": 1}, {"k": 2, "k": 3}]}"#;
        assert_eq!(check(text).unwrap().pointer, "/a/1");
    }

    #[test]
    fn keys_that_differ_only_in_escapes_are_one_key() {
        let text = r#"{"a": {"k\u0041": 1, "kA": 2}}"#;
        let p = check(text).expect("a duplicate");
        assert_eq!(p.pointer, "/a");
        assert!(p.message.contains("\"kA\""), "{}", p.message);
        let text = r#"{"a\"b": {"x": 1}, "a\"c": {"x\\": 1, "x": 2}}"#;
        assert_eq!(check(text), None);
    }

    #[test]
    fn wide_objects_are_checked_too() {
        let keys: Vec<String> = (0..5000).map(|i| format!("\"k{i}\": {i}")).collect();
        let ok = format!("{{\"w\": {{{}}}}}", keys.join(", "));
        assert_eq!(check(&ok), None);
        let dup = format!("{{\"w\": {{{}, \"k4321\": 0}}}}", keys.join(", "));
        let p = check(&dup).expect("a duplicate");
        assert_eq!(p.pointer, "/w");
        assert!(p.message.contains("\"k4321\""), "{}", p.message);
        let escaped = format!("{{\"w\": {{{}, \"\\u006b7\": 0}}}}", keys.join(", "));
        assert!(check(&escaped)
            .expect("a duplicate")
            .message
            .contains("\"k7\""));
    }

    #[test]
    fn pointers_are_escaped_and_decoded() {
        let text = r#"{"a/b": {"c~d": [{"k": 1, "k": 2}]}}"#;
        assert_eq!(check(text).unwrap().pointer, "/a~1b/c~0d/0");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(200_000), "]".repeat(200_000));
        let p = check(&deep).expect("too deep");
        assert!(p.message.contains("nested more than 128"));
        let ok = format!("{{\"a\": {}{}}}", "[".repeat(100), "]".repeat(100));
        assert_eq!(check(&ok), None);
    }
}
