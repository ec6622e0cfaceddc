//! The edge and data services: ELBv2, WAFv2, RDS, API Gateway, ACM (regional) and
//! CloudFront, Shield and CLOUDFRONT-scope WAFv2 (global, read in us-east-1).

use super::waf::web_acls;
use super::{absent_as_none, date, en, ops, req, s, tag_list, Recorder};
use crate::snapshot::*;
use aws_config::SdkConfig;
use std::time::Instant;

pub(crate) async fn collect_elbv2(cfg: &SdkConfig, rec: &mut Recorder) -> Elbv2 {
    use aws_sdk_elasticloadbalancingv2 as elb;
    let c = elb::Client::new(cfg);
    let mut out = Elbv2::default();
    let lbs: Vec<elb::types::LoadBalancer> = paged!(
        rec,
        ops::ELBV2_DESCRIBE_LOAD_BALANCERS,
        c.describe_load_balancers()
    );
    rec.children_unread_if(
        &ops::ELBV2_DESCRIBE_LOAD_BALANCERS,
        &[&ops::ELBV2_DESCRIBE_LISTENERS, &ops::ELBV2_DESCRIBE_TAGS],
    );
    let arns: Vec<String> = lbs
        .iter()
        .filter_map(|l| l.load_balancer_arn().map(str::to_string))
        .collect();
    // DescribeTags takes at most 20 ARNs per call.
    let mut tags = std::collections::HashMap::new();
    for chunk in arns.chunks(20) {
        if rec.skipping(&ops::ELBV2_DESCRIBE_TAGS) {
            break;
        }
        let started = Instant::now();
        let r = c
            .describe_tags()
            .set_resource_arns(Some(chunk.to_vec()))
            .send()
            .await;
        if let Some(r) = rec.take(&ops::ELBV2_DESCRIBE_TAGS, started, r) {
            for d in r.tag_descriptions() {
                if let Some(a) = d.resource_arn() {
                    tags.insert(a.to_string(), tag_list(d.tags(), |t| (t.key(), t.value())));
                }
            }
        }
    }
    for lb in &lbs {
        let arn = req(lb.load_balancer_arn());
        out.load_balancers.push(LoadBalancer {
            load_balancer_name: s(lb.load_balancer_name()),
            dns_name: s(lb.dns_name()),
            scheme: en(lb.scheme()).unwrap_or_default(),
            r#type: en(lb.r#type()).unwrap_or_default(),
            vpc_id: s(lb.vpc_id()),
            state: lb.state().map(|st| LoadBalancerState {
                code: en(st.code()),
            }),
            security_groups: lb.security_groups().to_vec(),
            availability_zones: lb
                .availability_zones()
                .iter()
                .map(|z| AvailabilityZone {
                    zone_name: s(z.zone_name()),
                    subnet_id: s(z.subnet_id()),
                })
                .collect(),
            ip_address_type: en(lb.ip_address_type()),
            tags: tags.remove(&arn).unwrap_or_default(),
            load_balancer_arn: arn.clone(),
        });
        let listeners: Vec<elb::types::Listener> = paged!(
            rec,
            ops::ELBV2_DESCRIBE_LISTENERS,
            c.describe_listeners().load_balancer_arn(&arn)
        );
        for l in listeners {
            out.listeners.push(Listener {
                listener_arn: req(l.listener_arn()),
                load_balancer_arn: arn.clone(),
                port: l.port().unwrap_or_default(),
                protocol: en(l.protocol()).unwrap_or_default(),
                ssl_policy: s(l.ssl_policy()),
                certificates: l
                    .certificates()
                    .iter()
                    .filter_map(|c| {
                        c.certificate_arn().map(|a| ListenerCertificate {
                            certificate_arn: a.to_string(),
                            is_default: c.is_default(),
                        })
                    })
                    .collect(),
                default_actions: l
                    .default_actions()
                    .iter()
                    .map(|a| ListenerAction {
                        r#type: en(a.r#type()).unwrap_or_default(),
                        order: a.order(),
                        target_group_arn: s(a.target_group_arn()),
                        redirect_config: a.redirect_config().map(|r| RedirectConfig {
                            protocol: s(r.protocol()),
                            port: s(r.port()),
                            host: s(r.host()),
                            path: s(r.path()),
                            query: s(r.query()),
                            status_code: en(r.status_code()),
                        }),
                        fixed_response_config: a.fixed_response_config().map(|f| {
                            FixedResponseConfig {
                                status_code: s(f.status_code()),
                                content_type: s(f.content_type()),
                                message_body: s(f.message_body()),
                            }
                        }),
                    })
                    .collect(),
                alpn_policy: l.alpn_policy().to_vec(),
            });
        }
    }
    out.ssl_policies = ssl_policies(&c, rec).await;
    out.target_groups = target_groups(&c, rec).await;
    out
}

