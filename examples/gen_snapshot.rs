//! Synthetic snapshot generator for benchmarks and scale tests.
//!
//! `cargo run --release --example gen_snapshot -- --resources 100000 --seed 7 --out big.json`
//!
//! Writes a valid snapshot of about N resources: SecureCart-shaped VPCs (web/app/data
//! subnets, route tables, NAT and internet gateways, security groups with several rules,
//! network ACLs, endpoints, flow logs, instances and interfaces, an ALB with listeners,
//! a web ACL, an RDS instance, a certificate) spread over regions. A fraction of VPCs
//! (`--violations`, default 0.05) get a breaking change each; `--malformed N` makes N ingress
//! CIDRs invalid. Same seed, same bytes.

use moat::snapshot::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}-{:017x}", self.next() >> 4)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const ACCOUNT: &str = "123456789012";
/// Resources one VPC unit adds (see `vpc_unit`).
const PER_UNIT: usize = 40;

fn tag(k: &str, v: &str) -> Vec<Tag> {
    vec![Tag {
        key: k.into(),
        value: v.into(),
    }]
}

fn perm(proto: &str, from: i32, to: i32, cidrs: &[&str], groups: &[&str]) -> IpPermission {
    IpPermission {
        ip_protocol: proto.into(),
        from_port: Some(from),
        to_port: Some(to),
        ip_ranges: cidrs
            .iter()
            .map(|c| IpRange {
                cidr_ip: c.to_string(),
                description: None,
            })
            .collect(),
        user_id_group_pairs: groups
            .iter()
            .map(|g| UserIdGroupPair {
                group_id: Some(g.to_string()),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn acl_entry(
    n: i32,
    proto: &str,
    allow: bool,
    egress: bool,
    cidr: &str,
    ports: Option<(i32, i32)>,
) -> NetworkAclEntry {
    NetworkAclEntry {
        rule_number: n,
        protocol: proto.into(),
        rule_action: if allow { "allow" } else { "deny" }.into(),
        egress,
        cidr_block: Some(cidr.into()),
        port_range: ports.map(|(f, t)| PortRange {
            from: Some(f),
            to: Some(t),
        }),
        ..Default::default()
    }
}

fn route(dest: &str, target: &str) -> Route {
    let mut r = Route {
        destination_cidr_block: Some(dest.into()),
        state: Some("active".into()),
        ..Default::default()
    };
    match target.split('-').next() {
        Some("nat") => r.nat_gateway_id = Some(target.into()),
        _ => r.gateway_id = Some(target.into()),
    }
    r
}

#[allow(clippy::too_many_lines)]
fn vpc_unit(rng: &mut Rng, region: &str, n: usize, bad: bool, r: &mut Region) {
    let octet = n % 250;
    let cidr = format!("10.{octet}.0.0/16");
    let vpc = rng.id("vpc");
    let e = &mut r.ec2;
    e.vpcs.push(Vpc {
        vpc_id: vpc.clone(),
        cidr_block: Some(cidr.clone()),
        tags: tag("Name", &format!("vpc-{n}")),
        ..Default::default()
    });
    let mut subnets = BTreeMap::new();
    for (i, (tier, az)) in [
        ("web", "a"),
        ("web", "b"),
        ("app", "a"),
        ("app", "b"),
        ("data", "a"),
        ("data", "b"),
    ]
    .iter()
    .enumerate()
    {
        let id = rng.id("subnet");
        subnets.insert((*tier, *az), id.clone());
        e.subnets.push(Subnet {
            subnet_id: id,
            vpc_id: vpc.clone(),
            cidr_block: Some(format!("10.{octet}.{i}.0/24")),
            availability_zone: Some(format!("{region}{az}")),
            map_public_ip_on_launch: Some(false),
            tags: tag("Tier", tier),
            ..Default::default()
        });
    }
    let igw = rng.id("igw");
    e.internet_gateways.push(InternetGateway {
        internet_gateway_id: igw.clone(),
        attachments: vec![GatewayAttachment {
            vpc_id: vpc.clone(),
            state: Some("available".into()),
        }],
        ..Default::default()
    });
    let nat = rng.id("nat");
    e.nat_gateways.push(NatGateway {
        nat_gateway_id: nat.clone(),
        vpc_id: vpc.clone(),
        subnet_id: subnets[&("web", "a")].clone(),
        state: Some("available".into()),
        connectivity_type: Some("public".into()),
        ..Default::default()
    });
    let assoc = |subnet: &str| RouteTableAssociation {
        subnet_id: Some(subnet.into()),
        ..Default::default()
    };
    let public_rt = rng.id("rtb");
    e.route_tables.push(RouteTable {
        route_table_id: public_rt.clone(),
        vpc_id: vpc.clone(),
        associations: vec![
            assoc(&subnets[&("web", "a")]),
            assoc(&subnets[&("web", "b")]),
        ],
        routes: vec![route(&cidr, "local"), route("0.0.0.0/0", &igw)],
        ..Default::default()
    });
    let mut private_rts = Vec::new();
    for az in ["a", "b"] {
        let id = rng.id("rtb");
        // A violation: the app subnet of AZ a goes straight to the internet gateway.
        let target = if bad && az == "a" {
            igw.clone()
        } else {
            nat.clone()
        };
        e.route_tables.push(RouteTable {
            route_table_id: id.clone(),
            vpc_id: vpc.clone(),
            associations: vec![
                assoc(&subnets[&("app", az)]),
                assoc(&subnets[&("data", az)]),
            ],
            routes: vec![route(&cidr, "local"), route("0.0.0.0/0", &target)],
            ..Default::default()
        });
        private_rts.push(id);
    }
    e.route_tables.push(RouteTable {
        route_table_id: rng.id("rtb"),
        vpc_id: vpc.clone(),
        associations: vec![RouteTableAssociation {
            main: true,
            ..Default::default()
        }],
        routes: vec![route(&cidr, "local")],
        ..Default::default()
    });

    let (default_sg, alb_sg, app_sg, db_sg) =
        (rng.id("sg"), rng.id("sg"), rng.id("sg"), rng.id("sg"));
    let sg = |id: &str,
              name: &str,
              tier: &str,
              ingress: Vec<IpPermission>,
              egress: Vec<IpPermission>| SecurityGroup {
        group_id: id.into(),
        group_name: Some(name.into()),
        vpc_id: Some(vpc.clone()),
        ip_permissions: ingress,
        ip_permissions_egress: egress,
        tags: if tier.is_empty() {
            vec![]
        } else {
            tag("Tier", tier)
        },
        ..Default::default()
    };
    e.security_groups
        .push(sg(&default_sg, "default", "", vec![], vec![]));
    e.security_groups.push(sg(
        &alb_sg,
        "alb",
        "web",
        vec![
            perm("tcp", 443, 443, &["0.0.0.0/0"], &[]),
            perm("tcp", 80, 80, &["0.0.0.0/0"], &[]),
        ],
        vec![perm("tcp", 8080, 8080, &[], &[&app_sg])],
    ));
    e.security_groups.push(sg(
        &app_sg,
        "app",
        "app",
        vec![perm("tcp", 8080, 8080, &[], &[&alb_sg])],
        vec![
            perm("tcp", 443, 443, &["0.0.0.0/0"], &[]),
            perm("tcp", 5432, 5432, &[], &[&db_sg]),
        ],
    ));
    e.security_groups.push(sg(
        &db_sg,
        "db",
        "data",
        vec![perm("tcp", 5432, 5432, &[], &[&app_sg])],
        vec![perm("tcp", 5432, 5432, &[&cidr], &[])],
    ));
    for k in 0..4 {
        let id = rng.id("sg");
        let mut ingress = vec![
            perm("tcp", 8000 + k, 8000 + k, &[], &[&alb_sg]),
            perm("tcp", 9100, 9100, &[&cidr], &[]),
            perm("tcp", 22, 22, &["203.0.113.0/24"], &[]),
        ];
        if bad && k == 0 {
            ingress.push(perm("tcp", 22, 22, &["0.0.0.0/0"], &[]));
        }
        e.security_groups.push(sg(
            &id,
            &format!("svc-{k}"),
            "app",
            ingress,
            vec![perm("tcp", 443, 443, &["0.0.0.0/0"], &[])],
        ));
    }

    let deny_admin = |egress: bool| {
        vec![
            acl_entry(90, "6", false, egress, "0.0.0.0/0", Some((22, 22))),
            acl_entry(91, "6", false, egress, "0.0.0.0/0", Some((3389, 3389))),
        ]
    };
    let mut public_entries = deny_admin(false);
    public_entries.extend([
        acl_entry(100, "6", true, false, "0.0.0.0/0", Some((443, 443))),
        acl_entry(110, "6", true, false, "0.0.0.0/0", Some((1024, 65535))),
        acl_entry(100, "-1", true, true, "0.0.0.0/0", None),
    ]);
    let mut private_entries = deny_admin(false);
    private_entries.extend([
        acl_entry(100, "-1", true, false, "10.0.0.0/8", None),
        acl_entry(110, "6", true, false, "0.0.0.0/0", Some((1024, 65535))),
        acl_entry(100, "6", true, true, "0.0.0.0/0", Some((443, 443))),
        acl_entry(110, "-1", true, true, "10.0.0.0/8", None),
    ]);
    let acl_assoc = |s: &[&str]| {
        s.iter()
            .map(|id| NetworkAclAssociation {
                subnet_id: id.to_string(),
                ..Default::default()
            })
            .collect()
    };
    e.network_acls.push(NetworkAcl {
        network_acl_id: rng.id("acl"),
        vpc_id: vpc.clone(),
        entries: public_entries,
        associations: acl_assoc(&[&subnets[&("web", "a")], &subnets[&("web", "b")]]),
        ..Default::default()
    });
    e.network_acls.push(NetworkAcl {
        network_acl_id: rng.id("acl"),
        vpc_id: vpc.clone(),
        entries: private_entries,
        associations: acl_assoc(&[
            &subnets[&("app", "a")],
            &subnets[&("app", "b")],
            &subnets[&("data", "a")],
            &subnets[&("data", "b")],
        ]),
        ..Default::default()
    });
    e.network_acls.push(NetworkAcl {
        network_acl_id: rng.id("acl"),
        vpc_id: vpc.clone(),
        is_default: Some(true),
        ..Default::default()
    });

    let policy = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::securecart-*/*"}]}"#;
    for svc in ["s3", "dynamodb"] {
        e.vpc_endpoints.push(VpcEndpoint {
            vpc_endpoint_id: rng.id("vpce"),
            vpc_endpoint_type: "Gateway".into(),
            vpc_id: vpc.clone(),
            service_name: format!("com.amazonaws.{region}.{svc}"),
            state: Some("available".into()),
            policy_document: Some(policy.into()),
            route_table_ids: private_rts.clone(),
            ..Default::default()
        });
    }
    e.vpc_endpoints.push(VpcEndpoint {
        vpc_endpoint_id: rng.id("vpce"),
        vpc_endpoint_type: "Interface".into(),
        vpc_id: vpc.clone(),
        service_name: format!("com.amazonaws.{region}.secretsmanager"),
        state: Some("available".into()),
        policy_document: Some(policy.into()),
        private_dns_enabled: Some(true),
        subnet_ids: vec![subnets[&("app", "a")].clone()],
        ..Default::default()
    });
    if !bad {
        e.flow_logs.push(FlowLog {
            flow_log_id: rng.id("fl"),
            resource_id: vpc.clone(),
            traffic_type: "ALL".into(),
            flow_log_status: Some("ACTIVE".into()),
            ..Default::default()
        });
    } else {
        e.flow_logs.push(FlowLog {
            flow_log_id: rng.id("fl"),
            resource_id: vpc.clone(),
            traffic_type: "ACCEPT".into(),
            flow_log_status: Some("ACTIVE".into()),
            ..Default::default()
        });
    }
    let mut instances = Vec::new();
    for k in 0..3 {
        let (inst, eni) = (rng.id("i"), rng.id("eni"));
        let subnet = subnets[&("app", if k % 2 == 0 { "a" } else { "b" })].clone();
        instances.push(Instance {
            instance_id: inst.clone(),
            subnet_id: Some(subnet.clone()),
            vpc_id: Some(vpc.clone()),
            private_ip_address: Some(format!("10.{octet}.2.{}", 10 + k)),
            security_groups: vec![GroupIdentifier {
                group_id: Some(app_sg.clone()),
                group_name: Some("app".into()),
            }],
            tags: tag("Tier", "app"),
            ..Default::default()
        });
        e.network_interfaces.push(NetworkInterface {
            network_interface_id: eni,
            subnet_id: Some(subnet),
            vpc_id: Some(vpc.clone()),
            attachment: Some(NetworkInterfaceAttachment {
                instance_id: Some(inst),
                ..Default::default()
            }),
            groups: vec![GroupIdentifier {
                group_id: Some(app_sg.clone()),
                group_name: None,
            }],
            ..Default::default()
        });
    }
    let app_instances: Vec<String> = instances.iter().map(|i| i.instance_id.clone()).collect();
    e.reservations.push(Reservation {
        reservation_id: Some(rng.id("r")),
        owner_id: Some(ACCOUNT.into()),
        instances,
    });

    let lb_arn = format!(
        "arn:aws:elasticloadbalancing:{region}:{ACCOUNT}:loadbalancer/app/web-{n}/{:016x}",
        rng.next()
    );
    let cert = format!(
        "arn:aws:acm:{region}:{ACCOUNT}:certificate/{:032x}",
        rng.next()
    );
    r.elbv2.load_balancers.push(LoadBalancer {
        load_balancer_arn: lb_arn.clone(),
        load_balancer_name: Some(format!("web-{n}")),
        scheme: "internet-facing".into(),
        r#type: "application".into(),
        vpc_id: Some(vpc.clone()),
        security_groups: vec![alb_sg.clone()],
        availability_zones: ["a", "b"]
            .iter()
            .map(|az| AvailabilityZone {
                zone_name: Some(format!("{region}{az}")),
                subnet_id: Some(subnets[&("web", *az)].clone()),
            })
            .collect(),
        ..Default::default()
    });
    // The app instances are the load balancer's targets (exposure follows them).
    r.elbv2.target_groups.push(TargetGroup {
        target_group_arn: format!(
            "arn:aws:elasticloadbalancing:{region}:{ACCOUNT}:targetgroup/app-{n}/1"
        ),
        target_group_name: Some(format!("app-{n}")),
        protocol: Some("HTTP".into()),
        port: Some(8080),
        vpc_id: Some(vpc.clone()),
        target_type: Some("instance".into()),
        load_balancer_arns: vec![lb_arn.clone()],
        target_health_descriptions: Some(
            app_instances
                .iter()
                .map(|id| TargetHealthDescription {
                    target: TargetDescription {
                        id: id.clone(),
                        port: Some(8080),
                    },
                    target_health: Some(TargetHealth {
                        state: Some("healthy".into()),
                    }),
                })
                .collect(),
        ),
    });
    let listener = |port: i32, proto: &str, action: ListenerAction, rng: &mut Rng| Listener {
        listener_arn: format!(
            "{}/{:016x}",
            lb_arn.replace(":loadbalancer/", ":listener/"),
            rng.next()
        ),
        load_balancer_arn: lb_arn.clone(),
        port,
        protocol: proto.into(),
        ssl_policy: (proto == "HTTPS").then(|| "ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
        certificates: if proto == "HTTPS" {
            vec![ListenerCertificate {
                certificate_arn: cert.clone(),
                is_default: Some(true),
            }]
        } else {
            vec![]
        },
        default_actions: vec![action],
        ..Default::default()
    };
    let redirect = ListenerAction {
        r#type: "redirect".into(),
        redirect_config: Some(RedirectConfig {
            protocol: Some("HTTPS".into()),
            port: Some("443".into()),
            status_code: Some("HTTP_301".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let forward = ListenerAction {
        r#type: "forward".into(),
        target_group_arn: Some(format!(
            "arn:aws:elasticloadbalancing:{region}:{ACCOUNT}:targetgroup/app-{n}/1"
        )),
        ..Default::default()
    };
    let http = listener(
        80,
        "HTTP",
        if bad { forward.clone() } else { redirect },
        rng,
    );
    let https = listener(443, "HTTPS", forward, rng);
    r.elbv2.listeners.extend([http, https]);
    let acl_arn = format!(
        "arn:aws:wafv2:{region}:{ACCOUNT}:regional/webacl/web-{n}/{:032x}",
        rng.next()
    );
    let managed = |name: &str, prio: i64| WafRule {
        name: name.into(),
        priority: prio,
        statement: serde_json::json!({"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": name}}),
        override_action: Some(serde_json::json!({"None": {}})),
        ..Default::default()
    };
    r.wafv2.web_acls.push(WebAcl {
        name: format!("web-{n}"),
        id: format!("{:032x}", rng.next()),
        arn: acl_arn.clone(),
        default_action: serde_json::json!({"Allow": {}}),
        rules: vec![
            managed("AWSManagedRulesSQLiRuleSet", 10),
            managed("AWSManagedRulesCommonRuleSet", 20),
            WafRule { name: "rate".into(), priority: 30, statement: serde_json::json!({"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}), action: Some(serde_json::json!({"Block": {}})), ..Default::default() },
            managed("AWSManagedRulesAmazonIpReputationList", 40),
        ],
        ..Default::default()
    });
    r.wafv2.associations.push(WebAclAssociation {
        resource_arn: lb_arn.clone(),
        web_acl_arn: acl_arn.clone(),
    });
    r.wafv2.logging_configurations.push(LoggingConfiguration {
        resource_arn: acl_arn,
        log_destination_configs: vec![format!(
            "arn:aws:logs:{region}:{ACCOUNT}:log-group:aws-waf-logs-{n}"
        )],
    });
    r.rds.db_instances.push(DbInstance {
        db_instance_identifier: format!("orders-{n}"),
        db_instance_arn: Some(format!("arn:aws:rds:{region}:{ACCOUNT}:db:orders-{n}")),
        engine: Some("postgres".into()),
        publicly_accessible: bad,
        db_subnet_group: Some(DbSubnetGroup {
            db_subnet_group_name: Some(format!("data-{n}")),
            vpc_id: Some(vpc.clone()),
            subnets: vec![
                DbSubnet {
                    subnet_identifier: subnets[&("data", "a")].clone(),
                    subnet_status: None,
                },
                DbSubnet {
                    subnet_identifier: subnets[&("data", "b")].clone(),
                    subnet_status: None,
                },
            ],
        }),
        vpc_security_groups: vec![VpcSecurityGroupMembership {
            vpc_security_group_id: db_sg,
            status: None,
        }],
        ..Default::default()
    });
    r.acm.certificates.push(Certificate {
        certificate_arn: cert,
        domain_name: Some(format!("web-{n}.example")),
        status: "ISSUED".into(),
        r#type: Some("AMAZON_ISSUED".into()),
        not_after: Some("2027-06-01T00:00:00Z".into()),
        renewal_eligibility: Some("ELIGIBLE".into()),
        in_use_by: vec![lb_arn],
        ..Default::default()
    });
}

fn main() {
    let mut resources = 1000usize;
    let mut seed = 1u64;
    let mut violations = 0.05f64;
    let mut regions = 3usize;
    let mut malformed = 0usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--resources" => {
                resources = val()
                    .parse()
                    .unwrap_or_else(|_| usage("--resources takes a number"))
            }
            "--seed" => {
                seed = val()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed takes a number"))
            }
            "--violations" => {
                violations = val()
                    .parse()
                    .unwrap_or_else(|_| usage("--violations takes a fraction"))
            }
            "--regions" => {
                regions = val()
                    .parse()
                    .unwrap_or_else(|_| usage("--regions takes a number"))
            }
            "--malformed" => {
                malformed = val()
                    .parse()
                    .unwrap_or_else(|_| usage("--malformed takes a number"))
            }
            "--out" => out = Some(PathBuf::from(val())),
            _ => usage(&format!("unknown argument {a}")),
        }
    }
    let Some(out) = out else {
        usage("--out is required")
    };
    let names = [
        "us-east-1",
        "eu-west-1",
        "ap-southeast-2",
        "us-west-2",
        "eu-central-1",
    ];
    let regions = regions.clamp(1, names.len());
    let units = resources.div_ceil(PER_UNIT).max(1);
    let mut rng = Rng(seed);
    let mut snap = Snapshot {
        schema_version: SCHEMA_VERSION,
        tool_version: Some(moat::VERSION.into()),
        account: Account {
            id: ACCOUNT.into(),
            partition: "aws".into(),
            alias: Some("synthetic".into()),
        },
        collected_at: "2026-11-20T00:00:00Z".into(),
        ..Default::default()
    };
    for n in 0..units {
        let region = names[n % regions];
        let bad = rng.chance(violations);
        let r = snap.regions.entry(region.to_string()).or_default();
        vpc_unit(&mut rng, region, n, bad, r);
    }
    // --malformed N: N ingress CIDRs (not the world ones) become invalid, each a MOAT001
    // finding that must be located in the text.
    let ranges = snap
        .regions
        .values_mut()
        .flat_map(|r| r.ec2.security_groups.iter_mut())
        .flat_map(|sg| sg.ip_permissions.iter_mut())
        .flat_map(|p| p.ip_ranges.iter_mut())
        .filter(|r| r.cidr_ip != "0.0.0.0/0");
    for range in ranges.take(malformed) {
        range.cidr_ip = "10.0.0.300/33".into();
    }
    if let Err(e) = write_file(&out, &snap) {
        eprintln!("gen_snapshot: {e}");
        std::process::exit(2);
    }
    eprintln!(
        "gen_snapshot: wrote {} ({} VPC units, about {} resources)",
        out.display(),
        units,
        units * PER_UNIT
    );
}

fn usage(msg: &str) -> ! {
    eprintln!("gen_snapshot: {msg}\nusage: gen_snapshot --resources N [--seed S] [--violations F] [--regions R] [--malformed N] --out FILE");
    std::process::exit(2)
}
