//! `moat diff OLD NEW`: what changed between two snapshots or two reports (or one of each).
//!
//! Findings are compared by fingerprint: new, fixed, unchanged. Snapshots are evaluated with
//! the rule pack first; two snapshots are also compared resource by resource (added, removed,
//! and changed with the JSON paths of the fields that differ).

use crate::policy::{RulePack, Severity};
use anyhow::{bail, Context, Result};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A finding, as either kind of report or an evaluation gives it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DiffFinding {
    pub fingerprint: String,
    pub rule_id: String,
    pub severity: Severity,
    pub region: String,
    pub resource_id: String,
    pub message: String,
}

/// One resource that differs between two snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ResourceChange {
    /// `added`, `removed` or `changed`.
    pub change: String,
    pub region: String,
    /// `ec2.SecurityGroups`, …
    pub list: String,
    pub id: String,
    /// For `changed`: JSON pointers (within the resource) of the fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Diff {
    /// Always `moat/diff/v1`.
    pub format: String,
    pub old: String,
    pub new: String,
    pub new_findings: Vec<DiffFinding>,
    pub fixed_findings: Vec<DiffFinding>,
    pub unchanged_findings: usize,
    /// Only when both sides are snapshots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<ResourceChange>>,
}

/// One side: the findings, and the snapshot when it is one.
struct Side {
    findings: Vec<DiffFinding>,
    snapshot: Option<Value>,
}

fn side(path: &Path, pack: &RulePack) -> Result<Side> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if doc.get("schema_version").is_some() {
        let (loaded, evaluation) =
            crate::scan::evaluate_text(pack, &text, &path.display().to_string())?;
        let findings = evaluation
            .findings
            .iter()
            .map(|f| DiffFinding {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                severity: f.severity,
                region: f.region.clone(),
                resource_id: f.resource_id.clone(),
                message: f.message.clone(),
            })
            .collect();
        return Ok(Side {
            findings,
            snapshot: Some(crate::snapshot::to_json_value(&loaded.snapshot)),
        });
    }
    if doc["format"] == "moat/findings/v1" {
        let findings = doc["findings"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|f| DiffFinding {
                fingerprint: text_of(&f["fingerprint"]),
                rule_id: text_of(&f["rule_id"]),
                severity: severity(&f["severity"]),
                region: text_of(&f["region"]),
                resource_id: text_of(&f["resource_id"]),
                message: text_of(&f["message"]),
            })
            .collect();
        return Ok(Side {
            findings,
            snapshot: None,
        });
    }
    if let Some(runs) = doc["runs"].as_array() {
        let findings = runs
            .iter()
            .filter(|r| r["tool"]["driver"]["name"] == "moat")
            .flat_map(|r| r["results"].as_array().cloned().unwrap_or_default())
            .map(|r| DiffFinding {
                fingerprint: text_of(&r["partialFingerprints"]["primaryLocationLineHash"]),
                rule_id: text_of(&r["ruleId"]),
                severity: severity(&r["properties"]["severity"]),
                region: text_of(&r["properties"]["region"]),
                resource_id: text_of(&r["properties"]["resourceId"]),
                message: text_of(&r["message"]["text"]),
            })
            .collect();
        return Ok(Side {
            findings,
            snapshot: None,
        });
    }
    bail!(
        "{}: neither a moat snapshot nor a moat report (JSON or SARIF)",
        path.display()
    )
}

fn text_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn severity(v: &Value) -> Severity {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Severity::Info)
}

/// The id field of each resource list, as the AWS CLI names it.
fn id_key(list: &str) -> &'static str {
    match list {
        "Vpcs" => "VpcId",
        "Subnets" => "SubnetId",
        "RouteTables" => "RouteTableId",
        "InternetGateways" => "InternetGatewayId",
        "NatGateways" => "NatGatewayId",
        "SecurityGroups" => "GroupId",
        "NetworkAcls" => "NetworkAclId",
        "VpcEndpoints" => "VpcEndpointId",
        "VpcPeeringConnections" => "VpcPeeringConnectionId",
        "TransitGateways" => "TransitGatewayId",
        "TransitGatewayAttachments" => "TransitGatewayAttachmentId",
        "VpnConnections" => "VpnConnectionId",
        "FlowLogs" => "FlowLogId",
        "Reservations" => "ReservationId",
        "NetworkInterfaces" => "NetworkInterfaceId",
        "ManagedPrefixLists" => "PrefixListId",
        "LoadBalancers" => "LoadBalancerArn",
        "Listeners" => "ListenerArn",
        "SslPolicies" => "Name",
        "LoadBalancerDescriptions" => "LoadBalancerName",
        "WebACLs" => "ARN",
        "Associations" | "LoggingConfigurations" | "Protections" => "ResourceArn",
        "DBInstances" => "DBInstanceIdentifier",
        "RestApis" => "id",
        "DomainNames" => "domainName",
        "Certificates" => "CertificateArn",
        "Distributions" => "Id",
        _ => "",
    }
}

/// `region → "service.List" → id → resource` for every resource list of a snapshot.
fn resources(snapshot: &Value) -> BTreeMap<(String, String, String), Value> {
    let mut out = BTreeMap::new();
    let mut scopes: Vec<(String, &Value)> = snapshot["regions"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(r, v)| (r.clone(), v))
        .collect();
    scopes.push(("global".to_string(), &snapshot["global"]));
    for (region, services) in scopes {
        for (svc, lists) in services.as_object().into_iter().flatten() {
            for (list, items) in lists.as_object().into_iter().flatten() {
                let Some(items) = items.as_array() else {
                    continue;
                };
                let key = id_key(list);
                for (i, item) in items.iter().enumerate() {
                    let id = item[key]
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("#{i}"));
                    out.insert((region.clone(), format!("{svc}.{list}"), id), item.clone());
                }
            }
        }
    }
    out
}

