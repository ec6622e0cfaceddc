//! Snapshot schema v1: serde structs in the AWS APIs' own field names and shapes.
//!
//! Resources are arranged region → service → the AWS CLI's top-level key, so a fixture can be
//! built from `aws ec2 describe-security-groups` output. Only the fields the rules need (plus
//! ids, ARNs and tags) are modelled; unknown fields in resources are accepted and ignored.
//! Absent optional fields are omitted on output (see [`super::to_json_value`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The snapshot schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole-account snapshot: the contract between collection and evaluation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Always 1 for this schema.
    pub schema_version: u32,
    /// The moat version that wrote the snapshot.
    #[serde(default)]
    pub tool_version: Option<String>,
    pub account: Account,
    /// RFC 3339 time at which collection finished (epoch seconds are read too).
    #[serde(deserialize_with = "super::timestamp::required")]
    #[schemars(schema_with = "super::timestamp::schema")]
    pub collected_at: String,
    /// Regional resources, keyed by region name (e.g. `us-east-1`).
    #[serde(default)]
    pub regions: BTreeMap<String, Region>,
    /// Global services (CloudFront, Shield, CLOUDFRONT-scope WAF).
    #[serde(default)]
    pub global: Global,
    /// One entry per (region, service, operation) that was called, with its outcome.
    #[serde(default)]
    pub coverage: Vec<CoverageEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// 12-digit AWS account id.
    pub id: String,
    /// `aws`, `aws-cn` or `aws-us-gov`.
    #[serde(default = "default_partition")]
    pub partition: String,
    #[serde(default)]
    pub alias: Option<String>,
}