/// Every target group with its registered targets (`DescribeTargetHealth` per group).
async fn target_groups(
    c: &aws_sdk_elasticloadbalancingv2::Client,
    rec: &mut Recorder,
) -> Vec<TargetGroup> {
    use aws_sdk_elasticloadbalancingv2 as elb;
    let groups: Vec<elb::types::TargetGroup> = paged!(
        rec,
        ops::ELBV2_DESCRIBE_TARGET_GROUPS,
        c.describe_target_groups()
    );
    rec.children_unread_if(
        &ops::ELBV2_DESCRIBE_TARGET_GROUPS,
        &[&ops::ELBV2_DESCRIBE_TARGET_HEALTH],
    );
    let mut out = Vec::new();
    for g in &groups {
        let arn = req(g.target_group_arn());
        let mut targets = None;
        if !rec.skipping(&ops::ELBV2_DESCRIBE_TARGET_HEALTH) {
            let started = Instant::now();
            let r = c
                .describe_target_health()
                .target_group_arn(&arn)
                .send()
                .await;
            targets = rec
                .take(&ops::ELBV2_DESCRIBE_TARGET_HEALTH, started, r)
                .map(|r| {
                    r.target_health_descriptions()
                        .iter()
                        .filter_map(|d| {
                            let t = d.target()?;
                            Some(TargetHealthDescription {
                                target: TargetDescription {
                                    id: t.id()?.to_string(),
                                    port: t.port(),
                                },
                                target_health: d.target_health().map(|h| TargetHealth {
                                    state: en(h.state()),
                                }),
                            })
                        })
                        .collect()
                });
        }
        out.push(TargetGroup {
            target_group_arn: arn,
            target_group_name: s(g.target_group_name()),
            protocol: en(g.protocol()),
            port: g.port(),
            vpc_id: s(g.vpc_id()),
            target_type: en(g.target_type()),
            load_balancer_arns: g.load_balancer_arns().to_vec(),
            target_health_descriptions: targets,
        });
    }
    out
}

