//! Property tests of the address-set arithmetic against a model: sets of IPv4 prefixes
//! inside 10.0.0.0/22 (1024 addresses, prefix lengths /22 to /32), compared address by
//! address with a plain boolean array.

use ipnet::IpNet;
use moat::addrset::{AddrSet, Family};
use proptest::prelude::*;
use std::net::Ipv4Addr;

const BASE: u32 = 0x0a00_0000; // 10.0.0.0
const SIZE: usize = 1024;

fn prefix() -> impl Strategy<Value = (u32, u8)> {
    (0u32..SIZE as u32, 22u8..=32).prop_map(|(offset, len)| {
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        ((BASE + offset) & mask, len)
    })
}

fn net((addr, len): (u32, u8)) -> IpNet {
    format!("{}/{}", Ipv4Addr::from(addr), len)
        .parse()
        .expect("prefix")
}

fn model(prefixes: &[(u32, u8)]) -> Vec<bool> {
    let mut m = vec![false; SIZE];
    for &(addr, len) in prefixes {
        let size = 1u32 << (32 - len);
        for a in addr..addr + size {
            m[(a - BASE) as usize] = true;
        }
    }
    m
}

fn members(s: &AddrSet) -> Vec<bool> {
    (0..SIZE as u32)
        .map(|i| s.contains_net(&net((BASE + i, 32))))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn union_intersect_subtract_match_the_model(
        a in prop::collection::vec(prefix(), 0..8),
        b in prop::collection::vec(prefix(), 0..8),
    ) {
        let (sa, sb) = (AddrSet::of(a.iter().copied().map(net)), AddrSet::of(b.iter().copied().map(net)));
        let (ma, mb) = (model(&a), model(&b));
        let zip = |f: fn(bool, bool) -> bool| ma.iter().zip(&mb).map(|(x, y)| f(*x, *y)).collect::<Vec<_>>();
        prop_assert_eq!(members(&sa.union(&sb)), zip(|x, y| x || y));
        prop_assert_eq!(members(&sa.intersect(&sb)), zip(|x, y| x && y));
        prop_assert_eq!(members(&sa.subtract(&sb)), zip(|x, y| x && !y));
        prop_assert_eq!(sa.v4_count(), ma.iter().filter(|x| **x).count() as u64);
        prop_assert_eq!(sa.union(&sb).contains_set(&sa), true);
        prop_assert_eq!(sa.contains_set(&sb), mb.iter().zip(&ma).all(|(y, x)| !*y || *x));
    }

    #[test]
    fn prefixes_cover_the_world_exactly_when_their_union_does(
        parts in prop::collection::vec((0u32..4, 1u8..=3), 1..6),
    ) {
        // Prefixes of length 1 to 3 anywhere in IPv4: the world is covered exactly when the
        // eight /3s are.
        let nets: Vec<IpNet> = parts
            .iter()
            .map(|&(i, len)| net(((i << 30) & (u32::MAX << (32 - len)), len)))
            .collect();
        let set = AddrSet::of(nets.iter().copied());
        let eighths = (0u32..8).all(|k| {
            let probe = net((k << 29, 3));
            nets.iter().any(|n| n.contains(&probe))
        });
        prop_assert_eq!(set.covers_world(Family::V4), eighths);
    }
}
