//! Deterministic order: every resource list sorted by its id.

use super::Snapshot;

/// Sorts each list by one of its items' fields: `sort_by!(list => field, …)`.
macro_rules! sort_by {
    ($($list:expr => $field:ident),* $(,)?) => {
        $( $list.sort_by(|a, b| a.$field.cmp(&b.$field)); )*
    };
}

impl Snapshot {
    /// Sorts every resource list by its id so snapshots diff cleanly.
    pub fn sort_lists(&mut self) {
        for r in self.regions.values_mut() {
            let e = &mut r.ec2;
            sort_by!(
                e.vpcs => vpc_id,
                e.subnets => subnet_id,
                e.route_tables => route_table_id,
                e.internet_gateways => internet_gateway_id,
                e.nat_gateways => nat_gateway_id,
                e.security_groups => group_id,
                e.network_acls => network_acl_id,
                e.vpc_endpoints => vpc_endpoint_id,
                e.vpc_peering_connections => vpc_peering_connection_id,
                e.transit_gateways => transit_gateway_id,
                e.transit_gateway_attachments => transit_gateway_attachment_id,
                e.vpn_connections => vpn_connection_id,
                e.flow_logs => flow_log_id,
                e.reservations => reservation_id,
                e.network_interfaces => network_interface_id,
                e.managed_prefix_lists => prefix_list_id,
                r.elbv2.load_balancers => load_balancer_arn,
                r.elbv2.listeners => listener_arn,
                r.elbv2.ssl_policies => name,
                r.elbv2.target_groups => target_group_arn,
                r.elb.load_balancer_descriptions => load_balancer_name,
                r.wafv2.web_acls => arn,
                r.wafv2.associations => resource_arn,
                r.rds.db_instances => db_instance_identifier,
                r.apigateway.rest_apis => id,
                r.apigateway.domain_names => domain_name,
                r.acm.certificates => certificate_arn,
                r.apigatewayv2.apis => api_id,
                r.apigatewayv2.domain_names => domain_name,
                r.directconnect.connections => connection_id,
                r.directconnect.lags => lag_id,
                r.directconnect.virtual_interfaces => virtual_interface_id,
            );
        }
        sort_by!(
            self.global.cloudfront.distributions => id,
            self.global.shield.protections => resource_arn,
            self.global.directconnect.gateways => direct_connect_gateway_id,
        );
    }
}
