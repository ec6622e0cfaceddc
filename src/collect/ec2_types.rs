//! EC2 SDK types to the snapshot model's.

use super::{s, tag_list};
use crate::snapshot::*;
use aws_sdk_ec2::types as t;

pub(crate) fn tags(v: &[t::Tag]) -> Vec<Tag> {
    tag_list(v, |t| (t.key(), t.value()))
}

pub(crate) fn groups(v: &[t::GroupIdentifier]) -> Vec<GroupIdentifier> {
    v.iter()
        .map(|g| GroupIdentifier {
            group_id: s(g.group_id()),
            group_name: s(g.group_name()),
        })
        .collect()
}

pub(crate) fn permission(p: &t::IpPermission) -> IpPermission {
    IpPermission {
        ip_protocol: p.ip_protocol().unwrap_or("-1").to_string(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ip_ranges: p
            .ip_ranges()
            .iter()
            .filter_map(|r| {
                r.cidr_ip().map(|c| IpRange {
                    cidr_ip: c.to_string(),
                    description: s(r.description()),
                })
            })
            .collect(),
        ipv6_ranges: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| {
                r.cidr_ipv6().map(|c| Ipv6Range {
                    cidr_ipv6: c.to_string(),
                    description: s(r.description()),
                })
            })
            .collect(),
        user_id_group_pairs: p
            .user_id_group_pairs()
            .iter()
            .map(|g| UserIdGroupPair {
                group_id: s(g.group_id()),
                group_name: s(g.group_name()),
                user_id: s(g.user_id()),
                vpc_id: s(g.vpc_id()),
                vpc_peering_connection_id: s(g.vpc_peering_connection_id()),
                description: s(g.description()),
            })
            .collect(),
        prefix_list_ids: p
            .prefix_list_ids()
            .iter()
            .filter_map(|x| {
                x.prefix_list_id().map(|id| PrefixListId {
                    prefix_list_id: id.to_string(),
                    description: s(x.description()),
                })
            })
            .collect(),
    }
}

pub(crate) fn peering_info(
    v: Option<&t::VpcPeeringConnectionVpcInfo>,
) -> VpcPeeringConnectionVpcInfo {
    let Some(v) = v else {
        return Default::default();
    };
    VpcPeeringConnectionVpcInfo {
        vpc_id: s(v.vpc_id()),
        owner_id: s(v.owner_id()),
        region: s(v.region()),
        cidr_block: s(v.cidr_block()),
        cidr_block_set: v
            .cidr_block_set()
            .iter()
            .map(|c| CidrBlockEntry {
                cidr_block: s(c.cidr_block()),
            })
            .collect(),
        ipv6_cidr_block_set: v
            .ipv6_cidr_block_set()
            .iter()
            .map(|c| Ipv6CidrBlockEntry {
                ipv6_cidr_block: s(c.ipv6_cidr_block()),
            })
            .collect(),
    }
}
