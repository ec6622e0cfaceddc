//! Deterministic order: every resource list sorted by its id.

use super::Snapshot;

impl Snapshot {
    /// Sorts every resource list by its id so snapshots diff cleanly.
    pub fn sort_lists(&mut self) {
        let s = self;
        for r in s.regions.values_mut() {
            let e = &mut r.ec2;
            e.vpcs.sort_by(|a, b| a.vpc_id.cmp(&b.vpc_id));
            e.subnets.sort_by(|a, b| a.subnet_id.cmp(&b.subnet_id));
            e.route_tables
                .sort_by(|a, b| a.route_table_id.cmp(&b.route_table_id));
            e.internet_gateways
                .sort_by(|a, b| a.internet_gateway_id.cmp(&b.internet_gateway_id));
            e.nat_gateways
                .sort_by(|a, b| a.nat_gateway_id.cmp(&b.nat_gateway_id));
            e.security_groups
                .sort_by(|a, b| a.group_id.cmp(&b.group_id));
            e.network_acls
                .sort_by(|a, b| a.network_acl_id.cmp(&b.network_acl_id));
            e.vpc_endpoints
                .sort_by(|a, b| a.vpc_endpoint_id.cmp(&b.vpc_endpoint_id));
            e.vpc_peering_connections.sort_by(|a, b| {
                a.vpc_peering_connection_id
                    .cmp(&b.vpc_peering_connection_id)
            });
            e.transit_gateways
                .sort_by(|a, b| a.transit_gateway_id.cmp(&b.transit_gateway_id));
            e.transit_gateway_attachments.sort_by(|a, b| {
                a.transit_gateway_attachment_id
                    .cmp(&b.transit_gateway_attachment_id)
            });
            e.vpn_connections
                .sort_by(|a, b| a.vpn_connection_id.cmp(&b.vpn_connection_id));
            e.flow_logs
                .sort_by(|a, b| a.flow_log_id.cmp(&b.flow_log_id));
            e.reservations
                .sort_by(|a, b| a.reservation_id.cmp(&b.reservation_id));
            e.network_interfaces
                .sort_by(|a, b| a.network_interface_id.cmp(&b.network_interface_id));
            r.elbv2
                .load_balancers
                .sort_by(|a, b| a.load_balancer_arn.cmp(&b.load_balancer_arn));
            r.elbv2
                .listeners
                .sort_by(|a, b| a.listener_arn.cmp(&b.listener_arn));
            r.wafv2.web_acls.sort_by(|a, b| a.arn.cmp(&b.arn));
            r.wafv2
                .associations
                .sort_by(|a, b| a.resource_arn.cmp(&b.resource_arn));
            r.rds
                .db_instances
                .sort_by(|a, b| a.db_instance_identifier.cmp(&b.db_instance_identifier));
            r.apigateway.rest_apis.sort_by(|a, b| a.id.cmp(&b.id));
            r.apigateway
                .domain_names
                .sort_by(|a, b| a.domain_name.cmp(&b.domain_name));
            r.acm
                .certificates
                .sort_by(|a, b| a.certificate_arn.cmp(&b.certificate_arn));
        }
        s.global
            .cloudfront
            .distributions
            .sort_by(|a, b| a.id.cmp(&b.id));
        s.global
            .shield
            .protections
            .sort_by(|a, b| a.resource_arn.cmp(&b.resource_arn));
    }
}