/// JSON pointers of the values that differ between `a` and `b` (arrays index by index).
fn changed_paths(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => changed_paths(u, v, &p, out),
                    _ => out.push(p),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                changed_paths(u, v, &format!("{at}/{i}"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(if at.is_empty() { "/".into() } else { at.into() }),
    }
}

/// Compares two snapshots or reports.
pub fn diff(old: &Path, new: &Path, pack: &RulePack) -> Result<Diff> {
    let (a, b) = (side(old, pack)?, side(new, pack)?);
    let before: BTreeMap<&str, &DiffFinding> = a
        .findings
        .iter()
        .map(|f| (f.fingerprint.as_str(), f))
        .collect();
    let after: BTreeMap<&str, &DiffFinding> = b
        .findings
        .iter()
        .map(|f| (f.fingerprint.as_str(), f))
        .collect();
    let order = |v: &mut Vec<DiffFinding>| {
        v.sort_by(|x, y| {
            (
                x.severity,
                &x.rule_id,
                &x.region,
                &x.resource_id,
                &x.fingerprint,
            )
                .cmp(&(
                    y.severity,
                    &y.rule_id,
                    &y.region,
                    &y.resource_id,
                    &y.fingerprint,
                ))
        })
    };
    let mut new_findings: Vec<DiffFinding> = after
        .iter()
        .filter(|(k, _)| !before.contains_key(*k))
        .map(|(_, f)| (*f).clone())
        .collect();
    let mut fixed_findings: Vec<DiffFinding> = before
        .iter()
        .filter(|(k, _)| !after.contains_key(*k))
        .map(|(_, f)| (*f).clone())
        .collect();
    order(&mut new_findings);
    order(&mut fixed_findings);
    let unchanged_findings = after.keys().filter(|k| before.contains_key(*k)).count();
    let resources = match (&a.snapshot, &b.snapshot) {
        (Some(x), Some(y)) => {
            let (x, y) = (resources(x), resources(y));
            let mut changes = Vec::new();
            for (key, item) in &x {
                let (region, list, id) = key.clone();
                match y.get(key) {
                    None => changes.push(ResourceChange {
                        change: "removed".into(),
                        region,
                        list,
                        id,
                        paths: vec![],
                    }),
                    Some(other) if other != item => {
                        let mut paths = Vec::new();
                        changed_paths(item, other, "", &mut paths);
                        changes.push(ResourceChange {
                            change: "changed".into(),
                            region,
                            list,
                            id,
                            paths,
                        });
                    }
                    Some(_) => {}
                }
            }
            for (key, _) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                let (region, list, id) = key.clone();
                changes.push(ResourceChange {
                    change: "added".into(),
                    region,
                    list,
                    id,
                    paths: vec![],
                });
            }
            changes.sort_by(|p, q| {
                (&p.region, &p.list, &p.id, &p.change).cmp(&(&q.region, &q.list, &q.id, &q.change))
            });
            Some(changes)
        }
        _ => None,
    };
    Ok(Diff {
        format: "moat/diff/v1".into(),
        old: old.display().to_string(),
        new: new.display().to_string(),
        new_findings,
        fixed_findings,
        unchanged_findings,
        resources,
    })
}

impl Diff {
    /// Plain text for a terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if let Some(changes) = &self.resources {
            out.push_str(&format!("Resources: {} changed\n", changes.len()));
            for c in changes {
                let sign = match c.change.as_str() {
                    "added" => "+",
                    "removed" => "-",
                    _ => "~",
                };
                out.push_str(&format!("  {sign} {} {} {}", c.region, c.list, c.id));
                if !c.paths.is_empty() {
                    out.push_str(&format!(" ({})", c.paths.join(", ")));
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "Findings: {} new, {} fixed, {} unchanged\n",
            self.new_findings.len(),
            self.fixed_findings.len(),
            self.unchanged_findings
        ));
        for (sign, list) in [("+", &self.new_findings), ("-", &self.fixed_findings)] {
            for f in list {
                out.push_str(&format!(
                    "  {sign} {} {} {} {}: {}\n",
                    f.severity, f.rule_id, f.region, f.resource_id, f.message
                ));
            }
        }
        out
    }

    /// Markdown for a pull-request comment.
    pub fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!(
            "## moat diff\n\n`{}` → `{}`: **{} new**, {} fixed, {} unchanged finding(s).\n\n",
            self.old,
            self.new,
            self.new_findings.len(),
            self.fixed_findings.len(),
            self.unchanged_findings
        );
        for (title, list) in [
            ("New findings", &self.new_findings),
            ("Fixed findings", &self.fixed_findings),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "### {title}\n\n| Severity | Rule | Resource | Region | Message |\n|---|---|---|---|---|\n"
            ));
            for f in list {
                out.push_str(&format!(
                    "| {} | `{}` | `{}` | {} | {} |\n",
                    f.severity,
                    f.rule_id,
                    cell(&f.resource_id),
                    f.region,
                    cell(&f.message)
                ));
            }
            out.push('\n');
        }
        if let Some(changes) = &self.resources {
            out.push_str(&format!("### Resources ({} changed)\n\n", changes.len()));
            if !changes.is_empty() {
                out.push_str("| Change | Region | List | Id | Fields |\n|---|---|---|---|---|\n");
                for c in changes {
                    out.push_str(&format!(
                        "| {} | {} | {} | `{}` | {} |\n",
                        c.change,
                        c.region,
                        c.list,
                        cell(&c.id),
                        cell(&c.paths.join(", "))
                    ));
                }
            }
        }
        out
    }
}
