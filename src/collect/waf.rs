//! WAFv2: web ACLs with their rules (statements kept in the API's shape), associations
//! and logging, for the REGIONAL and CLOUDFRONT scopes.

use super::{absent_as_none, ops, s, Recorder};
use crate::snapshot::*;
use aws_config::SdkConfig;
use serde_json::{json, Value};
use std::time::Instant;

fn statement(st: &aws_sdk_wafv2::types::Statement) -> Value {
    if let Some(m) = st.managed_rule_group_statement() {
        return managed_group(m);
    }
    if let Some(r) = st.rate_based_statement() {
        return json!({"RateBasedStatement": {
            "Limit": r.limit(), "AggregateKeyType": r.aggregate_key_type().as_str(),
            "EvaluationWindowSec": r.evaluation_window_sec(),
            "ScopeDownStatement": r.scope_down_statement().map(statement),
        }});
    }
    if let Some(g) = st.rule_group_reference_statement() {
        return json!({"RuleGroupReferenceStatement": {"ARN": g.arn()}});
    }
    if let Some(a) = st.and_statement() {
        return json!({"AndStatement": {"Statements": a.statements().iter().map(statement).collect::<Vec<_>>()}});
    }
    if let Some(o) = st.or_statement() {
        return json!({"OrStatement": {"Statements": o.statements().iter().map(statement).collect::<Vec<_>>()}});
    }
    if let Some(n) = st.not_statement() {
        return json!({"NotStatement": {"Statement": n.statement().map(statement)}});
    }
    if let Some(i) = st.ip_set_reference_statement() {
        return json!({"IPSetReferenceStatement": {"ARN": i.arn()}});
    }
    let kind = if st.sqli_match_statement().is_some() {
        "SqliMatchStatement"
    } else if st.xss_match_statement().is_some() {
        "XssMatchStatement"
    } else if st.byte_match_statement().is_some() {
        "ByteMatchStatement"
    } else if st.geo_match_statement().is_some() {
        "GeoMatchStatement"
    } else if st.size_constraint_statement().is_some() {
        "SizeConstraintStatement"
    } else if st.label_match_statement().is_some() {
        "LabelMatchStatement"
    } else if st.regex_match_statement().is_some()
        || st.regex_pattern_set_reference_statement().is_some()
    {
        "RegexMatchStatement"
    } else {
        "OtherStatement"
    };
    json!({ kind: {} })
}

fn managed_group(m: &aws_sdk_wafv2::types::ManagedRuleGroupStatement) -> Value {
    let overrides: Vec<Value> = m
        .rule_action_overrides()
        .iter()
        .map(|o| json!({"Name": o.name(), "ActionToUse": o.action_to_use().map(rule_action)}))
        .collect();
    json!({"ManagedRuleGroupStatement": {
        "VendorName": m.vendor_name(), "Name": m.name(), "Version": m.version(),
        "ExcludedRules": m.excluded_rules().iter().map(|e| json!({"Name": e.name()})).collect::<Vec<_>>(),
        "RuleActionOverrides": overrides,
        "ScopeDownStatement": m.scope_down_statement().map(statement),
    }})
}

fn override_action(o: &aws_sdk_wafv2::types::OverrideAction) -> Value {
    if o.count().is_some() {
        json!({"Count": {}})
    } else {
        json!({"None": {}})
    }
}

/// A Firewall Manager rule group in the shape `get-web-acl` prints it.
fn fms_group(g: &aws_sdk_wafv2::types::FirewallManagerRuleGroup) -> Value {
    let statement = g.firewall_manager_statement().map(|st| {
        if let Some(m) = st.managed_rule_group_statement() {
            managed_group(m)
        } else if let Some(r) = st.rule_group_reference_statement() {
            json!({"RuleGroupReferenceStatement": {"ARN": r.arn()}})
        } else {
            json!({"OtherStatement": {}})
        }
    });
    json!({
        "Name": g.name(),
        "Priority": g.priority(),
        "FirewallManagerStatement": statement,
        "OverrideAction": g.override_action().map(override_action),
    })
}

fn rule_action(a: &aws_sdk_wafv2::types::RuleAction) -> Value {
    if a.block().is_some() {
        json!({"Block": {}})
    } else if a.allow().is_some() {
        json!({"Allow": {}})
    } else if a.count().is_some() {
        json!({"Count": {}})
    } else if a.captcha().is_some() {
        json!({"Captcha": {}})
    } else {
        json!({"Challenge": {}})
    }
}

