//! Private connectivity and the HTTP/WebSocket edge: Direct Connect (connections, LAGs,
//! virtual interfaces per region; gateways and their associations once, globally) and API
//! Gateway v2. Neither SDK has paginators for these lists, so `token_paged!` follows
//! `NextToken`.

use super::{en, ops, req, s, Recorder};
use crate::snapshot::*;
use aws_config::SdkConfig;
use std::collections::BTreeMap;
use std::time::Instant;

fn dx_tags(tags: &[aws_sdk_directconnect::types::Tag]) -> Vec<DxTag> {
    tags.iter()
        .map(|t| DxTag {
            key: t.key().to_string(),
            value: s(t.value()),
        })
        .collect()
}

fn mac_sec_keys(keys: &[aws_sdk_directconnect::types::MacSecKey]) -> Vec<MacSecKey> {
    keys.iter()
        .map(|k| MacSecKey {
            secret_arn: s(k.secret_arn()),
            ckn: s(k.ckn()),
            state: s(k.state()),
            start_on: s(k.start_on()),
        })
        .collect()
}

fn connection(c: &aws_sdk_directconnect::types::Connection) -> DxConnection {
    DxConnection {
        connection_id: req(c.connection_id()),
        connection_name: s(c.connection_name()),
        connection_state: en(c.connection_state()),
        location: s(c.location()),
        bandwidth: s(c.bandwidth()),
        lag_id: s(c.lag_id()),
        partner_name: s(c.partner_name()),
        provider_name: s(c.provider_name()),
        mac_sec_capable: c.mac_sec_capable(),
        encryption_mode: s(c.encryption_mode()),
        port_encryption_status: s(c.port_encryption_status()),
        mac_sec_keys: mac_sec_keys(c.mac_sec_keys()),
        tags: dx_tags(c.tags()),
    }
}

/// One region's Direct Connect connections, LAGs and virtual interfaces.
pub(crate) async fn collect_directconnect(cfg: &SdkConfig, rec: &mut Recorder) -> DirectConnect {
    let c = aws_sdk_directconnect::Client::new(cfg);
    let mut out = DirectConnect::default();
    // None of these three lists pages: each answer holds every item of the region.
    if !rec.skipping(&ops::DIRECTCONNECT_DESCRIBE_CONNECTIONS) {
        let started = Instant::now();
        let r = c.describe_connections().send().await;
        if let Some(o) = rec.take(&ops::DIRECTCONNECT_DESCRIBE_CONNECTIONS, started, r) {
            out.connections = o.connections().iter().map(connection).collect();
        }
    }
    if !rec.skipping(&ops::DIRECTCONNECT_DESCRIBE_LAGS) {
        let started = Instant::now();
        let r = c.describe_lags().send().await;
        if let Some(o) = rec.take(&ops::DIRECTCONNECT_DESCRIBE_LAGS, started, r) {
            out.lags = o
                .lags()
                .iter()
                .map(|l| DxLag {
                    lag_id: req(l.lag_id()),
                    lag_name: s(l.lag_name()),
                    lag_state: en(l.lag_state()),
                    location: s(l.location()),
                    number_of_connections: Some(l.number_of_connections()),
                    minimum_links: Some(l.minimum_links()),
                    connections: l.connections().iter().map(connection).collect(),
                    mac_sec_capable: l.mac_sec_capable(),
                    encryption_mode: s(l.encryption_mode()),
                    mac_sec_keys: mac_sec_keys(l.mac_sec_keys()),
                    tags: dx_tags(l.tags()),
                })
                .collect();
        }
    }
    if !rec.skipping(&ops::DIRECTCONNECT_DESCRIBE_VIRTUAL_INTERFACES) {
        let started = Instant::now();
        let r = c.describe_virtual_interfaces().send().await;
        if let Some(o) = rec.take(&ops::DIRECTCONNECT_DESCRIBE_VIRTUAL_INTERFACES, started, r) {
            out.virtual_interfaces = o
                .virtual_interfaces()
                .iter()
                .map(|v| VirtualInterface {
                    virtual_interface_id: req(v.virtual_interface_id()),
                    virtual_interface_name: s(v.virtual_interface_name()),
                    virtual_interface_type: s(v.virtual_interface_type()),
                    virtual_interface_state: en(v.virtual_interface_state()),
                    connection_id: s(v.connection_id()),
                    location: s(v.location()),
                    owner_account: s(v.owner_account()),
                    direct_connect_gateway_id: s(v.direct_connect_gateway_id()),
                    virtual_gateway_id: s(v.virtual_gateway_id()),
                    bgp_peers: v
                        .bgp_peers()
                        .iter()
                        .map(|p| BgpPeer {
                            bgp_peer_id: s(p.bgp_peer_id()),
                            address_family: en(p.address_family()),
                            bgp_peer_state: en(p.bgp_peer_state()),
                            bgp_status: en(p.bgp_status()),
                        })
                        .collect(),
                    tags: dx_tags(v.tags()),
                })
                .collect();
        }
    }
    out
}