/// Classic Load Balancers, each with its policies (the SSL negotiation policy of an HTTPS/SSL
/// listener is among them).
pub(crate) async fn collect_elb(cfg: &SdkConfig, rec: &mut Recorder) -> Elb {
    use aws_sdk_elasticloadbalancing as elb;
    let c = elb::Client::new(cfg);
    let lbs: Vec<elb::types::LoadBalancerDescription> = paged!(
        rec,
        ops::ELB_DESCRIBE_LOAD_BALANCERS,
        c.describe_load_balancers()
    );
    rec.children_unread_if(
        &ops::ELB_DESCRIBE_LOAD_BALANCERS,
        &[&ops::ELB_DESCRIBE_LOAD_BALANCER_POLICIES],
    );
    let mut out = Elb::default();
    for lb in &lbs {
        let name = req(lb.load_balancer_name());
        let mut policies = None;
        if !rec.skipping(&ops::ELB_DESCRIBE_LOAD_BALANCER_POLICIES) {
            let started = Instant::now();
            let r = c
                .describe_load_balancer_policies()
                .load_balancer_name(&name)
                .send()
                .await;
            policies = rec
                .take(&ops::ELB_DESCRIBE_LOAD_BALANCER_POLICIES, started, r)
                .map(|r| {
                    r.policy_descriptions()
                        .iter()
                        .map(|p| ClassicPolicyDescription {
                            policy_name: req(p.policy_name()),
                            policy_type_name: s(p.policy_type_name()),
                            policy_attribute_descriptions: p
                                .policy_attribute_descriptions()
                                .iter()
                                .map(|a| ClassicPolicyAttribute {
                                    attribute_name: req(a.attribute_name()),
                                    attribute_value: s(a.attribute_value()),
                                })
                                .collect(),
                        })
                        .collect()
                });
        }
        out.load_balancer_descriptions.push(ClassicLoadBalancer {
            load_balancer_name: name,
            dns_name: s(lb.dns_name()),
            scheme: s(lb.scheme()),
            vpc_id: s(lb.vpc_id()),
            subnets: lb.subnets().to_vec(),
            security_groups: lb.security_groups().to_vec(),
            listener_descriptions: lb
                .listener_descriptions()
                .iter()
                .filter_map(|d| {
                    d.listener().map(|l| ClassicListenerDescription {
                        listener: ClassicListener {
                            protocol: l.protocol().to_string(),
                            load_balancer_port: l.load_balancer_port(),
                            instance_protocol: s(l.instance_protocol()),
                            instance_port: Some(l.instance_port()),
                            ssl_certificate_id: s(l.ssl_certificate_id()),
                        },
                        policy_names: d.policy_names().to_vec(),
                    })
                })
                .collect(),
            policy_descriptions: policies,
        });
    }
    out
}

/// Every security policy ELB offers in the region. `DescribeSSLPolicies` pages by marker but
/// has no paginator in the SDK.
async fn ssl_policies(
    c: &aws_sdk_elasticloadbalancingv2::Client,
    rec: &mut Recorder,
) -> Vec<SslPolicy> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        if rec.skipping(&ops::ELBV2_DESCRIBE_SSL_POLICIES) {
            break;
        }
        let started = Instant::now();
        let r = c
            .describe_ssl_policies()
            .set_marker(marker.clone())
            .send()
            .await;
        let Some(r) = rec.take(&ops::ELBV2_DESCRIBE_SSL_POLICIES, started, r) else {
            break;
        };
        out.extend(r.ssl_policies().iter().map(|p| {
            SslPolicy {
                name: req(p.name()),
                ssl_protocols: p.ssl_protocols().to_vec(),
                ciphers: p
                    .ciphers()
                    .iter()
                    .map(|c| SslCipher {
                        name: req(c.name()),
                        priority: c.priority(),
                    })
                    .collect(),
                supported_load_balancer_types: p.supported_load_balancer_types().to_vec(),
            }
        }));
        match r.next_marker() {
            Some(m) if !m.is_empty() && marker.as_deref() != Some(m) => {
                marker = Some(m.to_string())
            }
            _ => break,
        }
    }
    out
}

pub(crate) async fn collect_rds(cfg: &SdkConfig, rec: &mut Recorder) -> Rds {
    let c = aws_sdk_rds::Client::new(cfg);
    let dbs: Vec<aws_sdk_rds::types::DbInstance> = paged!(
        rec,
        ops::RDS_DESCRIBE_DB_INSTANCES,
        c.describe_db_instances()
    );
    Rds {
        db_instances: dbs
            .iter()
            .map(|d| DbInstance {
                db_instance_identifier: req(d.db_instance_identifier()),
                db_instance_arn: s(d.db_instance_arn()),
                engine: s(d.engine()),
                db_instance_status: s(d.db_instance_status()),
                publicly_accessible: d.publicly_accessible().unwrap_or(false),
                db_subnet_group: d.db_subnet_group().map(|g| DbSubnetGroup {
                    db_subnet_group_name: s(g.db_subnet_group_name()),
                    vpc_id: s(g.vpc_id()),
                    subnets: g
                        .subnets()
                        .iter()
                        .map(|sn| DbSubnet {
                            subnet_identifier: req(sn.subnet_identifier()),
                            subnet_status: s(sn.subnet_status()),
                        })
                        .collect(),
                }),
                vpc_security_groups: d
                    .vpc_security_groups()
                    .iter()
                    .map(|g| VpcSecurityGroupMembership {
                        vpc_security_group_id: req(g.vpc_security_group_id()),
                        status: s(g.status()),
                    })
                    .collect(),
                endpoint: d.endpoint().map(|e| DbEndpoint {
                    address: s(e.address()),
                    port: e.port(),
                }),
                storage_encrypted: d.storage_encrypted(),
                tag_list: tag_list(d.tag_list(), |t| (t.key(), t.value())),
            })
            .collect(),
    }
}