fn default_partition() -> String {
    "aws".to_string()
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum CoverageStatus {
    Ok,
    Denied,
    Error,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageEntry {
    /// The account the entry is about, in a report over several accounts; absent in a
    /// snapshot (which is one account's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Region name, or `global`.
    pub region: String,
    /// Service (e.g. `ec2`, `elbv2`, `wafv2`).
    pub service: String,
    /// API operation (e.g. `DescribeSecurityGroups`).
    pub operation: String,
    pub status: CoverageStatus,
    /// AWS error code (e.g. `AccessDenied`, `UnauthorizedOperation`).
    #[serde(default)]
    pub error_code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    #[serde(default)]
    pub ec2: Ec2,
    #[serde(default)]
    pub elbv2: Elbv2,
    /// Classic Load Balancers.
    #[serde(default)]
    pub elb: Elb,
    #[serde(default)]
    pub wafv2: Wafv2,
    #[serde(default)]
    pub rds: Rds,
    #[serde(default)]
    pub apigateway: ApiGateway,
    #[serde(default)]
    pub acm: Acm,
    /// Direct Connect connections, LAGs and virtual interfaces of the region.
    #[serde(default)]
    pub directconnect: DirectConnect,
    /// API Gateway HTTP and WebSocket APIs.
    #[serde(default)]
    pub apigatewayv2: ApiGatewayV2,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Global {
    #[serde(default)]
    pub cloudfront: CloudFront,
    #[serde(default)]
    pub shield: Shield,
    /// CLOUDFRONT-scope web ACLs (read in us-east-1).
    #[serde(default)]
    pub wafv2: Wafv2,
    /// Direct Connect gateways (global resources, read in us-east-1).
    #[serde(default)]
    pub directconnect: DirectConnectGateways,
}

/// `Key`/`Value` tag pair as EC2, ELBv2 and RDS print them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

// ---------------------------------------------------------------- EC2

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Ec2 {
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<NetworkAcl>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub vpc_peering_connections: Vec<VpcPeeringConnection>,
    pub transit_gateways: Vec<TransitGateway>,
    pub transit_gateway_attachments: Vec<TransitGatewayAttachment>,
    pub vpn_connections: Vec<VpnConnection>,
    pub flow_logs: Vec<FlowLog>,
    pub reservations: Vec<Reservation>,
    pub network_interfaces: Vec<NetworkInterface>,
    /// Customer- and AWS-managed prefix lists (`describe-managed-prefix-lists`), each with
    /// its entries (`get-managed-prefix-list-entries`) when they were read.
    pub managed_prefix_lists: Vec<ManagedPrefixList>,
    /// The PrivateLink endpoint services this account provides
    /// (`describe-vpc-endpoint-service-configurations`), each with who may connect
    /// (`describe-vpc-endpoint-service-permissions`) when that was read.
    pub vpc_endpoint_service_configurations: Vec<VpcEndpointServiceConfiguration>,
    /// `describe-vpc-endpoint-services` `ServiceDetails` of the partner services
    /// (`com.amazonaws.vpce.…`) this account's interface endpoints connect to: whether each
    /// offers a private DNS name. Absent: not read (old snapshots, or the call failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_service_details: Option<Vec<ServiceDetail>>,
}

/// What a PrivateLink endpoint service tells its consumers about itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceDetail {
    pub service_name: String,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    /// The private DNS name consumers' endpoints can resolve; absent: the service offers none.
    #[serde(default)]
    pub private_dns_name: Option<String>,
    /// `verified`, `pendingVerification` or `failed`: only a verified name can be enabled.
    #[serde(default)]
    pub private_dns_name_verification_state: Option<String>,
    #[serde(default)]
    pub acceptance_required: Option<bool>,
}

/// An endpoint service this account provides, plus `AllowedPrincipals`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpointServiceConfiguration {
    pub service_id: String,
    #[serde(default)]
    pub service_name: Option<String>,
    /// `Pending`, `Available`, `Deleting`, `Deleted` or `Failed`.
    #[serde(default)]
    pub service_state: Option<String>,
    /// Whether the provider must accept each connection. Absent: unknown.
    #[serde(default)]
    pub acceptance_required: Option<bool>,
    #[serde(default)]
    pub network_load_balancer_arns: Vec<String>,
    #[serde(default)]
    pub gateway_load_balancer_arns: Vec<String>,
    #[serde(default)]
    pub private_dns_name: Option<String>,
    /// Who may create endpoints to the service. Absent: not read (the rules that need it
    /// cannot judge the service); empty: nobody but the provider.
    #[serde(default)]
    pub allowed_principals: Option<Vec<AllowedPrincipal>>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// One principal allowed to connect to an endpoint service.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct AllowedPrincipal {
    /// An IAM principal ARN, or `*` for every AWS account.
    pub principal: String,
    /// `All`, `Service`, `OrganizationUnit`, `Account`, `User` or `Role`.
    #[serde(default)]
    pub principal_type: Option<String>,
}

/// A managed prefix list as `describe-managed-prefix-lists` prints it, plus `Entries`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ManagedPrefixList {
    pub prefix_list_id: String,
    #[serde(default)]
    pub prefix_list_name: Option<String>,
    /// `IPv4` or `IPv6`.
    #[serde(default)]
    pub address_family: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    /// `AWS` for AWS-managed lists, else the owning account.
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub prefix_list_arn: Option<String>,
    #[serde(default)]
    pub max_entries: Option<i32>,
    #[serde(default)]
    pub version: Option<i64>,
    /// The list's CIDRs (`get-managed-prefix-list-entries`). Absent: they were not read, and
    /// every rule or route naming the list has an unknown source or destination.
    #[serde(default)]
    pub entries: Option<Vec<PrefixListEntry>>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListEntry {
    pub cidr: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct CidrBlockAssociation {
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block: Option<String>,
    #[serde(default)]
    pub association_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    pub vpc_id: String,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub cidr_block_association_set: Vec<CidrBlockAssociation>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<CidrBlockAssociation>,
    #[serde(default)]
    pub is_default: Option<bool>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    pub subnet_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub subnet_arn: Option<String>,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<CidrBlockAssociation>,
    #[serde(default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub map_public_ip_on_launch: Option<bool>,
    #[serde(default)]
    pub assign_ipv6_address_on_creation: Option<bool>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTableAssociation {
    #[serde(default)]
    pub route_table_association_id: Option<String>,
    #[serde(default)]
    pub route_table_id: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub gateway_id: Option<String>,
    #[serde(default)]
    pub main: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    #[serde(default)]
    pub destination_cidr_block: Option<String>,
    #[serde(default)]
    pub destination_ipv6_cidr_block: Option<String>,
    #[serde(default)]
    pub destination_prefix_list_id: Option<String>,
    #[serde(default)]
    pub gateway_id: Option<String>,
    #[serde(default)]
    pub nat_gateway_id: Option<String>,
    #[serde(default)]
    pub transit_gateway_id: Option<String>,
    #[serde(default)]
    pub vpc_peering_connection_id: Option<String>,
    #[serde(default)]
    pub network_interface_id: Option<String>,
    #[serde(default)]
    pub instance_id: Option<String>,
    #[serde(default)]
    pub egress_only_internet_gateway_id: Option<String>,
    #[serde(default)]
    pub local_gateway_id: Option<String>,
    #[serde(default)]
    pub carrier_gateway_id: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    pub route_table_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub associations: Vec<RouteTableAssociation>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct GatewayAttachment {
    pub vpc_id: String,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct InternetGateway {
    pub internet_gateway_id: String,
    #[serde(default)]
    pub attachments: Vec<GatewayAttachment>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NatGatewayAddress {
    #[serde(default)]
    pub allocation_id: Option<String>,
    #[serde(default)]
    pub network_interface_id: Option<String>,
    #[serde(default)]
    pub private_ip: Option<String>,
    #[serde(default)]
    pub public_ip: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NatGateway {
    pub nat_gateway_id: String,
    pub vpc_id: String,
    pub subnet_id: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub connectivity_type: Option<String>,
    #[serde(default)]
    pub nat_gateway_addresses: Vec<NatGatewayAddress>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct IpRange {
    pub cidr_ip: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Range {
    pub cidr_ipv6: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct UserIdGroupPair {
    #[serde(default)]
    pub group_id: Option<String>,
    #[serde(default)]
    pub group_name: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub vpc_peering_connection_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListId {
    pub prefix_list_id: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// One security-group rule as `describe-security-groups` prints it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct IpPermission {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for all.
    pub ip_protocol: String,
    #[serde(default)]
    pub from_port: Option<i32>,
    #[serde(default)]
    pub to_port: Option<i32>,
    #[serde(default)]
    pub ip_ranges: Vec<IpRange>,
    #[serde(default)]
    pub ipv6_ranges: Vec<Ipv6Range>,
    #[serde(default)]
    pub user_id_group_pairs: Vec<UserIdGroupPair>,
    #[serde(default)]
    pub prefix_list_ids: Vec<PrefixListId>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    pub group_id: String,
    #[serde(default)]
    pub group_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub security_group_arn: Option<String>,
    #[serde(default)]
    pub ip_permissions: Vec<IpPermission>,
    #[serde(default)]
    pub ip_permissions_egress: Vec<IpPermission>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct PortRange {
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct IcmpTypeCode {
    #[serde(default)]
    pub code: Option<i32>,
    #[serde(default)]
    pub r#type: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAclEntry {
    pub rule_number: i32,
    /// Protocol number as a string (`6` tcp, `17` udp, `-1` all).
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    pub egress: bool,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block: Option<String>,
    #[serde(default)]
    pub port_range: Option<PortRange>,
    #[serde(default)]
    pub icmp_type_code: Option<IcmpTypeCode>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAclAssociation {
    #[serde(default)]
    pub network_acl_association_id: Option<String>,
    #[serde(default)]
    pub network_acl_id: Option<String>,
    pub subnet_id: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAcl {
    pub network_acl_id: String,
    pub vpc_id: String,
    #[serde(default)]
    pub is_default: Option<bool>,
    #[serde(default)]
    pub entries: Vec<NetworkAclEntry>,
    #[serde(default)]
    pub associations: Vec<NetworkAclAssociation>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct GroupIdentifier {
    #[serde(default)]
    pub group_id: Option<String>,
    #[serde(default)]
    pub group_name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpoint {
    pub vpc_endpoint_id: String,
    /// `Gateway`, `Interface`, `GatewayLoadBalancer`, …
    pub vpc_endpoint_type: String,
    pub vpc_id: String,
    /// e.g. `com.amazonaws.us-east-1.s3`.
    pub service_name: String,
    #[serde(default)]
    pub state: Option<String>,
    /// The endpoint policy, as the JSON string AWS returns.
    #[serde(default)]
    pub policy_document: Option<String>,
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub private_dns_enabled: Option<bool>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct CidrBlockEntry {
    #[serde(default)]
    pub cidr_block: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrBlockEntry {
    #[serde(default)]
    pub ipv6_cidr_block: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeeringConnectionVpcInfo {
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub cidr_block_set: Vec<CidrBlockEntry>,
    #[serde(default)]
    pub ipv6_cidr_block_set: Vec<Ipv6CidrBlockEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct StatusCode {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeeringConnection {
    pub vpc_peering_connection_id: String,
    #[serde(default)]
    pub accepter_vpc_info: VpcPeeringConnectionVpcInfo,
    #[serde(default)]
    pub requester_vpc_info: VpcPeeringConnectionVpcInfo,
    #[serde(default)]
    pub status: Option<StatusCode>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayOptions {
    #[serde(default)]
    pub amazon_side_asn: Option<i64>,
    /// `enable` or `disable`.
    #[serde(default)]
    pub auto_accept_shared_attachments: Option<String>,
    #[serde(default)]
    pub default_route_table_association: Option<String>,
    #[serde(default)]
    pub default_route_table_propagation: Option<String>,
    #[serde(default)]
    pub association_default_route_table_id: Option<String>,
    #[serde(default)]
    pub propagation_default_route_table_id: Option<String>,
    #[serde(default)]
    pub dns_support: Option<String>,
    #[serde(default)]
    pub vpn_ecmp_support: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGateway {
    pub transit_gateway_id: String,
    #[serde(default)]
    pub transit_gateway_arn: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub options: Option<TransitGatewayOptions>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayAttachmentAssociation {
    #[serde(default)]
    pub transit_gateway_route_table_id: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayAttachment {
    pub transit_gateway_attachment_id: String,
    pub transit_gateway_id: String,
    #[serde(default)]
    pub transit_gateway_owner_id: Option<String>,
    #[serde(default)]
    pub resource_owner_id: Option<String>,
    /// `vpc`, `vpn`, `peering`, `direct-connect-gateway`, …
    #[serde(default)]
    pub resource_type: Option<String>,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub association: Option<TransitGatewayAttachmentAssociation>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VgwTelemetry {
    #[serde(default)]
    pub outside_ip_address: Option<String>,
    /// `UP` or `DOWN`.
    pub status: String,
    #[serde(default)]
    pub status_message: Option<String>,
    #[serde(default, deserialize_with = "super::timestamp::optional")]
    #[schemars(schema_with = "super::timestamp::optional_schema")]
    pub last_status_change: Option<String>,
    #[serde(default)]
    pub accepted_route_count: Option<i32>,
    #[serde(default)]
    pub certificate_arn: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TunnelOption {
    #[serde(default)]
    pub outside_ip_address: Option<String>,
    #[serde(default)]
    pub tunnel_inside_cidr: Option<String>,
    /// The IKE versions the tunnel accepts (`ikev1`, `ikev2`). Empty: AWS's default, both.
    #[serde(default)]
    pub ike_versions: Vec<TunnelValue>,
    /// Empty: AWS's default list (AES128, AES256, AES128-GCM-16, AES256-GCM-16).
    #[serde(default)]
    pub phase1_encryption_algorithms: Vec<TunnelValue>,
    #[serde(default)]
    pub phase2_encryption_algorithms: Vec<TunnelValue>,
    /// Empty: AWS's default list (SHA1, SHA2-256, SHA2-384, SHA2-512).
    #[serde(default)]
    pub phase1_integrity_algorithms: Vec<TunnelValue>,
    #[serde(default)]
    pub phase2_integrity_algorithms: Vec<TunnelValue>,
    /// Empty: AWS's default list (2, 14–24 for phase 1; 2, 5, 14–24 for phase 2).
    #[serde(default, rename = "Phase1DHGroupNumbers")]
    pub phase1_dh_group_numbers: Vec<TunnelNumber>,
    #[serde(default, rename = "Phase2DHGroupNumbers")]
    pub phase2_dh_group_numbers: Vec<TunnelNumber>,
}

/// `{"Value": "AES256"}`, as DescribeVpnConnections prints tunnel option lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TunnelValue {
    pub value: String,
}

/// `{"Value": 14}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TunnelNumber {
    pub value: i32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpnConnectionOptions {
    #[serde(default)]
    pub static_routes_only: Option<bool>,
    /// `PublicIpv4` (default) or `PrivateIpv4`: a private-IP VPN runs over Direct Connect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_ip_address_type: Option<String>,
    /// The transit gateway attachment (of a Direct Connect gateway) a private-IP VPN runs over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport_transit_gateway_attachment_id: Option<String>,
    #[serde(default)]
    pub tunnel_options: Vec<TunnelOption>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpnConnection {
    pub vpn_connection_id: String,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub r#type: Option<String>,
    #[serde(default)]
    pub customer_gateway_id: Option<String>,
    #[serde(default)]
    pub vpn_gateway_id: Option<String>,
    #[serde(default)]
    pub transit_gateway_id: Option<String>,
    #[serde(default)]
    pub vgw_telemetry: Vec<VgwTelemetry>,
    #[serde(default)]
    pub options: Option<VpnConnectionOptions>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct FlowLog {
    pub flow_log_id: String,
    /// The VPC, subnet or network interface the flow log watches.
    pub resource_id: String,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: String,
    #[serde(default)]
    pub flow_log_status: Option<String>,
    #[serde(default)]
    pub deliver_logs_status: Option<String>,
    #[serde(default)]
    pub log_destination_type: Option<String>,
    #[serde(default)]
    pub log_destination: Option<String>,
    #[serde(default)]
    pub log_group_name: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Reservation {
    #[serde(default)]
    pub reservation_id: Option<String>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub instances: Vec<Instance>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceState {
    #[serde(default)]
    pub code: Option<i32>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    #[serde(default)]
    pub state: Option<InstanceState>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub private_ip_address: Option<String>,
    #[serde(default)]
    pub public_ip_address: Option<String>,
    #[serde(default)]
    pub security_groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfaceAssociation {
    #[serde(default)]
    pub public_ip: Option<String>,
    #[serde(default)]
    pub public_dns_name: Option<String>,
    #[serde(default)]
    pub ip_owner_id: Option<String>,
    #[serde(default)]
    pub allocation_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfaceAttachment {
    #[serde(default)]
    pub attachment_id: Option<String>,
    #[serde(default)]
    pub instance_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    pub network_interface_id: String,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub interface_type: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub private_ip_address: Option<String>,
    #[serde(default)]
    pub association: Option<NetworkInterfaceAssociation>,
    /// The interface's IPv6 addresses: global unicast addresses are reachable from the
    /// internet wherever routes, ACLs and groups allow (there is no NAT for IPv6).
    #[serde(default)]
    pub ipv6_addresses: Vec<InterfaceIpv6Address>,
    #[serde(default)]
    pub attachment: Option<NetworkInterfaceAttachment>,
    #[serde(default)]
    pub groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub requester_managed: Option<bool>,
    #[serde(default)]
    pub status: Option<String>,
    /// EC2 prints network-interface tags as `TagSet`.
    #[serde(default)]
    pub tag_set: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct InterfaceIpv6Address {
    pub ipv6_address: String,
}

// ---------------------------------------------------------------- ELBv2

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Elbv2 {
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    /// The security policies ELB offers in the region (`describe-ssl-policies`): what each
    /// enables, so listeners are judged by protocols, not by policy names.
    pub ssl_policies: Vec<SslPolicy>,
    /// Target groups (`describe-target-groups`), each with its registered targets.
    pub target_groups: Vec<TargetGroup>,
}

/// A target group as `describe-target-groups` prints it, plus its targets.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroup {
    pub target_group_arn: String,
    #[serde(default)]
    pub target_group_name: Option<String>,
    #[serde(default)]
    pub protocol: Option<String>,
    /// The port targets receive traffic on, unless a target names its own.
    #[serde(default)]
    pub port: Option<i32>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// `instance`, `ip`, `lambda` or `alb`.
    #[serde(default)]
    pub target_type: Option<String>,
    #[serde(default)]
    pub load_balancer_arns: Vec<String>,
    /// `describe-target-health`: the registered targets and their state. Absent: they were
    /// not read (moat cannot say what the group forwards to).
    #[serde(default)]
    pub target_health_descriptions: Option<Vec<TargetHealthDescription>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealthDescription {
    pub target: TargetDescription,
    #[serde(default)]
    pub target_health: Option<TargetHealth>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TargetDescription {
    /// An instance id, an IP address, a Lambda function ARN or an ALB ARN.
    pub id: String,
    #[serde(default)]
    pub port: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealth {
    /// `initial`, `healthy`, `unhealthy`, `unused`, `draining`, `unavailable`, …
    #[serde(default)]
    pub state: Option<String>,
}

/// An ELB security policy as `describe-ssl-policies` prints it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct SslPolicy {
    pub name: String,
    /// `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3` (`SSLv3` on old classic policies).
    #[serde(default)]
    pub ssl_protocols: Vec<String>,
    #[serde(default)]
    pub ciphers: Vec<SslCipher>,
    #[serde(default)]
    pub supported_load_balancer_types: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct SslCipher {
    pub name: String,
    #[serde(default)]
    pub priority: Option<i32>,
}

/// Classic Load Balancers (`aws elb describe-load-balancers`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Elb {
    pub load_balancer_descriptions: Vec<ClassicLoadBalancer>,
}

/// A Classic Load Balancer as `aws elb describe-load-balancers` prints it, plus
/// `PolicyDescriptions` (`describe-load-balancer-policies` for it).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicLoadBalancer {
    pub load_balancer_name: String,
    #[serde(rename = "DNSName", default)]
    pub dns_name: Option<String>,
    /// `internet-facing` or `internal`.
    #[serde(default)]
    pub scheme: Option<String>,
    #[serde(rename = "VPCId", default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnets: Vec<String>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub listener_descriptions: Vec<ClassicListenerDescription>,
    /// The load balancer's policies with their attributes. Absent: they were not read.
    #[serde(default)]
    pub policy_descriptions: Option<Vec<ClassicPolicyDescription>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicListenerDescription {
    pub listener: ClassicListener,
    /// The policies in force on the listener (an SSL negotiation policy for HTTPS/SSL).
    #[serde(default)]
    pub policy_names: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicListener {
    /// `HTTP`, `HTTPS`, `TCP` or `SSL`.
    pub protocol: String,
    pub load_balancer_port: i32,
    #[serde(default)]
    pub instance_protocol: Option<String>,
    #[serde(default)]
    pub instance_port: Option<i32>,
    #[serde(rename = "SSLCertificateId", default)]
    pub ssl_certificate_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicPolicyDescription {
    pub policy_name: String,
    /// `SSLNegotiationPolicyType` for the TLS settings of HTTPS/SSL listeners.
    #[serde(default)]
    pub policy_type_name: Option<String>,
    #[serde(default)]
    pub policy_attribute_descriptions: Vec<ClassicPolicyAttribute>,
}

/// `Protocol-TLSv1` = `true`, `Reference-Security-Policy` = `ELBSecurityPolicy-…`, a cipher
/// name = `true`, …
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicPolicyAttribute {
    pub attribute_name: String,
    #[serde(default)]
    pub attribute_value: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancerState {
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct AvailabilityZone {
    #[serde(default)]
    pub zone_name: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancer {
    pub load_balancer_arn: String,
    #[serde(default)]
    pub load_balancer_name: Option<String>,
    #[serde(default, rename = "DNSName")]
    pub dns_name: Option<String>,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    /// `application`, `network` or `gateway`.
    pub r#type: String,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub state: Option<LoadBalancerState>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub availability_zones: Vec<AvailabilityZone>,
    #[serde(default)]
    pub ip_address_type: Option<String>,
    /// From `DescribeTags`, joined onto the load balancer.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerCertificate {
    pub certificate_arn: String,
    #[serde(default)]
    pub is_default: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RedirectConfig {
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub status_code: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct FixedResponseConfig {
    #[serde(default)]
    pub status_code: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub message_body: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, …
    pub r#type: String,
    #[serde(default)]
    pub order: Option<i32>,
    #[serde(default)]
    pub target_group_arn: Option<String>,
    #[serde(default)]
    pub redirect_config: Option<RedirectConfig>,
    #[serde(default)]
    pub fixed_response_config: Option<FixedResponseConfig>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    pub listener_arn: String,
    pub load_balancer_arn: String,
    pub port: i32,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`.
    pub protocol: String,
    #[serde(default)]
    pub ssl_policy: Option<String>,
    #[serde(default)]
    pub certificates: Vec<ListenerCertificate>,
    #[serde(default)]
    pub default_actions: Vec<ListenerAction>,
    #[serde(default)]
    pub alpn_policy: Vec<String>,
}

// ---------------------------------------------------------------- WAFv2

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Wafv2 {
    /// Full web ACLs as `GetWebACL` returns them.
    #[serde(rename = "WebACLs")]
    pub web_acls: Vec<WebAcl>,
    /// Which web ACL protects which resource (ALB or API Gateway stage ARN), from
    /// `GetWebACLForResource`.
    pub associations: Vec<WebAclAssociation>,
    /// Logging configurations from `GetLoggingConfiguration`.
    pub logging_configurations: Vec<LoggingConfiguration>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct WebAcl {
    pub name: String,
    pub id: String,
    #[serde(rename = "ARN")]
    pub arn: String,
    /// `{"Allow": {}}` or `{"Block": {}}`.
    #[serde(default)]
    pub default_action: serde_json::Value,
    #[serde(default)]
    pub rules: Vec<WafRule>,
    #[serde(default)]
    pub capacity: Option<i64>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub managed_by_firewall_manager: Option<bool>,
    /// Firewall Manager's rule groups that run before the ACL's own rules, as `get-web-acl`
    /// prints them (`Name`, `Priority`, `FirewallManagerStatement`, `OverrideAction`).
    #[serde(default)]
    pub pre_process_firewall_manager_rule_groups: Vec<serde_json::Value>,
    /// Firewall Manager's rule groups that run after them.
    #[serde(default)]
    pub post_process_firewall_manager_rule_groups: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct WafRule {
    pub name: String,
    pub priority: i64,
    /// The rule statement in WAFv2's own shape (e.g. `ManagedRuleGroupStatement`,
    /// `RateBasedStatement`, `SqliMatchStatement`, nested `AndStatement`…).
    pub statement: serde_json::Value,
    /// For rules: `{"Block": {}}`, `{"Count": {}}`, …
    #[serde(default)]
    pub action: Option<serde_json::Value>,
    /// For rule groups: `{"None": {}}` or `{"Count": {}}`.
    #[serde(default)]
    pub override_action: Option<serde_json::Value>,
    #[serde(default)]
    pub visibility_config: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct WebAclAssociation {
    pub resource_arn: String,
    #[serde(rename = "WebACLArn")]
    pub web_acl_arn: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct LoggingConfiguration {
    /// The web ACL's ARN.
    pub resource_arn: String,
    #[serde(default)]
    pub log_destination_configs: Vec<String>,
}

// ---------------------------------------------------------------- RDS

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Rds {
    #[serde(rename = "DBInstances")]
    pub db_instances: Vec<DbInstance>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DbSubnet {
    pub subnet_identifier: String,
    #[serde(default)]
    pub subnet_status: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DbSubnetGroup {
    #[serde(default, rename = "DBSubnetGroupName")]
    pub db_subnet_group_name: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnets: Vec<DbSubnet>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct VpcSecurityGroupMembership {
    pub vpc_security_group_id: String,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DbEndpoint {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub port: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DbInstance {
    #[serde(rename = "DBInstanceIdentifier")]
    pub db_instance_identifier: String,
    #[serde(default, rename = "DBInstanceArn")]
    pub db_instance_arn: Option<String>,
    #[serde(default)]
    pub engine: Option<String>,
    #[serde(default, rename = "DBInstanceStatus")]
    pub db_instance_status: Option<String>,
    #[serde(default)]
    pub publicly_accessible: bool,
    #[serde(default, rename = "DBSubnetGroup")]
    pub db_subnet_group: Option<DbSubnetGroup>,
    #[serde(default)]
    pub vpc_security_groups: Vec<VpcSecurityGroupMembership>,
    #[serde(default)]
    pub endpoint: Option<DbEndpoint>,
    #[serde(default)]
    pub storage_encrypted: Option<bool>,
    #[serde(default)]
    pub tag_list: Vec<Tag>,
}

// ---------------------------------------------------------------- API Gateway (REST)

/// API Gateway prints camelCase field names; moat keeps them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct ApiGateway {
    /// `get-rest-apis` items, each with its `stages` from `get-stages` joined in.
    pub rest_apis: Vec<RestApi>,
    /// `get-domain-names` items.
    pub domain_names: Vec<DomainName>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConfiguration {
    #[serde(default)]
    pub types: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RestApi {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub endpoint_configuration: Option<EndpointConfiguration>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub stage_name: String,
    #[serde(default)]
    pub deployment_id: Option<String>,
    #[serde(default)]
    pub web_acl_arn: Option<String>,
    /// `resourcePath/httpMethod` (`*/*`: every method of the stage) → its settings; the
    /// stage's own throttle is `*/*`'s. Absent: no method settings, so only the account-level
    /// throttle applies.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub method_settings: BTreeMap<String, MethodSetting>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// The throttle of a stage's methods (`GetStages` `methodSettings`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MethodSetting {
    /// Requests per second at steady state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttling_rate_limit: Option<f64>,
    /// Requests at once above the rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttling_burst_limit: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainName {
    pub domain_name: String,
    /// `TLS_1_0` or `TLS_1_2` (or a `SecurityPolicy_*` name).
    #[serde(default)]
    pub security_policy: Option<String>,
    #[serde(default)]
    pub endpoint_configuration: Option<EndpointConfiguration>,
    #[serde(default)]
    pub certificate_arn: Option<String>,
    #[serde(default)]
    pub regional_certificate_arn: Option<String>,
    #[serde(default)]
    pub domain_name_status: Option<String>,
}

// ---------------------------------------------------------------- API Gateway v2 (HTTP, WebSocket)

/// API Gateway v2 prints PascalCase field names; moat keeps them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct ApiGatewayV2 {
    /// `get-apis` items, each with its `Stages` from `get-stages` joined in.
    pub apis: Vec<ApiV2>,
    /// `get-domain-names` items, each with its `ApiMappings` from `get-api-mappings`.
    pub domain_names: Vec<DomainNameV2>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ApiV2 {
    pub api_id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `HTTP` or `WEBSOCKET`.
    #[serde(default)]
    pub protocol_type: Option<String>,
    /// The default `execute-api` endpoint, e.g. `https://abc123.execute-api.us-east-1.amazonaws.com`.
    #[serde(default)]
    pub api_endpoint: Option<String>,
    /// True when clients can reach the API only through a custom domain name. Absent: false.
    #[serde(default)]
    pub disable_execute_api_endpoint: Option<bool>,
    #[serde(default)]
    pub stages: Vec<StageV2>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct StageV2 {
    pub stage_name: String,
    /// The stage's default route throttle (and other settings).
    #[serde(default)]
    pub default_route_settings: Option<RouteSettingsV2>,
    /// Route key → its own settings, overriding the default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub route_settings: BTreeMap<String, RouteSettingsV2>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// A stage's or route's throttle. Absent limits: only the account-level throttle applies.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RouteSettingsV2 {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttling_rate_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttling_burst_limit: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DomainNameV2 {
    pub domain_name: String,
    #[serde(default)]
    pub domain_name_configurations: Vec<DomainNameConfigurationV2>,
    #[serde(default)]
    pub api_mappings: Vec<ApiMappingV2>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct DomainNameConfigurationV2 {
    /// The domain's target, e.g. `d-abc123.execute-api.us-east-1.amazonaws.com`.
    #[serde(default)]
    pub api_gateway_domain_name: Option<String>,
    #[serde(default)]
    pub endpoint_type: Option<String>,
    #[serde(default)]
    pub security_policy: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ApiMappingV2 {
    pub api_id: String,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub api_mapping_key: Option<String>,
}

// ---------------------------------------------------------------- Direct Connect

/// Direct Connect prints camelCase field names; moat keeps them (lists PascalCase, as elsewhere).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct DirectConnect {
    /// `describe-connections`: this account's dedicated and hosted connections.
    pub connections: Vec<DxConnection>,
    /// `describe-lags`: link aggregation groups, each with its member connections.
    pub lags: Vec<DxLag>,
    /// `describe-virtual-interfaces`.
    pub virtual_interfaces: Vec<VirtualInterface>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DxConnection {
    pub connection_id: String,
    #[serde(default)]
    pub connection_name: Option<String>,
    /// `ordering`, `requested`, `pending`, `available`, `down`, `deleting`, `deleted`,
    /// `rejected`, `unknown`.
    #[serde(default)]
    pub connection_state: Option<String>,
    /// The Direct Connect location (colocation facility) code.
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub bandwidth: Option<String>,
    #[serde(default)]
    pub lag_id: Option<String>,
    /// Set on a hosted connection: the partner that provisioned it.
    #[serde(default)]
    pub partner_name: Option<String>,
    #[serde(default)]
    pub provider_name: Option<String>,
    #[serde(default)]
    pub mac_sec_capable: Option<bool>,
    /// `no_encrypt`, `should_encrypt` or `must_encrypt`.
    #[serde(default)]
    pub encryption_mode: Option<String>,
    /// `Encryption Up` or `Encryption Down`.
    #[serde(default)]
    pub port_encryption_status: Option<String>,
    #[serde(default)]
    pub mac_sec_keys: Vec<MacSecKey>,
    #[serde(default)]
    pub tags: Vec<DxTag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MacSecKey {
    #[serde(default, rename = "secretARN")]
    pub secret_arn: Option<String>,
    #[serde(default)]
    pub ckn: Option<String>,
    /// `associating`, `associated`, `disassociating`, `disassociated`.
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub start_on: Option<String>,
}

/// Direct Connect's `key`/`value` tag pair.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DxTag {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DxLag {
    pub lag_id: String,
    #[serde(default)]
    pub lag_name: Option<String>,
    /// `requested`, `pending`, `available`, `down`, `deleting`, `deleted`, `unknown`.
    #[serde(default)]
    pub lag_state: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub number_of_connections: Option<i32>,
    #[serde(default)]
    pub minimum_links: Option<i32>,
    #[serde(default)]
    pub connections: Vec<DxConnection>,
    #[serde(default)]
    pub mac_sec_capable: Option<bool>,
    #[serde(default)]
    pub encryption_mode: Option<String>,
    #[serde(default)]
    pub mac_sec_keys: Vec<MacSecKey>,
    #[serde(default)]
    pub tags: Vec<DxTag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VirtualInterface {
    pub virtual_interface_id: String,
    #[serde(default)]
    pub virtual_interface_name: Option<String>,
    /// `private`, `public` or `transit`.
    #[serde(default)]
    pub virtual_interface_type: Option<String>,
    /// `confirming`, `verifying`, `pending`, `available`, `down`, `testing`, `deleting`,
    /// `deleted`, `rejected`, `unknown`.
    #[serde(default)]
    pub virtual_interface_state: Option<String>,
    /// The connection or LAG (`dxlag-…`) that carries it.
    #[serde(default)]
    pub connection_id: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub owner_account: Option<String>,
    #[serde(default)]
    pub direct_connect_gateway_id: Option<String>,
    /// A private virtual interface attached straight to a virtual private gateway.
    #[serde(default)]
    pub virtual_gateway_id: Option<String>,
    #[serde(default)]
    pub bgp_peers: Vec<BgpPeer>,
    #[serde(default)]
    pub tags: Vec<DxTag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BgpPeer {
    #[serde(default)]
    pub bgp_peer_id: Option<String>,
    #[serde(default)]
    pub address_family: Option<String>,
    #[serde(default)]
    pub bgp_peer_state: Option<String>,
    /// `up`, `down` or `unknown`.
    #[serde(default)]
    pub bgp_status: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct DirectConnectGateways {
    /// `describe-direct-connect-gateways`, each with its `associations` from
    /// `describe-direct-connect-gateway-associations`.
    pub gateways: Vec<DxGateway>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DxGateway {
    pub direct_connect_gateway_id: String,
    #[serde(default)]
    pub direct_connect_gateway_name: Option<String>,
    #[serde(default)]
    pub direct_connect_gateway_state: Option<String>,
    #[serde(default)]
    pub owner_account: Option<String>,
    #[serde(default)]
    pub associations: Vec<DxGatewayAssociation>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DxGatewayAssociation {
    #[serde(default)]
    pub association_id: Option<String>,
    /// `associating`, `associated`, `disassociating`, `disassociated`, `updating`.
    #[serde(default)]
    pub association_state: Option<String>,
    #[serde(default)]
    pub associated_gateway: Option<AssociatedGateway>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssociatedGateway {
    #[serde(default)]
    pub id: Option<String>,
    /// `virtualPrivateGateway` or `transitGateway`.
    #[serde(default)]
    pub r#type: Option<String>,
    #[serde(default)]
    pub owner_account: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

// ---------------------------------------------------------------- ACM

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Acm {
    /// `describe-certificate` results.
    pub certificates: Vec<Certificate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RenewalSummary {
    #[serde(default)]
    pub renewal_status: Option<String>,
    #[serde(default)]
    pub renewal_status_reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    pub certificate_arn: String,
    #[serde(default)]
    pub domain_name: Option<String>,
    /// `ISSUED`, `PENDING_VALIDATION`, `EXPIRED`, `REVOKED`, `FAILED`, …
    pub status: String,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    #[serde(default)]
    pub r#type: Option<String>,
    /// RFC 3339 time.
    #[serde(default, deserialize_with = "super::timestamp::optional")]
    #[schemars(schema_with = "super::timestamp::optional_schema")]
    pub not_after: Option<String>,
    #[serde(default, deserialize_with = "super::timestamp::optional")]
    #[schemars(schema_with = "super::timestamp::optional_schema")]
    pub not_before: Option<String>,
    /// `ELIGIBLE` or `INELIGIBLE`.
    #[serde(default)]
    pub renewal_eligibility: Option<String>,
    #[serde(default)]
    pub renewal_summary: Option<RenewalSummary>,
    #[serde(default)]
    pub in_use_by: Vec<String>,
    #[serde(default)]
    pub key_algorithm: Option<String>,
}

// ---------------------------------------------------------------- CloudFront

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct CloudFront {
    pub distributions: Vec<Distribution>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ViewerCertificate {
    #[serde(default)]
    pub cloud_front_default_certificate: Option<bool>,
    #[serde(default, rename = "ACMCertificateArn")]
    pub acm_certificate_arn: Option<String>,
    #[serde(default, rename = "IAMCertificateId")]
    pub iam_certificate_id: Option<String>,
    /// e.g. `TLSv1.2_2021`.
    #[serde(default)]
    pub minimum_protocol_version: Option<String>,
    #[serde(default, rename = "SSLSupportMethod")]
    pub ssl_support_method: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct CacheBehavior {
    #[serde(default)]
    pub path_pattern: Option<String>,
    #[serde(default)]
    pub target_origin_id: Option<String>,
    /// `allow-all`, `redirect-to-https` or `https-only`.
    pub viewer_protocol_policy: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct CacheBehaviors {
    #[serde(default)]
    pub quantity: i32,
    #[serde(default)]
    pub items: Vec<CacheBehavior>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Origins {
    #[serde(default)]
    pub quantity: i32,
    #[serde(default)]
    pub items: Vec<Origin>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Origin {
    #[serde(default)]
    pub id: Option<String>,
    pub domain_name: String,
    /// How CloudFront reaches a custom origin (a load balancer, a web server); absent for
    /// S3 origins.
    #[serde(default)]
    pub custom_origin_config: Option<CustomOriginConfig>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct CustomOriginConfig {
    #[serde(default, rename = "HTTPPort")]
    pub http_port: Option<i32>,
    #[serde(default, rename = "HTTPSPort")]
    pub https_port: Option<i32>,
    /// `http-only`, `match-viewer` or `https-only`.
    #[serde(default)]
    pub origin_protocol_policy: Option<String>,
    /// The TLS versions CloudFront may use with the origin (`SSLv3`, `TLSv1`, `TLSv1.1`,
    /// `TLSv1.2`).
    #[serde(default)]
    pub origin_ssl_protocols: Option<OriginSslProtocols>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct OriginSslProtocols {
    #[serde(default)]
    pub quantity: i32,
    #[serde(default)]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Aliases {
    #[serde(default)]
    pub quantity: i32,
    #[serde(default)]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Distribution {
    pub id: String,
    #[serde(rename = "ARN")]
    pub arn: String,
    #[serde(default)]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub aliases: Option<Aliases>,
    /// Where the distribution fetches from (`Id`, `DomainName`).
    #[serde(default)]
    pub origins: Option<Origins>,
    /// The WAFv2 web ACL ARN (or WAF classic id); empty when none.
    #[serde(default, rename = "WebACLId")]
    pub web_acl_id: Option<String>,
    #[serde(default)]
    pub viewer_certificate: Option<ViewerCertificate>,
    pub default_cache_behavior: CacheBehavior,
    #[serde(default)]
    pub cache_behaviors: Option<CacheBehaviors>,
    /// From `ListTagsForResource`, flattened to `Key`/`Value` pairs.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

// ---------------------------------------------------------------- Shield

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Shield {
    /// `ACTIVE` or `INACTIVE` (Shield Advanced).
    pub subscription_state: Option<String>,
    pub subscription: Option<ShieldSubscription>,
    pub protections: Vec<Protection>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct ShieldSubscription {
    #[serde(default)]
    pub subscription_arn: Option<String>,
    #[serde(default, deserialize_with = "super::timestamp::optional")]
    #[schemars(schema_with = "super::timestamp::optional_schema")]
    pub start_time: Option<String>,
    #[serde(default, deserialize_with = "super::timestamp::optional")]
    #[schemars(schema_with = "super::timestamp::optional_schema")]
    pub end_time: Option<String>,
    #[serde(default)]
    pub auto_renew: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Protection {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub resource_arn: String,
    #[serde(default)]
    pub protection_arn: Option<String>,
}
