//! EC2: VPC topology, security groups, network ACLs, endpoints, peering, transit gateways,
//! VPN, flow logs, instances and network interfaces.

use super::ec2_types::{groups, peering_info, permission, tags};
use super::{en, ops, req, s, Recorder};
use crate::snapshot::*;
use aws_config::SdkConfig;
use std::time::Instant;

// One call after another fills the struct field by field, in the order of the API reference.
#[allow(clippy::field_reassign_with_default)]
pub(crate) async fn collect(cfg: &SdkConfig, rec: &mut Recorder) -> Ec2 {
    let c = aws_sdk_ec2::Client::new(cfg);
    let mut out = Ec2::default();

    out.vpcs = paged!(rec, ops::EC2_DESCRIBE_VPCS, c.describe_vpcs())
        .iter()
        .map(|v| Vpc {
            vpc_id: req(v.vpc_id()),
            cidr_block: s(v.cidr_block()),
            cidr_block_association_set: v
                .cidr_block_association_set()
                .iter()
                .map(|a| CidrBlockAssociation {
                    cidr_block: s(a.cidr_block()),
                    ipv6_cidr_block: None,
                    association_id: s(a.association_id()),
                })
                .collect(),
            ipv6_cidr_block_association_set: v
                .ipv6_cidr_block_association_set()
                .iter()
                .map(|a| CidrBlockAssociation {
                    cidr_block: None,
                    ipv6_cidr_block: s(a.ipv6_cidr_block()),
                    association_id: s(a.association_id()),
                })
                .collect(),
            is_default: v.is_default(),
            state: en(v.state()),
            owner_id: s(v.owner_id()),
            tags: tags(v.tags()),
        })
        .collect();

    out.subnets = paged!(rec, ops::EC2_DESCRIBE_SUBNETS, c.describe_subnets())
        .iter()
        .map(|x| Subnet {
            subnet_id: req(x.subnet_id()),
            vpc_id: req(x.vpc_id()),
            subnet_arn: s(x.subnet_arn()),
            cidr_block: s(x.cidr_block()),
            ipv6_cidr_block_association_set: x
                .ipv6_cidr_block_association_set()
                .iter()
                .map(|a| CidrBlockAssociation {
                    cidr_block: None,
                    ipv6_cidr_block: s(a.ipv6_cidr_block()),
                    association_id: s(a.association_id()),
                })
                .collect(),
            availability_zone: s(x.availability_zone()),
            map_public_ip_on_launch: x.map_public_ip_on_launch(),
            assign_ipv6_address_on_creation: x.assign_ipv6_address_on_creation(),
            state: en(x.state()),
            owner_id: s(x.owner_id()),
            tags: tags(x.tags()),
        })
        .collect();

    out.route_tables = paged!(
        rec,
        ops::EC2_DESCRIBE_ROUTE_TABLES,
        c.describe_route_tables()
    )
    .iter()
    .map(|x| RouteTable {
        route_table_id: req(x.route_table_id()),
        vpc_id: req(x.vpc_id()),
        associations: x
            .associations()
            .iter()
            .map(|a| RouteTableAssociation {
                route_table_association_id: s(a.route_table_association_id()),
                route_table_id: s(a.route_table_id()),
                subnet_id: s(a.subnet_id()),
                gateway_id: s(a.gateway_id()),
                main: a.main().unwrap_or(false),
            })
            .collect(),
        routes: x
            .routes()
            .iter()
            .map(|r| Route {
                destination_cidr_block: s(r.destination_cidr_block()),
                destination_ipv6_cidr_block: s(r.destination_ipv6_cidr_block()),
                destination_prefix_list_id: s(r.destination_prefix_list_id()),
                gateway_id: s(r.gateway_id()),
                nat_gateway_id: s(r.nat_gateway_id()),
                transit_gateway_id: s(r.transit_gateway_id()),
                vpc_peering_connection_id: s(r.vpc_peering_connection_id()),
                network_interface_id: s(r.network_interface_id()),
                instance_id: s(r.instance_id()),
                egress_only_internet_gateway_id: s(r.egress_only_internet_gateway_id()),
                local_gateway_id: s(r.local_gateway_id()),
                carrier_gateway_id: s(r.carrier_gateway_id()),
                state: en(r.state()),
                origin: en(r.origin()),
            })
            .collect(),
        owner_id: s(x.owner_id()),
        tags: tags(x.tags()),
    })
    .collect();

    out.internet_gateways = paged!(
        rec,
        ops::EC2_DESCRIBE_INTERNET_GATEWAYS,
        c.describe_internet_gateways()
    )
    .iter()
    .map(|x| InternetGateway {
        internet_gateway_id: req(x.internet_gateway_id()),
        attachments: x
            .attachments()
            .iter()
            .map(|a| GatewayAttachment {
                vpc_id: req(a.vpc_id()),
                state: en(a.state()),
            })
            .collect(),
        owner_id: s(x.owner_id()),
        tags: tags(x.tags()),
    })
    .collect();

    out.nat_gateways = paged!(
        rec,
        ops::EC2_DESCRIBE_NAT_GATEWAYS,
        c.describe_nat_gateways()
    )
    .iter()
    .map(|x| NatGateway {
        nat_gateway_id: req(x.nat_gateway_id()),
        vpc_id: req(x.vpc_id()),
        subnet_id: req(x.subnet_id()),
        state: en(x.state()),
        connectivity_type: en(x.connectivity_type()),
        nat_gateway_addresses: x
            .nat_gateway_addresses()
            .iter()
            .map(|a| NatGatewayAddress {
                allocation_id: s(a.allocation_id()),
                network_interface_id: s(a.network_interface_id()),
                private_ip: s(a.private_ip()),
                public_ip: s(a.public_ip()),
            })
            .collect(),
        tags: tags(x.tags()),
    })
    .collect();

    out.security_groups = paged!(
        rec,
        ops::EC2_DESCRIBE_SECURITY_GROUPS,
        c.describe_security_groups()
    )
    .iter()
    .map(|x| SecurityGroup {
        group_id: req(x.group_id()),
        group_name: s(x.group_name()),
        description: s(x.description()),
        vpc_id: s(x.vpc_id()),
        owner_id: s(x.owner_id()),
        security_group_arn: s(x.security_group_arn()),
        ip_permissions: x.ip_permissions().iter().map(permission).collect(),
        ip_permissions_egress: x.ip_permissions_egress().iter().map(permission).collect(),
        tags: tags(x.tags()),
    })
    .collect();

    out.network_acls = paged!(
        rec,
        ops::EC2_DESCRIBE_NETWORK_ACLS,
        c.describe_network_acls()
    )
    .iter()
    .map(|x| NetworkAcl {
        network_acl_id: req(x.network_acl_id()),
        vpc_id: req(x.vpc_id()),
        is_default: x.is_default(),
        entries: x
            .entries()
            .iter()
            .map(|e| NetworkAclEntry {
                rule_number: e.rule_number().unwrap_or_default(),
                protocol: e.protocol().unwrap_or("-1").to_string(),
                rule_action: en(e.rule_action()).unwrap_or_default(),
                egress: e.egress().unwrap_or(false),
                cidr_block: s(e.cidr_block()),
                ipv6_cidr_block: s(e.ipv6_cidr_block()),
                port_range: e.port_range().map(|p| PortRange {
                    from: p.from(),
                    to: p.to(),
                }),
                icmp_type_code: e.icmp_type_code().map(|i| IcmpTypeCode {
                    code: i.code(),
                    r#type: i.r#type(),
                }),
            })
            .collect(),
        associations: x
            .associations()
            .iter()
            .map(|a| NetworkAclAssociation {
                network_acl_association_id: s(a.network_acl_association_id()),
                network_acl_id: s(a.network_acl_id()),
                subnet_id: req(a.subnet_id()),
            })
            .collect(),
        owner_id: s(x.owner_id()),
        tags: tags(x.tags()),
    })
    .collect();

    out.vpc_endpoints = paged!(
        rec,
        ops::EC2_DESCRIBE_VPC_ENDPOINTS,
        c.describe_vpc_endpoints()
    )
    .iter()
    .map(|x| VpcEndpoint {
        vpc_endpoint_id: req(x.vpc_endpoint_id()),
        vpc_endpoint_type: en(x.vpc_endpoint_type()).unwrap_or_default(),
        vpc_id: req(x.vpc_id()),
        service_name: req(x.service_name()),
        state: en(x.state()),
        policy_document: s(x.policy_document()),
        route_table_ids: x.route_table_ids().to_vec(),
        subnet_ids: x.subnet_ids().to_vec(),
        groups: x
            .groups()
            .iter()
            .map(|g| GroupIdentifier {
                group_id: s(g.group_id()),
                group_name: s(g.group_name()),
            })
            .collect(),
        private_dns_enabled: x.private_dns_enabled(),
        owner_id: s(x.owner_id()),
        tags: tags(x.tags()),
    })
    .collect();

    out.vpc_peering_connections = paged!(
        rec,
        ops::EC2_DESCRIBE_VPC_PEERING_CONNECTIONS,
        c.describe_vpc_peering_connections()
    )
    .iter()
    .map(|x| VpcPeeringConnection {
        vpc_peering_connection_id: req(x.vpc_peering_connection_id()),
        accepter_vpc_info: peering_info(x.accepter_vpc_info()),
        requester_vpc_info: peering_info(x.requester_vpc_info()),
        status: x.status().map(|st| StatusCode {
            code: en(st.code()),
            message: s(st.message()),
        }),
        tags: tags(x.tags()),
    })
    .collect();

    out.transit_gateways = paged!(
        rec,
        ops::EC2_DESCRIBE_TRANSIT_GATEWAYS,
        c.describe_transit_gateways()
    )
    .iter()
    .map(|x| TransitGateway {
        transit_gateway_id: req(x.transit_gateway_id()),
        transit_gateway_arn: s(x.transit_gateway_arn()),
        state: en(x.state()),
        owner_id: s(x.owner_id()),
        options: x.options().map(|o| TransitGatewayOptions {
            amazon_side_asn: o.amazon_side_asn(),
            auto_accept_shared_attachments: en(o.auto_accept_shared_attachments()),
            default_route_table_association: en(o.default_route_table_association()),
            default_route_table_propagation: en(o.default_route_table_propagation()),
            association_default_route_table_id: s(o.association_default_route_table_id()),
            propagation_default_route_table_id: s(o.propagation_default_route_table_id()),
            dns_support: en(o.dns_support()),
            vpn_ecmp_support: en(o.vpn_ecmp_support()),
        }),
        tags: tags(x.tags()),
    })
    .collect();

    out.transit_gateway_attachments = paged!(
        rec,
        ops::EC2_DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS,
        c.describe_transit_gateway_attachments()
    )
    .iter()
    .map(|x| TransitGatewayAttachment {
        transit_gateway_attachment_id: req(x.transit_gateway_attachment_id()),
        transit_gateway_id: req(x.transit_gateway_id()),
        transit_gateway_owner_id: s(x.transit_gateway_owner_id()),
        resource_owner_id: s(x.resource_owner_id()),
        resource_type: en(x.resource_type()),
        resource_id: s(x.resource_id()),
        state: en(x.state()),
        association: x
            .association()
            .map(|a| TransitGatewayAttachmentAssociation {
                transit_gateway_route_table_id: s(a.transit_gateway_route_table_id()),
                state: en(a.state()),
            }),
        tags: tags(x.tags()),
    })
    .collect();

    // DescribeVpnConnections is not paginated.
    let started = Instant::now();
    let vpn = match rec.skipping(&ops::EC2_DESCRIBE_VPN_CONNECTIONS) {
        true => None,
        false => Some(c.describe_vpn_connections().send().await),
    };
    if let Some(v) = vpn.and_then(|r| rec.take(&ops::EC2_DESCRIBE_VPN_CONNECTIONS, started, r)) {
        out.vpn_connections = v
            .vpn_connections()
            .iter()
            .map(|x| VpnConnection {
                vpn_connection_id: req(x.vpn_connection_id()),
                state: en(x.state()),
                r#type: en(x.r#type()),
                customer_gateway_id: s(x.customer_gateway_id()),
                vpn_gateway_id: s(x.vpn_gateway_id()),
                transit_gateway_id: s(x.transit_gateway_id()),
                vgw_telemetry: x
                    .vgw_telemetry()
                    .iter()
                    .map(|tl| VgwTelemetry {
                        outside_ip_address: s(tl.outside_ip_address()),
                        status: en(tl.status()).unwrap_or_default(),
                        status_message: s(tl.status_message()),
                        last_status_change: super::date(tl.last_status_change()),
                        accepted_route_count: tl.accepted_route_count(),
                        certificate_arn: s(tl.certificate_arn()),
                    })
                    .collect(),
                options: x.options().map(|o| VpnConnectionOptions {
                    static_routes_only: o.static_routes_only(),
                    outside_ip_address_type: s(o.outside_ip_address_type()),
                    transport_transit_gateway_attachment_id: s(
                        o.transport_transit_gateway_attachment_id()
                    ),
                    tunnel_options: o
                        .tunnel_options()
                        .iter()
                        .map(|tn| TunnelOption {
                            outside_ip_address: s(tn.outside_ip_address()),
                            tunnel_inside_cidr: s(tn.tunnel_inside_cidr()),
                            ike_versions: values(tn.ike_versions().iter().map(|v| v.value())),
                            phase1_encryption_algorithms: values(
                                tn.phase1_encryption_algorithms().iter().map(|v| v.value()),
                            ),
                            phase2_encryption_algorithms: values(
                                tn.phase2_encryption_algorithms().iter().map(|v| v.value()),
                            ),
                            phase1_integrity_algorithms: values(
                                tn.phase1_integrity_algorithms().iter().map(|v| v.value()),
                            ),
                            phase2_integrity_algorithms: values(
                                tn.phase2_integrity_algorithms().iter().map(|v| v.value()),
                            ),
                            phase1_dh_group_numbers: numbers(
                                tn.phase1_dh_group_numbers().iter().map(|v| v.value()),
                            ),
                            phase2_dh_group_numbers: numbers(
                                tn.phase2_dh_group_numbers().iter().map(|v| v.value()),
                            ),
                        })
                        .collect(),
                }),
                tags: tags(x.tags()),
            })
            .collect();
    }

    out.managed_prefix_lists = paged!(
        rec,
        ops::EC2_DESCRIBE_MANAGED_PREFIX_LISTS,
        c.describe_managed_prefix_lists()
    )
    .iter()
    .map(|x| ManagedPrefixList {
        prefix_list_id: req(x.prefix_list_id()),
        prefix_list_name: s(x.prefix_list_name()),
        address_family: s(x.address_family()),
        state: en(x.state()),
        owner_id: s(x.owner_id()),
        prefix_list_arn: s(x.prefix_list_arn()),
        max_entries: x.max_entries(),
        version: x.version(),
        entries: None,
        tags: tags(x.tags()),
    })
    .collect();
    rec.children_unread_if(
        &ops::EC2_DESCRIBE_MANAGED_PREFIX_LISTS,
        &[&ops::EC2_GET_MANAGED_PREFIX_LIST_ENTRIES],
    );
    for pl in &mut out.managed_prefix_lists {
        if rec.skipping(&ops::EC2_GET_MANAGED_PREFIX_LIST_ENTRIES) {
            continue;
        }
        let started = Instant::now();
        let r = c
            .get_managed_prefix_list_entries()
            .prefix_list_id(&pl.prefix_list_id)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        // A list whose entries could not be read keeps `Entries` absent: every rule naming
        // it then has an unknown source, and coverage says why.
        if let Some(entries) = rec.take(&ops::EC2_GET_MANAGED_PREFIX_LIST_ENTRIES, started, r) {
            pl.entries = Some(
                entries
                    .iter()
                    .map(|e| PrefixListEntry {
                        cidr: req(e.cidr()),
                        description: s(e.description()),
                    })
                    .collect(),
            );
        }
    }

    out.vpc_endpoint_service_configurations = paged!(
        rec,
        ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS,
        c.describe_vpc_endpoint_service_configurations()
    )
    .iter()
    .map(|x| VpcEndpointServiceConfiguration {
        service_id: req(x.service_id()),
        service_name: s(x.service_name()),
        service_state: en(x.service_state()),
        acceptance_required: x.acceptance_required(),
        network_load_balancer_arns: x.network_load_balancer_arns().to_vec(),
        gateway_load_balancer_arns: x.gateway_load_balancer_arns().to_vec(),
        private_dns_name: s(x.private_dns_name()),
        allowed_principals: None,
        tags: tags(x.tags()),
    })
    .collect();
    rec.children_unread_if(
        &ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS,
        &[&ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS],
    );
    for svc in &mut out.vpc_endpoint_service_configurations {
        if rec.skipping(&ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS) {
            continue;
        }
        let started = Instant::now();
        let r = c
            .describe_vpc_endpoint_service_permissions()
            .service_id(&svc.service_id)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        // A service whose permissions could not be read keeps `AllowedPrincipals` absent:
        // the rule that needs them cannot judge it, and coverage says why.
        if let Some(allowed) = rec.take(
            &ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS,
            started,
            r,
        ) {
            svc.allowed_principals = Some(
                allowed
                    .iter()
                    .map(|p| AllowedPrincipal {
                        principal: req(p.principal()),
                        principal_type: en(p.principal_type()),
                    })
                    .collect(),
            );
        }
    }

    out.vpc_endpoint_service_details = partner_services(&c, &out.vpc_endpoints, rec).await;

    out.flow_logs = paged!(rec, ops::EC2_DESCRIBE_FLOW_LOGS, c.describe_flow_logs())
        .iter()
        .map(|x| FlowLog {
            flow_log_id: req(x.flow_log_id()),
            resource_id: req(x.resource_id()),
            traffic_type: en(x.traffic_type()).unwrap_or_default(),
            flow_log_status: s(x.flow_log_status()),
            deliver_logs_status: s(x.deliver_logs_status()),
            log_destination_type: en(x.log_destination_type()),
            log_destination: s(x.log_destination()),
            log_group_name: s(x.log_group_name()),
            tags: tags(x.tags()),
        })
        .collect();

    out.reservations = paged!(rec, ops::EC2_DESCRIBE_INSTANCES, c.describe_instances())
        .iter()
        .map(|r| Reservation {
            reservation_id: s(r.reservation_id()),
            owner_id: s(r.owner_id()),
            instances: r
                .instances()
                .iter()
                .map(|i| Instance {
                    instance_id: req(i.instance_id()),
                    state: i.state().map(|st| InstanceState {
                        code: st.code(),
                        name: en(st.name()),
                    }),
                    subnet_id: s(i.subnet_id()),
                    vpc_id: s(i.vpc_id()),
                    private_ip_address: s(i.private_ip_address()),
                    public_ip_address: s(i.public_ip_address()),
                    security_groups: groups(i.security_groups()),
                    tags: tags(i.tags()),
                })
                .collect(),
        })
        .collect();

    out.network_interfaces = paged!(
        rec,
        ops::EC2_DESCRIBE_NETWORK_INTERFACES,
        c.describe_network_interfaces()
    )
    .iter()
    .map(|x| NetworkInterface {
        network_interface_id: req(x.network_interface_id()),
        subnet_id: s(x.subnet_id()),
        vpc_id: s(x.vpc_id()),
        interface_type: en(x.interface_type()),
        description: s(x.description()),
        private_ip_address: s(x.private_ip_address()),
        association: x.association().map(|a| NetworkInterfaceAssociation {
            public_ip: s(a.public_ip()),
            public_dns_name: s(a.public_dns_name()),
            ip_owner_id: s(a.ip_owner_id()),
            allocation_id: s(a.allocation_id()),
        }),
        ipv6_addresses: x
            .ipv6_addresses()
            .iter()
            .filter_map(|a| {
                a.ipv6_address().map(|v| InterfaceIpv6Address {
                    ipv6_address: v.to_string(),
                })
            })
            .collect(),
        attachment: x.attachment().map(|a| NetworkInterfaceAttachment {
            attachment_id: s(a.attachment_id()),
            instance_id: s(a.instance_id()),
            status: en(a.status()),
        }),
        groups: groups(x.groups()),
        requester_managed: x.requester_managed(),
        status: en(x.status()),
        tag_set: tags(x.tag_set()),
    })
    .collect();
    out
}

