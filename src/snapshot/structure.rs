//! Checks on the shape of the JSON text that serde does not make: a key twice in one object
//! (serde_json keeps the last copy silently, so findings in the first would vanish) and
//! nesting deeper than any snapshot needs (the engine's parser refuses it, and recursive
//! walks would exhaust the stack). One iterative pass over bytes, no recursion.

use super::locate::Position;

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

enum Frame {
    /// An object: its path segment in the parent, the keys seen (byte ranges in the text),
    /// and whether the next string is a key.
    Object {
        keys: Vec<(usize, usize)>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The first duplicate key or over-deep value in `text` (JSON that serde_json accepted, or
/// any text: the scan never fails, it only looks).
pub fn check(text: &str) -> Option<ShapeProblem> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The path segment each open container has in its parent, for pointers.
    let mut segments: Vec<String> = Vec::new();
    // The key most recently read in the innermost object: the segment of its value.
    let mut last_key: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                if let Some(Frame::Object { keys, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *expect_key = false;
                        let key = &b[start..end];
                        if let Some(&(fs, _)) = keys.iter().find(|(s, e)| &b[*s..*e] == key) {
                            let name = String::from_utf8_lossy(key).into_owned();
                            let first = position(text, fs - 1);
                            return Some(ShapeProblem {
                                position: position(text, start - 1),
                                pointer: pointer(&segments),
                                message: format!(
                                    "the key \"{name}\" appears twice in this object (first at line {}, column {}); JSON readers keep only one copy, so the other would be silently lost",
                                    first.line, first.column
                                ),
                            });
                        }
                        keys.push((start, end));
                        last_key = Some((start, end));
                    }
                }
            }
            c @ (b'{' | b'[') => {
                if stack.len() >= MAX_DEPTH {
                    return Some(ShapeProblem {
                        position: position(text, i),
                        pointer: pointer(&segments),
                        message: format!(
                            "values nested more than {MAX_DEPTH} levels deep; a moat snapshot nests about ten"
                        ),
                    });
                }
                let segment = match stack.last() {
                    Some(Frame::Object { .. }) => last_key
                        .map(|(s, e)| String::from_utf8_lossy(&b[s..e]).into_owned())
                        .unwrap_or_default(),
                    Some(Frame::Array { index }) => index.to_string(),
                    None => String::new(),
                };
                if !stack.is_empty() {
                    segments.push(segment);
                }
                stack.push(if c == b'{' {
                    Frame::Object {
                        keys: Vec::new(),
                        expect_key: true,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                stack.pop();
                segments.pop();
                last_key = None;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    None
}

/// A JSON pointer from path segments.
fn pointer(segments: &[String]) -> String {
    segments
        .iter()
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
    fn deep_nesting_is_refused_without_recursion() {
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(200_000), "]".repeat(200_000));
        let p = check(&deep).expect("too deep");
        assert!(p.message.contains("nested more than 128"));
        let ok = format!("{{\"a\": {}{}}}", "[".repeat(100), "]".repeat(100));
        assert_eq!(check(&ok), None);
    }
}