/// Direct Connect gateways (global resources), each with its associations to virtual
/// private gateways and transit gateways.
pub(crate) async fn collect_dx_gateways(
    cfg: &SdkConfig,
    rec: &mut Recorder,
) -> DirectConnectGateways {
    let c = aws_sdk_directconnect::Client::new(cfg);
    let gateways: Vec<aws_sdk_directconnect::types::DirectConnectGateway> = token_paged!(
        rec,
        ops::DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAYS,
        token => c.describe_direct_connect_gateways().set_next_token(token.clone()).send(),
        o => o.direct_connect_gateways(),
        o.next_token()
    );
    rec.children_unread_if(
        &ops::DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAYS,
        &[&ops::DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAY_ASSOCIATIONS],
    );
    let mut out = DirectConnectGateways::default();
    for g in gateways {
        let id = req(g.direct_connect_gateway_id());
        let associations: Vec<aws_sdk_directconnect::types::DirectConnectGatewayAssociation> = token_paged!(
            rec,
            ops::DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAY_ASSOCIATIONS,
            token => c
                .describe_direct_connect_gateway_associations()
                .direct_connect_gateway_id(&id)
                .set_next_token(token.clone())
                .send(),
            o => o.direct_connect_gateway_associations(),
            o.next_token()
        );
        out.gateways.push(DxGateway {
            direct_connect_gateway_id: id,
            direct_connect_gateway_name: s(g.direct_connect_gateway_name()),
            direct_connect_gateway_state: en(g.direct_connect_gateway_state()),
            owner_account: s(g.owner_account()),
            associations: associations
                .iter()
                .map(|a| DxGatewayAssociation {
                    association_id: s(a.association_id()),
                    association_state: en(a.association_state()),
                    associated_gateway: a.associated_gateway().map(|g| AssociatedGateway {
                        id: s(g.id()),
                        r#type: en(g.r#type()),
                        owner_account: s(g.owner_account()),
                        region: s(g.region()),
                    }),
                })
                .collect(),
        });
    }
    out
}

fn route_settings(r: &aws_sdk_apigatewayv2::types::RouteSettings) -> RouteSettingsV2 {
    RouteSettingsV2 {
        throttling_rate_limit: r.throttling_rate_limit(),
        throttling_burst_limit: r.throttling_burst_limit(),
    }
}

fn tag_map(t: Option<&std::collections::HashMap<String, String>>) -> BTreeMap<String, String> {
    t.map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// One region's HTTP and WebSocket APIs with their stages, and the custom domain names with
/// the APIs mapped to them.
pub(crate) async fn collect_apigatewayv2(cfg: &SdkConfig, rec: &mut Recorder) -> ApiGatewayV2 {
    let c = aws_sdk_apigatewayv2::Client::new(cfg);
    let mut out = ApiGatewayV2::default();
    let apis: Vec<aws_sdk_apigatewayv2::types::Api> = token_paged!(
        rec,
        ops::APIGATEWAYV2_GET_APIS,
        token => c.get_apis().set_next_token(token.clone()).send(),
        o => o.items(),
        o.next_token()
    );
    rec.children_unread_if(
        &ops::APIGATEWAYV2_GET_APIS,
        &[&ops::APIGATEWAYV2_GET_STAGES],
    );
    for api in apis {
        let id = req(api.api_id());
        let stages: Vec<aws_sdk_apigatewayv2::types::Stage> = token_paged!(
            rec,
            ops::APIGATEWAYV2_GET_STAGES,
            token => c.get_stages().api_id(&id).set_next_token(token.clone()).send(),
            o => o.items(),
            o.next_token()
        );
        out.apis.push(ApiV2 {
            api_id: id,
            name: s(api.name()),
            protocol_type: en(api.protocol_type()),
            api_endpoint: s(api.api_endpoint()),
            disable_execute_api_endpoint: api.disable_execute_api_endpoint(),
            stages: stages
                .iter()
                .map(|st| StageV2 {
                    stage_name: req(st.stage_name()),
                    default_route_settings: st.default_route_settings().map(route_settings),
                    route_settings: st
                        .route_settings()
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| (k.clone(), route_settings(v)))
                                .collect()
                        })
                        .unwrap_or_default(),
                    tags: tag_map(st.tags()),
                })
                .collect(),
            tags: tag_map(api.tags()),
        });
    }
    let domains: Vec<aws_sdk_apigatewayv2::types::DomainName> = token_paged!(
        rec,
        ops::APIGATEWAYV2_GET_DOMAIN_NAMES,
        token => c.get_domain_names().set_next_token(token.clone()).send(),
        o => o.items(),
        o.next_token()
    );
    rec.children_unread_if(
        &ops::APIGATEWAYV2_GET_DOMAIN_NAMES,
        &[&ops::APIGATEWAYV2_GET_API_MAPPINGS],
    );
    for d in domains {
        let name = req(d.domain_name());
        let mappings: Vec<aws_sdk_apigatewayv2::types::ApiMapping> = token_paged!(
            rec,
            ops::APIGATEWAYV2_GET_API_MAPPINGS,
            token => c.get_api_mappings().domain_name(&name).set_next_token(token.clone()).send(),
            o => o.items(),
            o.next_token()
        );
        out.domain_names.push(DomainNameV2 {
            domain_name: name,
            domain_name_configurations: d
                .domain_name_configurations()
                .iter()
                .map(|c| DomainNameConfigurationV2 {
                    api_gateway_domain_name: s(c.api_gateway_domain_name()),
                    endpoint_type: en(c.endpoint_type()),
                    security_policy: en(c.security_policy()),
                })
                .collect(),
            api_mappings: mappings
                .iter()
                .map(|m| ApiMappingV2 {
                    api_id: req(m.api_id()),
                    stage: s(m.stage()),
                    api_mapping_key: s(m.api_mapping_key()),
                })
                .collect(),
        });
    }
    out
}
