//! Every AWS operation the collector calls: the one list behind both the code (a call can
//! only be recorded through one of these) and `docs/iam-policy.json` (kept equal by a test).

/// One read-only AWS API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// moat's service key (`ec2`, `elbv2`, …), as in snapshots' coverage.
    pub service: &'static str,
    /// The API operation name.
    pub operation: &'static str,
    /// The IAM action that allows it.
    pub iam_action: &'static str,
}

/// Declares operations, one constant each, and the list of them.
macro_rules! ops {
    ($(#[$doc:meta])* $list:ident { $($name:ident = $svc:literal, $op:literal, $iam:literal;)* }) => {
        $(pub const $name: Op = Op { service: $svc, operation: $op, iam_action: $iam };)*
        $(#[$doc])*
        pub const $list: &[Op] = &[$($name),*];
    };
}

ops! {
    /// Every operation of the collector, in a stable order.
    ALL {
    STS_GET_CALLER_IDENTITY = "sts", "GetCallerIdentity", "sts:GetCallerIdentity";
    EC2_DESCRIBE_REGIONS = "ec2", "DescribeRegions", "ec2:DescribeRegions";
    EC2_DESCRIBE_VPCS = "ec2", "DescribeVpcs", "ec2:DescribeVpcs";
    EC2_DESCRIBE_SUBNETS = "ec2", "DescribeSubnets", "ec2:DescribeSubnets";
    EC2_DESCRIBE_ROUTE_TABLES = "ec2", "DescribeRouteTables", "ec2:DescribeRouteTables";
    EC2_DESCRIBE_INTERNET_GATEWAYS = "ec2", "DescribeInternetGateways", "ec2:DescribeInternetGateways";
    EC2_DESCRIBE_NAT_GATEWAYS = "ec2", "DescribeNatGateways", "ec2:DescribeNatGateways";
    EC2_DESCRIBE_SECURITY_GROUPS = "ec2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups";
    EC2_DESCRIBE_NETWORK_ACLS = "ec2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls";
    EC2_DESCRIBE_VPC_ENDPOINTS = "ec2", "DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints";
    EC2_DESCRIBE_VPC_PEERING_CONNECTIONS = "ec2", "DescribeVpcPeeringConnections", "ec2:DescribeVpcPeeringConnections";
    EC2_DESCRIBE_TRANSIT_GATEWAYS = "ec2", "DescribeTransitGateways", "ec2:DescribeTransitGateways";
    EC2_DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS = "ec2", "DescribeTransitGatewayAttachments", "ec2:DescribeTransitGatewayAttachments";
    EC2_DESCRIBE_VPN_CONNECTIONS = "ec2", "DescribeVpnConnections", "ec2:DescribeVpnConnections";
    EC2_DESCRIBE_FLOW_LOGS = "ec2", "DescribeFlowLogs", "ec2:DescribeFlowLogs";
    EC2_DESCRIBE_INSTANCES = "ec2", "DescribeInstances", "ec2:DescribeInstances";
    EC2_DESCRIBE_NETWORK_INTERFACES = "ec2", "DescribeNetworkInterfaces", "ec2:DescribeNetworkInterfaces";
    EC2_DESCRIBE_MANAGED_PREFIX_LISTS = "ec2", "DescribeManagedPrefixLists", "ec2:DescribeManagedPrefixLists";
    EC2_GET_MANAGED_PREFIX_LIST_ENTRIES = "ec2", "GetManagedPrefixListEntries", "ec2:GetManagedPrefixListEntries";
    EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS = "ec2", "DescribeVpcEndpointServiceConfigurations", "ec2:DescribeVpcEndpointServiceConfigurations";
    EC2_DESCRIBE_VPC_ENDPOINT_SERVICE_PERMISSIONS = "ec2", "DescribeVpcEndpointServicePermissions", "ec2:DescribeVpcEndpointServicePermissions";
    EC2_DESCRIBE_VPC_ENDPOINT_SERVICES = "ec2", "DescribeVpcEndpointServices", "ec2:DescribeVpcEndpointServices";
    ELBV2_DESCRIBE_LOAD_BALANCERS = "elbv2", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers";
    ELBV2_DESCRIBE_LISTENERS = "elbv2", "DescribeListeners", "elasticloadbalancing:DescribeListeners";
    ELBV2_DESCRIBE_TAGS = "elbv2", "DescribeTags", "elasticloadbalancing:DescribeTags";
    ELBV2_DESCRIBE_SSL_POLICIES = "elbv2", "DescribeSSLPolicies", "elasticloadbalancing:DescribeSSLPolicies";
    ELBV2_DESCRIBE_TARGET_GROUPS = "elbv2", "DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroups";
    ELBV2_DESCRIBE_TARGET_HEALTH = "elbv2", "DescribeTargetHealth", "elasticloadbalancing:DescribeTargetHealth";
    ELB_DESCRIBE_LOAD_BALANCERS = "elb", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers";
    ELB_DESCRIBE_LOAD_BALANCER_POLICIES = "elb", "DescribeLoadBalancerPolicies", "elasticloadbalancing:DescribeLoadBalancerPolicies";
    WAFV2_LIST_WEB_ACLS = "wafv2", "ListWebACLs", "wafv2:ListWebACLs";
    WAFV2_GET_WEB_ACL = "wafv2", "GetWebACL", "wafv2:GetWebACL";
    WAFV2_GET_WEB_ACL_FOR_RESOURCE = "wafv2", "GetWebACLForResource", "wafv2:GetWebACLForResource";
    WAFV2_GET_LOGGING_CONFIGURATION = "wafv2", "GetLoggingConfiguration", "wafv2:GetLoggingConfiguration";
    RDS_DESCRIBE_DB_INSTANCES = "rds", "DescribeDBInstances", "rds:DescribeDBInstances";
    APIGATEWAY_GET_REST_APIS = "apigateway", "GetRestApis", "apigateway:GET";
    APIGATEWAY_GET_STAGES = "apigateway", "GetStages", "apigateway:GET";
    APIGATEWAY_GET_DOMAIN_NAMES = "apigateway", "GetDomainNames", "apigateway:GET";
    APIGATEWAYV2_GET_APIS = "apigatewayv2", "GetApis", "apigateway:GET";
    APIGATEWAYV2_GET_STAGES = "apigatewayv2", "GetStages", "apigateway:GET";
    APIGATEWAYV2_GET_DOMAIN_NAMES = "apigatewayv2", "GetDomainNames", "apigateway:GET";
    APIGATEWAYV2_GET_API_MAPPINGS = "apigatewayv2", "GetApiMappings", "apigateway:GET";
    DIRECTCONNECT_DESCRIBE_CONNECTIONS = "directconnect", "DescribeConnections", "directconnect:DescribeConnections";
    DIRECTCONNECT_DESCRIBE_LAGS = "directconnect", "DescribeLags", "directconnect:DescribeLags";
    DIRECTCONNECT_DESCRIBE_VIRTUAL_INTERFACES = "directconnect", "DescribeVirtualInterfaces", "directconnect:DescribeVirtualInterfaces";
    DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAYS = "directconnect", "DescribeDirectConnectGateways", "directconnect:DescribeDirectConnectGateways";
    DIRECTCONNECT_DESCRIBE_DIRECT_CONNECT_GATEWAY_ASSOCIATIONS = "directconnect", "DescribeDirectConnectGatewayAssociations", "directconnect:DescribeDirectConnectGatewayAssociations";
    ACM_LIST_CERTIFICATES = "acm", "ListCertificates", "acm:ListCertificates";
    ACM_DESCRIBE_CERTIFICATE = "acm", "DescribeCertificate", "acm:DescribeCertificate";
    CLOUDFRONT_LIST_DISTRIBUTIONS = "cloudfront", "ListDistributions", "cloudfront:ListDistributions";
    CLOUDFRONT_LIST_TAGS_FOR_RESOURCE = "cloudfront", "ListTagsForResource", "cloudfront:ListTagsForResource";
    SHIELD_DESCRIBE_SUBSCRIPTION = "shield", "DescribeSubscription", "shield:DescribeSubscription";
    SHIELD_LIST_PROTECTIONS = "shield", "ListProtections", "shield:ListProtections";
    }
}

/// The IAM policy that allows exactly the collector's calls (`docs/iam-policy.json`).
pub fn iam_policy() -> serde_json::Value {
    let mut actions: Vec<&str> = ALL.iter().map(|o| o.iam_action).collect();
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "MoatReadOnly",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}

pub fn iam_policy_pretty() -> String {
    let mut s = serde_json::to_string_pretty(&iam_policy()).unwrap_or_default();
    s.push('\n');
    s
}

ops! {
    /// The calls a multi-account scan makes with the caller's own credentials, before
    /// reading each account through its role: listing the organization's accounts and
    /// assuming the roles. Not part of [`ALL`]: the scanned accounts' roles need none of them.
    CALLER_ONLY {
        ORGANIZATIONS_LIST_ACCOUNTS = "organizations", "ListAccounts", "organizations:ListAccounts";
        ORGANIZATIONS_LIST_ACCOUNTS_FOR_PARENT = "organizations", "ListAccountsForParent", "organizations:ListAccountsForParent";
        ORGANIZATIONS_LIST_ORGANIZATIONAL_UNITS_FOR_PARENT = "organizations", "ListOrganizationalUnitsForParent", "organizations:ListOrganizationalUnitsForParent";
        STS_ASSUME_ROLE = "sts", "AssumeRole", "sts:AssumeRole";
    }
}

/// Every call of the caller in a multi-account scan.
pub const CALLER: &[Op] = &[
    STS_GET_CALLER_IDENTITY,
    ORGANIZATIONS_LIST_ACCOUNTS,
    ORGANIZATIONS_LIST_ACCOUNTS_FOR_PARENT,
    ORGANIZATIONS_LIST_ORGANIZATIONAL_UNITS_FOR_PARENT,
    STS_ASSUME_ROLE,
];

/// The IAM policy of the caller of a multi-account scan (`docs/iam-policy-org-caller.json`):
/// list the organization's accounts, and assume `role_name` in them.
pub fn caller_policy(role_name: &str) -> serde_json::Value {
    let mut list: Vec<&str> = CALLER_ONLY
        .iter()
        .filter(|o| o.service == "organizations")
        .map(|o| o.iam_action)
        .collect();
    list.sort();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "MoatListAccounts",
                "Effect": "Allow",
                "Action": list,
                "Resource": "*"
            },
            {
                "Sid": "MoatAssumeScanRole",
                "Effect": "Allow",
                "Action": STS_ASSUME_ROLE.iam_action,
                "Resource": format!("arn:aws:iam::*:role/{role_name}")
            }
        ]
    })
}

pub fn caller_policy_pretty(role_name: &str) -> String {
    let mut s = serde_json::to_string_pretty(&caller_policy(role_name)).unwrap_or_default();
    s.push('\n');
    s
}