pub(crate) async fn collect_apigateway(cfg: &SdkConfig, rec: &mut Recorder) -> ApiGateway {
    let c = aws_sdk_apigateway::Client::new(cfg);
    let mut out = ApiGateway::default();
    let apis: Vec<aws_sdk_apigateway::types::RestApi> =
        paged!(rec, ops::APIGATEWAY_GET_REST_APIS, c.get_rest_apis());
    rec.children_unread_if(
        &ops::APIGATEWAY_GET_REST_APIS,
        &[&ops::APIGATEWAY_GET_STAGES],
    );
    for api in apis {
        let id = req(api.id());
        let started = Instant::now();
        let r = match rec.skipping(&ops::APIGATEWAY_GET_STAGES) {
            true => None,
            false => Some(c.get_stages().rest_api_id(&id).send().await),
        };
        let stages = r
            .and_then(|r| rec.take(&ops::APIGATEWAY_GET_STAGES, started, r))
            .map(|o| {
                o.item()
                    .iter()
                    .map(|st| Stage {
                        stage_name: req(st.stage_name()),
                        deployment_id: s(st.deployment_id()),
                        web_acl_arn: s(st.web_acl_arn()),
                        method_settings: st
                            .method_settings()
                            .map(|m| {
                                m.iter()
                                    .map(|(k, v)| {
                                        (
                                            k.clone(),
                                            MethodSetting {
                                                throttling_rate_limit: Some(
                                                    v.throttling_rate_limit(),
                                                ),
                                                throttling_burst_limit: Some(
                                                    v.throttling_burst_limit(),
                                                ),
                                            },
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        tags: st
                            .tags()
                            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.rest_apis.push(RestApi {
            id,
            name: s(api.name()),
            endpoint_configuration: api.endpoint_configuration().map(|e| EndpointConfiguration {
                types: e.types().iter().map(|t| t.as_str().to_string()).collect(),
            }),
            stages,
            tags: api
                .tags()
                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
        });
    }
    let domains: Vec<aws_sdk_apigateway::types::DomainName> =
        paged!(rec, ops::APIGATEWAY_GET_DOMAIN_NAMES, c.get_domain_names());
    out.domain_names = domains
        .iter()
        .map(|d| DomainName {
            domain_name: req(d.domain_name()),
            security_policy: en(d.security_policy()),
            endpoint_configuration: d.endpoint_configuration().map(|e| EndpointConfiguration {
                types: e.types().iter().map(|t| t.as_str().to_string()).collect(),
            }),
            certificate_arn: s(d.certificate_arn()),
            regional_certificate_arn: s(d.regional_certificate_arn()),
            domain_name_status: en(d.domain_name_status()),
        })
        .collect();
    out
}

pub(crate) async fn collect_acm(cfg: &SdkConfig, rec: &mut Recorder) -> Acm {
    use aws_sdk_acm::types::{Filters, KeyAlgorithm};
    let c = aws_sdk_acm::Client::new(cfg);
    // ListCertificates returns only RSA-2048 certificates unless asked for every key type.
    let every_key = Filters::builder()
        .set_key_types(Some(vec![
            KeyAlgorithm::Rsa1024,
            KeyAlgorithm::Rsa2048,
            KeyAlgorithm::Rsa3072,
            KeyAlgorithm::Rsa4096,
            KeyAlgorithm::EcPrime256v1,
            KeyAlgorithm::EcSecp384r1,
            KeyAlgorithm::EcSecp521r1,
        ]))
        .build();
    let summaries: Vec<aws_sdk_acm::types::CertificateSummary> = paged!(
        rec,
        ops::ACM_LIST_CERTIFICATES,
        c.list_certificates().includes(every_key)
    );
    rec.children_unread_if(
        &ops::ACM_LIST_CERTIFICATES,
        &[&ops::ACM_DESCRIBE_CERTIFICATE],
    );
    let mut out = Acm::default();
    for sum in summaries {
        let Some(arn) = sum.certificate_arn() else {
            continue;
        };
        if rec.skipping(&ops::ACM_DESCRIBE_CERTIFICATE) {
            continue;
        }
        let started = Instant::now();
        let r = c.describe_certificate().certificate_arn(arn).send().await;
        let Some(d) = rec
            .take(&ops::ACM_DESCRIBE_CERTIFICATE, started, r)
            .and_then(|r| r.certificate().cloned())
        else {
            continue;
        };
        out.certificates.push(Certificate {
            certificate_arn: arn.to_string(),
            domain_name: s(d.domain_name()),
            status: en(d.status()).unwrap_or_default(),
            r#type: en(d.r#type()),
            not_after: date(d.not_after()),
            not_before: date(d.not_before()),
            renewal_eligibility: en(d.renewal_eligibility()),
            renewal_summary: d.renewal_summary().map(|r| RenewalSummary {
                renewal_status: Some(r.renewal_status().as_str().to_string()),
                renewal_status_reason: en(r.renewal_status_reason()),
            }),
            in_use_by: d.in_use_by().to_vec(),
            key_algorithm: en(d.key_algorithm()),
        });
    }
    out
}

pub(crate) async fn collect_global(cfg: &SdkConfig, rec: &mut Recorder) -> Global {
    let mut out = Global::default();

    let cf = aws_sdk_cloudfront::Client::new(cfg);
    let dists: Vec<aws_sdk_cloudfront::types::DistributionSummary> = paged!(
        rec,
        ops::CLOUDFRONT_LIST_DISTRIBUTIONS,
        cf.list_distributions()
    );
    rec.children_unread_if(
        &ops::CLOUDFRONT_LIST_DISTRIBUTIONS,
        &[&ops::CLOUDFRONT_LIST_TAGS_FOR_RESOURCE],
    );
    for d in dists {
        let started = Instant::now();
        let r = match rec.skipping(&ops::CLOUDFRONT_LIST_TAGS_FOR_RESOURCE) {
            true => None,
            false => Some(cf.list_tags_for_resource().resource(d.arn()).send().await),
        };
        let tags = r
            .and_then(|r| rec.take(&ops::CLOUDFRONT_LIST_TAGS_FOR_RESOURCE, started, r))
            .and_then(|r| {
                r.tags()
                    .map(|t| tag_list(t.items(), |x| (Some(x.key()), x.value())))
            })
            .unwrap_or_default();
        let behavior = |vpp: &aws_sdk_cloudfront::types::ViewerProtocolPolicy,
                        path: Option<&str>,
                        origin: &str| CacheBehavior {
            path_pattern: s(path),
            target_origin_id: Some(origin.to_string()),
            viewer_protocol_policy: vpp.as_str().to_string(),
        };
        out.cloudfront.distributions.push(Distribution {
            id: d.id().to_string(),
            arn: d.arn().to_string(),
            domain_name: Some(d.domain_name().to_string()),
            status: Some(d.status().to_string()),
            enabled: Some(d.enabled()),
            aliases: d.aliases().map(|a| Aliases {
                quantity: a.quantity(),
                items: a.items().to_vec(),
            }),
            origins: d.origins().map(|o| Origins {
                quantity: o.quantity(),
                items: o
                    .items()
                    .iter()
                    .map(|i| Origin {
                        id: Some(i.id().to_string()),
                        domain_name: i.domain_name().to_string(),
                        custom_origin_config: i.custom_origin_config().map(|c| {
                            CustomOriginConfig {
                                http_port: Some(c.http_port()),
                                https_port: Some(c.https_port()),
                                origin_protocol_policy: Some(
                                    c.origin_protocol_policy().as_str().to_string(),
                                ),
                                origin_ssl_protocols: c.origin_ssl_protocols().map(|p| {
                                    OriginSslProtocols {
                                        quantity: p.quantity(),
                                        items: p
                                            .items()
                                            .iter()
                                            .map(|x| x.as_str().to_string())
                                            .collect(),
                                    }
                                }),
                            }
                        }),
                    })
                    .collect(),
            }),
            web_acl_id: Some(d.web_acl_id().to_string()).filter(|w| !w.is_empty()),
            viewer_certificate: d.viewer_certificate().map(|v| ViewerCertificate {
                cloud_front_default_certificate: v.cloud_front_default_certificate(),
                acm_certificate_arn: s(v.acm_certificate_arn()),
                iam_certificate_id: s(v.iam_certificate_id()),
                minimum_protocol_version: en(v.minimum_protocol_version()),
                ssl_support_method: en(v.ssl_support_method()),
            }),
            default_cache_behavior: d
                .default_cache_behavior()
                .map(|b| behavior(b.viewer_protocol_policy(), None, b.target_origin_id()))
                .unwrap_or_default(),
            cache_behaviors: d.cache_behaviors().map(|cb| CacheBehaviors {
                quantity: cb.quantity(),
                items: cb
                    .items()
                    .iter()
                    .map(|b| {
                        behavior(
                            b.viewer_protocol_policy(),
                            Some(b.path_pattern()),
                            b.target_origin_id(),
                        )
                    })
                    .collect(),
            }),
            tags,
        });
    }

    let shield = aws_sdk_shield::Client::new(cfg);
    let started = Instant::now();
    let subscription = if rec.skipping(&ops::SHIELD_DESCRIBE_SUBSCRIPTION) {
        None
    } else {
        let r = shield.describe_subscription().send().await;
        // No Shield Advanced subscription: a fact to report, not a failure.
        let r = absent_as_none(r, |e| {
            e.as_service_error()
                .is_some_and(|se| se.is_resource_not_found_exception())
        })
        .map(|o| o.and_then(|o| o.subscription().cloned()));
        rec.take(&ops::SHIELD_DESCRIBE_SUBSCRIPTION, started, r)
    };
    match subscription {
        Some(Some(sub)) => {
            out.shield.subscription_state = Some("ACTIVE".into());
            out.shield.subscription = Some(ShieldSubscription {
                subscription_arn: s(sub.subscription_arn()),
                start_time: date(sub.start_time()),
                end_time: date(sub.end_time()),
                auto_renew: en(sub.auto_renew()),
            });
            let protections: Vec<aws_sdk_shield::types::Protection> =
                paged!(rec, ops::SHIELD_LIST_PROTECTIONS, shield.list_protections());
            out.shield.protections = protections
                .iter()
                .filter_map(|p| {
                    p.resource_arn().map(|arn| Protection {
                        id: s(p.id()),
                        name: s(p.name()),
                        resource_arn: arn.to_string(),
                        protection_arn: s(p.protection_arn()),
                    })
                })
                .collect();
        }
        Some(None) => out.shield.subscription_state = Some("INACTIVE".into()),
        None => rec.skip_because(
            &ops::SHIELD_LIST_PROTECTIONS,
            &ops::SHIELD_DESCRIBE_SUBSCRIPTION,
        ),
    }

    let waf = aws_sdk_wafv2::Client::new(cfg);
    out.wafv2 = web_acls(&waf, aws_sdk_wafv2::types::Scope::Cloudfront, rec).await;
    out.directconnect = super::private::collect_dx_gateways(cfg, rec).await;
    out
}
