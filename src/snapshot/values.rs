//! Checks on well-typed values that rules cannot evaluate: CIDRs that do not parse, port
//! ranges out of bounds or backwards. They do not stop a scan: each becomes a finding on its
//! resource, so a malformed value can never read as "passed".

use super::model::*;
use ipnet::{Ipv4Net, Ipv6Net};

pub(crate) struct RawProblem {
    pub pointer: String,
    pub message: String,
    pub region: String,
    pub resource_type: &'static str,
    pub resource_id: String,
}

struct Checker<'a> {
    out: Vec<RawProblem>,
    region: &'a str,
}

impl Checker<'_> {
    fn push(&mut self, pointer: String, message: String, ty: &'static str, id: &str) {
        self.out.push(RawProblem {
            pointer,
            message,
            region: self.region.to_string(),
            resource_type: ty,
            resource_id: id.to_string(),
        });
    }

    fn v4(&mut self, cidr: Option<&str>, pointer: impl Fn() -> String, ty: &'static str, id: &str) {
        if let Some(c) = cidr {
            if c.parse::<Ipv4Net>().is_err() {
                self.push(pointer(), format!("invalid IPv4 CIDR {c:?}"), ty, id);
            }
        }
    }

    fn v6(&mut self, cidr: Option<&str>, pointer: impl Fn() -> String, ty: &'static str, id: &str) {
        if let Some(c) = cidr {
            if c.parse::<Ipv6Net>().is_err() {
                self.push(pointer(), format!("invalid IPv6 CIDR {c:?}"), ty, id);
            }
        }
    }

    fn ports(
        &mut self,
        from: Option<i32>,
        to: Option<i32>,
        pointer: String,
        ty: &'static str,
        id: &str,
    ) {
        let (Some(from), Some(to)) = (from, to) else {
            self.push(
                pointer,
                "a TCP/UDP rule needs FromPort and ToPort".into(),
                ty,
                id,
            );
            return;
        };
        if !(0..=65535).contains(&from) || !(0..=65535).contains(&to) || from > to {
            self.push(
                pointer,
                format!("invalid port range {from}-{to}; expected 0 <= from <= to <= 65535"),
                ty,
                id,
            );
        }
    }
}

fn is_tcp_udp(protocol: &str) -> bool {
    matches!(
        protocol.to_ascii_lowercase().as_str(),
        "tcp" | "udp" | "6" | "17"
    )
}

pub(crate) fn check(snapshot: &Snapshot) -> Vec<RawProblem> {
    let mut all = Vec::new();
    for (region, r) in &snapshot.regions {
        let mut c = Checker {
            out: Vec::new(),
            region,
        };
        let base = format!(
            "/regions/{}/ec2",
            region.replace('~', "~0").replace('/', "~1")
        );
        for (i, vpc) in r.ec2.vpcs.iter().enumerate() {
            c.v4(
                vpc.cidr_block.as_deref(),
                || format!("{base}/Vpcs/{i}/CidrBlock"),
                "AWS::EC2::VPC",
                &vpc.vpc_id,
            );
        }
        for (i, s) in r.ec2.subnets.iter().enumerate() {
            c.v4(
                s.cidr_block.as_deref(),
                || format!("{base}/Subnets/{i}/CidrBlock"),
                "AWS::EC2::Subnet",
                &s.subnet_id,
            );
        }
        for (i, rt) in r.ec2.route_tables.iter().enumerate() {
            for (j, route) in rt.routes.iter().enumerate() {
                let p = format!("{base}/RouteTables/{i}/Routes/{j}");
                let ty = "AWS::EC2::RouteTable";
                c.v4(
                    route.destination_cidr_block.as_deref(),
                    || format!("{p}/DestinationCidrBlock"),
                    ty,
                    &rt.route_table_id,
                );
                c.v6(
                    route.destination_ipv6_cidr_block.as_deref(),
                    || format!("{p}/DestinationIpv6CidrBlock"),
                    ty,
                    &rt.route_table_id,
                );
            }
        }
        for (i, sg) in r.ec2.security_groups.iter().enumerate() {
            let ty = "AWS::EC2::SecurityGroup";
            for (list, perms) in [
                ("IpPermissions", &sg.ip_permissions),
                ("IpPermissionsEgress", &sg.ip_permissions_egress),
            ] {
                for (j, perm) in perms.iter().enumerate() {
                    let p = format!("{base}/SecurityGroups/{i}/{list}/{j}");
                    if is_tcp_udp(&perm.ip_protocol) {
                        c.ports(perm.from_port, perm.to_port, p.clone(), ty, &sg.group_id);
                    }
                    for (k, range) in perm.ip_ranges.iter().enumerate() {
                        c.v4(
                            Some(&range.cidr_ip),
                            || format!("{p}/IpRanges/{k}/CidrIp"),
                            ty,
                            &sg.group_id,
                        );
                    }
                    for (k, range) in perm.ipv6_ranges.iter().enumerate() {
                        c.v6(
                            Some(&range.cidr_ipv6),
                            || format!("{p}/Ipv6Ranges/{k}/CidrIpv6"),
                            ty,
                            &sg.group_id,
                        );
                    }
                }
            }
        }
        for (i, pl) in r.ec2.managed_prefix_lists.iter().enumerate() {
            let ty = "AWS::EC2::PrefixList";
            for (j, e) in pl.entries.iter().flatten().enumerate() {
                if crate::addrset::parse_cidr(&e.cidr).is_none() {
                    c.push(
                        format!("{base}/ManagedPrefixLists/{i}/Entries/{j}/Cidr"),
                        format!("invalid CIDR {:?}", e.cidr),
                        ty,
                        &pl.prefix_list_id,
                    );
                }
            }
        }
        for (i, acl) in r.ec2.network_acls.iter().enumerate() {
            let ty = "AWS::EC2::NetworkAcl";
            for (j, e) in acl.entries.iter().enumerate() {
                let p = format!("{base}/NetworkAcls/{i}/Entries/{j}");
                c.v4(
                    e.cidr_block.as_deref(),
                    || format!("{p}/CidrBlock"),
                    ty,
                    &acl.network_acl_id,
                );
                c.v6(
                    e.ipv6_cidr_block.as_deref(),
                    || format!("{p}/Ipv6CidrBlock"),
                    ty,
                    &acl.network_acl_id,
                );
                if is_tcp_udp(&e.protocol) {
                    if let Some(range) = &e.port_range {
                        c.ports(
                            range.from,
                            range.to,
                            format!("{p}/PortRange"),
                            ty,
                            &acl.network_acl_id,
                        );
                    }
                }
            }
        }
        all.extend(c.out);
    }
    all
}