pub(crate) async fn web_acls(
    c: &aws_sdk_wafv2::Client,
    scope: aws_sdk_wafv2::types::Scope,
    rec: &mut Recorder,
) -> Wafv2 {
    let mut out = Wafv2::default();
    let mut marker: Option<String> = None;
    let mut summaries = Vec::new();
    loop {
        if rec.skipping(&ops::WAFV2_LIST_WEB_ACLS) {
            break;
        }
        let started = Instant::now();
        let r = c
            .list_web_acls()
            .scope(scope.clone())
            .set_next_marker(marker.clone())
            .limit(100)
            .send()
            .await;
        let Some(r) = rec.take(&ops::WAFV2_LIST_WEB_ACLS, started, r) else {
            break;
        };
        summaries.extend(r.web_acls().to_vec());
        match r.next_marker() {
            Some(m) if !m.is_empty() && r.web_acls().len() == 100 => marker = Some(m.to_string()),
            _ => break,
        }
    }
    rec.children_unread_if(
        &ops::WAFV2_LIST_WEB_ACLS,
        &[
            &ops::WAFV2_GET_WEB_ACL,
            &ops::WAFV2_GET_LOGGING_CONFIGURATION,
        ],
    );
    for sum in summaries {
        if rec.skipping(&ops::WAFV2_GET_WEB_ACL) {
            continue;
        }
        let started = Instant::now();
        let r = c
            .get_web_acl()
            .scope(scope.clone())
            .set_name(s(sum.name()))
            .set_id(s(sum.id()))
            .send()
            .await;
        let Some(acl) = rec
            .take(&ops::WAFV2_GET_WEB_ACL, started, r)
            .and_then(|r| r.web_acl().cloned())
        else {
            // Its logging configuration is looked up by its ARN, which was not read.
            rec.skip_because(
                &ops::WAFV2_GET_LOGGING_CONFIGURATION,
                &ops::WAFV2_GET_WEB_ACL,
            );
            continue;
        };
        let arn = acl.arn().to_string();
        out.web_acls.push(WebAcl {
            name: acl.name().to_string(),
            id: acl.id().to_string(),
            arn: arn.clone(),
            default_action: match acl.default_action() {
                Some(d) if d.block().is_some() => json!({"Block": {}}),
                Some(_) => json!({"Allow": {}}),
                None => Value::Null,
            },
            rules: acl
                .rules()
                .iter()
                .map(|r| WafRule {
                    name: r.name().to_string(),
                    priority: i64::from(r.priority()),
                    statement: r.statement().map(statement).unwrap_or(Value::Null),
                    action: r.action().map(rule_action),
                    override_action: r.override_action().map(override_action),
                    visibility_config: None,
                })
                .collect(),
            capacity: Some(acl.capacity()),
            description: s(acl.description()),
            managed_by_firewall_manager: Some(acl.managed_by_firewall_manager()),
            pre_process_firewall_manager_rule_groups: acl
                .pre_process_firewall_manager_rule_groups()
                .iter()
                .map(fms_group)
                .collect(),
            post_process_firewall_manager_rule_groups: acl
                .post_process_firewall_manager_rule_groups()
                .iter()
                .map(fms_group)
                .collect(),
        });
        // Logging off answers WAFNonexistentItemException: that is a fact, not a failure.
        if rec.skipping(&ops::WAFV2_GET_LOGGING_CONFIGURATION) {
            continue;
        }
        let started = Instant::now();
        let r = c
            .get_logging_configuration()
            .resource_arn(&arn)
            .send()
            .await;
        let r = absent_as_none(r, |e| {
            e.as_service_error()
                .is_some_and(|se| se.is_waf_nonexistent_item_exception())
        });
        if let Some(cfg) = rec
            .take(&ops::WAFV2_GET_LOGGING_CONFIGURATION, started, r)
            .flatten()
            .and_then(|r| r.logging_configuration().cloned())
        {
            out.logging_configurations.push(LoggingConfiguration {
                resource_arn: cfg.resource_arn().to_string(),
                log_destination_configs: cfg.log_destination_configs().to_vec(),
            });
        }
    }
    out
}

async fn association(
    c: &aws_sdk_wafv2::Client,
    resource: &str,
    rec: &mut Recorder,
) -> Option<WebAclAssociation> {
    if rec.skipping(&ops::WAFV2_GET_WEB_ACL_FOR_RESOURCE) {
        return None;
    }
    let started = Instant::now();
    let r = c
        .get_web_acl_for_resource()
        .resource_arn(resource)
        .send()
        .await;
    let r = absent_as_none(r, |e| {
        e.as_service_error()
            .is_some_and(|se| se.is_waf_nonexistent_item_exception())
    })
    .map(|o| o.and_then(|o| o.web_acl().map(|w| w.arn().to_string())));
    rec.take(&ops::WAFV2_GET_WEB_ACL_FOR_RESOURCE, started, r)
        .flatten()
        .map(|acl| WebAclAssociation {
            resource_arn: resource.to_string(),
            web_acl_arn: acl,
        })
}

pub(crate) async fn collect_wafv2_regional(
    cfg: &SdkConfig,
    region_data: &Region,
    rec: &mut Recorder,
) -> Wafv2 {
    let c = aws_sdk_wafv2::Client::new(cfg);
    let mut out = web_acls(&c, aws_sdk_wafv2::types::Scope::Regional, rec).await;
    let region = cfg.region().map(|r| r.to_string()).unwrap_or_default();
    let mut resources: Vec<String> = region_data
        .elbv2
        .load_balancers
        .iter()
        .filter(|lb| lb.r#type == "application")
        .map(|lb| lb.load_balancer_arn.clone())
        .collect();
    for api in &region_data.apigateway.rest_apis {
        for st in &api.stages {
            resources.push(format!(
                "arn:aws:apigateway:{region}::/restapis/{}/stages/{}",
                api.id, st.stage_name
            ));
        }
    }
    for r in resources {
        if let Some(a) = association(&c, &r, rec).await {
            out.associations.push(a);
        }
    }
    out
}
