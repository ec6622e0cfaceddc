//! Positions in JSON text: where the value at a JSON pointer begins, and which line each
//! resource object starts on. serde_json does not keep positions, so this is a small scanner
//! over text that serde_json has already accepted as JSON.

use std::collections::HashMap;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// For each resource list (the AWS CLI's key), the fields whose string value names an element.
pub fn id_keys_for(list_key: &str) -> &'static [&'static str] {
    match list_key {
        "Vpcs" => &["VpcId"],
        "Subnets" => &["SubnetId", "SubnetArn"],
        "RouteTables" => &["RouteTableId"],
        "InternetGateways" => &["InternetGatewayId"],
        "NatGateways" => &["NatGatewayId"],
        "SecurityGroups" => &["GroupId", "SecurityGroupArn"],
        "NetworkAcls" => &["NetworkAclId"],
        "VpcEndpoints" => &["VpcEndpointId"],
        "VpcPeeringConnections" => &["VpcPeeringConnectionId"],
        "TransitGateways" => &["TransitGatewayId", "TransitGatewayArn"],
        "TransitGatewayAttachments" => &["TransitGatewayAttachmentId"],
        "VpnConnections" => &["VpnConnectionId"],
        "FlowLogs" => &["FlowLogId"],
        "Instances" => &["InstanceId"],
        "NetworkInterfaces" => &["NetworkInterfaceId"],
        "LoadBalancers" => &["LoadBalancerArn"],
        "Listeners" => &["ListenerArn"],
        "WebACLs" => &["ARN", "Id"],
        "DBInstances" => &["DBInstanceIdentifier", "DBInstanceArn"],
        "RestApis" => &["id"],
        "DomainNames" => &["domainName"],
        "Certificates" => &["CertificateArn"],
        "Distributions" => &["Id", "ARN"],
        "Protections" => &["ProtectionArn", "Id"],
        _ => &[],
    }
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

/// Told each value's path and start position, and each (key, string value) of an object.
type Visit<'v> = dyn FnMut(&[String], Position, Option<(&str, &str)>) -> Step + 'v;

enum Step {
    Continue,
    Stop,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.pos - self.line_start + 1,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(&c) = self.text.get(self.pos) {
            match c {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn string(&mut self) -> String {
        // Assumes the current byte is '"'.
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        while let Some(&c) = self.text.get(self.pos) {
            self.pos += 1;
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                break;
            }
        }
        let raw = &self.text[start..self.pos.saturating_sub(1).max(start)];
        let raw = String::from_utf8_lossy(raw);
        if raw.contains('\\') {
            serde_json::from_str::<String>(&format!("\"{raw}\""))
                .unwrap_or_else(|_| raw.to_string())
        } else {
            raw.to_string()
        }
    }

    fn scalar(&mut self) {
        while let Some(&c) = self.text.get(self.pos) {
            if matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.pos += 1;
        }
    }

    /// Walks one value; `visit` is told each value's path and start position, and for
    /// every object the (key, string value) pairs it holds.
    fn value(&mut self, path: &mut Vec<String>, visit: &mut Visit<'_>) -> Step {
        self.skip_ws();
        let start = self.position();
        if let Step::Stop = visit(path, start, None) {
            return Step::Stop;
        }
        match self.text.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.text.get(self.pos) {
                        Some(b'}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => {
                            self.pos += 1;
                            continue;
                        }
                        Some(b'"') => {}
                        _ => return Step::Continue,
                    }
                    let key = self.string();
                    self.skip_ws();
                    if self.text.get(self.pos) == Some(&b':') {
                        self.pos += 1;
                    }
                    self.skip_ws();
                    if self.text.get(self.pos) == Some(&b'"') {
                        let vstart = self.position();
                        path.push(key.clone());
                        let stop = visit(path, vstart, None);
                        path.pop();
                        if let Step::Stop = stop {
                            return Step::Stop;
                        }
                        let v = self.string();
                        if let Step::Stop = visit(path, start, Some((&key, &v))) {
                            return Step::Stop;
                        }
                    } else {
                        path.push(key);
                        let step = self.value(path, visit);
                        path.pop();
                        if let Step::Stop = step {
                            return Step::Stop;
                        }
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    match self.text.get(self.pos) {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => {
                            self.pos += 1;
                            continue;
                        }
                        None => return Step::Continue,
                        _ => {}
                    }
                    path.push(index.to_string());
                    let step = self.value(path, visit);
                    path.pop();
                    if let Step::Stop = step {
                        return Step::Stop;
                    }
                    index += 1;
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => self.scalar(),
            None => {}
        }
        Step::Continue
    }
}

/// Splits an RFC 6901 JSON pointer into its unescaped tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Where the value at `pointer` begins in `text`; the closest existing ancestor when the
/// pointer names a missing member (e.g. a required field that is absent).
pub fn locate_pointer(text: &str, pointer: &str) -> Position {
    locate_pointers(text, [pointer])
        .remove(pointer)
        .unwrap_or(Position { line: 1, column: 1 })
}

/// [`locate_pointer`] for many pointers in one pass over the text, which stops once every
/// pointer is found (a snapshot with thousands of malformed values is not scanned once per
/// value).
pub fn locate_pointers<'p>(
    text: &str,
    pointers: impl IntoIterator<Item = &'p str>,
) -> HashMap<String, Position> {
    let wanted: Vec<(&str, Vec<String>)> = pointers
        .into_iter()
        .map(|p| (p, pointer_tokens(p)))
        .collect();
    if wanted.is_empty() {
        return HashMap::new();
    }
    // Every prefix of every wanted path; the pass records where each begins.
    let mut prefixes: std::collections::HashSet<Vec<String>> = Default::default();
    for (_, tokens) in &wanted {
        for n in 0..=tokens.len() {
            prefixes.insert(tokens[..n].to_vec());
        }
    }
    let deepest = wanted.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
    let mut found: HashMap<Vec<String>, Position> = HashMap::new();
    let mut scanner = Scanner::new(text);
    scanner.value(&mut Vec::new(), &mut |p, pos, kv| {
        if kv.is_none() && p.len() <= deepest && prefixes.contains(p) {
            found.entry(p.to_vec()).or_insert(pos);
            if found.len() == prefixes.len() {
                return Step::Stop;
            }
        }
        Step::Continue
    });
    wanted
        .into_iter()
        .map(|(p, tokens)| {
            let pos = (0..=tokens.len())
                .rev()
                .find_map(|n| found.get(&tokens[..n]))
                .copied()
                .unwrap_or(Position { line: 1, column: 1 });
            (p.to_string(), pos)
        })
        .collect()
}

/// Index from (region, resource id or ARN) to the line on which the resource's object begins.
/// Regional resources are under `/regions/<region>/…`; global ones under `global`.
#[derive(Debug, Default, Clone)]
pub struct ResourceLines {
    lines: HashMap<(String, String), usize>,
}

impl ResourceLines {
    pub fn build(text: &str) -> Self {
        let mut lines = HashMap::new();
        let mut scanner = Scanner::new(text);
        let mut path = Vec::new();
        scanner.value(&mut path, &mut |p, pos, kv| {
            if let Some((key, value)) = kv {
                let list_key = match p.len().checked_sub(2).and_then(|i| p.get(i)) {
                    Some(k) => k.as_str(),
                    None => return Step::Continue,
                };
                if id_keys_for(list_key).contains(&key) && !value.is_empty() {
                    let scope = match (p.first().map(String::as_str), p.get(1)) {
                        (Some("regions"), Some(region)) => region.clone(),
                        (Some("global"), _) => "global".to_string(),
                        _ => return Step::Continue,
                    };
                    lines.entry((scope, value.to_string())).or_insert(pos.line);
                }
            }
            Step::Continue
        });
        ResourceLines { lines }
    }

    pub fn line_of(&self, region: &str, id: &str) -> Option<usize> {
        self.lines
            .get(&(region.to_string(), id.to_string()))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": [\n    {\"GroupId\": \"sg-1\", \"x\": 1},\n    {\n      \"GroupId\": \"sg-2\"\n    }\n  ],\n  \"b\": \"t\\\"x\"\n}";

    #[test]
    fn locates_pointers_and_missing_members() {
        assert_eq!(
            locate_pointer(DOC, "/a/1/GroupId"),
            Position {
                line: 5,
                column: 18
            }
        );
        assert_eq!(
            locate_pointer(DOC, "/a/0/x"),
            Position {
                line: 3,
                column: 30
            }
        );
        assert_eq!(locate_pointer(DOC, "/b"), Position { line: 8, column: 8 });
        // A missing member points at its parent object.
        assert_eq!(
            locate_pointer(DOC, "/a/1/Nope"),
            Position { line: 4, column: 5 }
        );
        assert_eq!(locate_pointer(DOC, ""), Position { line: 1, column: 1 });
    }

    #[test]
    fn many_pointers_are_located_in_one_pass() {
        let all = locate_pointers(
            DOC,
            [
                "/a/1/GroupId",
                "/a/0/x",
                "/b",
                "/a/1/Nope",
                "",
                "/zz/9",
                "/a/0",
            ],
        );
        let at = |line, column| Position { line, column };
        assert_eq!(all.len(), 7);
        assert_eq!(all["/a/1/GroupId"], at(5, 18));
        assert_eq!(all["/a/0/x"], at(3, 30));
        assert_eq!(all["/b"], at(8, 8));
        // Missing members point at their closest existing ancestor.
        assert_eq!(all["/a/1/Nope"], at(4, 5));
        assert_eq!(all["/zz/9"], at(1, 1));
        assert_eq!(all[""], at(1, 1));
        assert_eq!(all["/a/0"], at(3, 5));
    }

    #[test]
    fn resource_lines_use_the_object_start() {
        let doc = "{\"regions\": {\"r1\": {\"ec2\": {\"SecurityGroups\": [\n{\"GroupId\": \"sg-1\", \"IpPermissions\": [{\"UserIdGroupPairs\": [{\"GroupId\": \"sg-2\"}]}]},\n{\n\"GroupId\": \"sg-2\"}]}}}}";
        let idx = ResourceLines::build(doc);
        assert_eq!(idx.line_of("r1", "sg-1"), Some(2));
        assert_eq!(idx.line_of("r1", "sg-2"), Some(3));
        assert_eq!(idx.line_of("r2", "sg-2"), None);
    }
}