/// A tunnel option list of strings (`[{"Value": "AES256"}]`).
fn values<'a>(items: impl Iterator<Item = Option<&'a str>>) -> Vec<TunnelValue> {
    items
        .flatten()
        .map(|v| TunnelValue {
            value: v.to_string(),
        })
        .collect()
}

/// A tunnel option list of numbers (`[{"Value": 14}]`).
fn numbers(items: impl Iterator<Item = Option<i32>>) -> Vec<TunnelNumber> {
    items
        .flatten()
        .map(|value| TunnelNumber { value })
        .collect()
}

/// The details of the partner endpoint services (`com.amazonaws.vpce.…`) the region's
/// interface endpoints connect to: `None` when they could not be read (or the endpoints
/// themselves were not), so a rule cannot mistake "not read" for "offers no private DNS".
async fn partner_services(
    c: &aws_sdk_ec2::Client,
    endpoints: &[VpcEndpoint],
    rec: &mut Recorder,
) -> Option<Vec<ServiceDetail>> {
    rec.children_unread_if(
        &ops::EC2_DESCRIBE_VPC_ENDPOINTS,
        &[&ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICES],
    );
    if rec.unread(&ops::EC2_DESCRIBE_VPC_ENDPOINTS) {
        return None;
    }
    let mut names: Vec<String> = endpoints
        .iter()
        .filter(|e| e.vpc_endpoint_type == "Interface")
        .map(|e| e.service_name.clone())
        .filter(|n| n.starts_with("com.amazonaws.vpce."))
        .collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    // The ServiceNames filter takes a bounded list: ask in chunks.
    for chunk in names.chunks(50) {
        let details: Vec<aws_sdk_ec2::types::ServiceDetail> = token_paged!(
            rec,
            ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICES,
            token => c
                .describe_vpc_endpoint_services()
                .set_service_names(Some(chunk.to_vec()))
                .set_next_token(token.clone())
                .send(),
            page => page.service_details(),
            page.next_token()
        );
        out.extend(details.iter().map(|d| ServiceDetail {
            service_name: req(d.service_name()),
            service_id: s(d.service_id()),
            owner: s(d.owner()),
            private_dns_name: s(d.private_dns_name()).filter(|n| !n.is_empty()),
            private_dns_name_verification_state: en(d.private_dns_name_verification_state()),
            acceptance_required: d.acceptance_required(),
        }));
    }
    // A page that failed (or was skipped) leaves the details unknown, not partial.
    if rec.unread(&ops::EC2_DESCRIBE_VPC_ENDPOINT_SERVICES) {
        return None;
    }
    out.sort_by(|a, b| a.service_name.cmp(&b.service_name));
    Some(out)
}
