//! Address-set arithmetic: the one place moat decides which addresses a rule, an ACL or a
//! route covers.
//!
//! An [`AddrSet`] is a set of IPv4 and IPv6 addresses kept as merged prefixes (`iprange`'s
//! tries over `ipnet` networks). [`AddressSpace`] holds the judgement of which addresses are
//! private, trusted or public and how broad a public range must be to count as an exposure,
//! from `data.moat.config.address_space`.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use iprange::IpRange;
use serde_json::Value;
use std::fmt;

/// IP address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::V4 => "ipv4",
            Family::V6 => "ipv6",
        }
    }

    /// `0.0.0.0/0` or `::/0`.
    pub fn world_cidr(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
    }
}

/// A set of IPv4 and IPv6 addresses.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AddrSet {
    v4: IpRange<Ipv4Net>,
    v6: IpRange<Ipv6Net>,
}

impl fmt::Debug for AddrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.nets()).finish()
    }
}

impl AddrSet {
    pub fn new() -> AddrSet {
        AddrSet::default()
    }

    /// Every IPv4 address, or every IPv6 address.
    pub fn world(family: Family) -> AddrSet {
        let mut s = AddrSet::new();
        match family {
            Family::V4 => s.add(IpNet::V4(Ipv4Net::default())),
            Family::V6 => s.add(IpNet::V6(Ipv6Net::default())),
        }
        s
    }

    /// The set of the given networks.
    pub fn of<I: IntoIterator<Item = IpNet>>(nets: I) -> AddrSet {
        let mut s = AddrSet::new();
        for n in nets {
            s.insert(n);
        }
        s.simplify();
        s
    }

    fn insert(&mut self, net: IpNet) {
        match net.trunc() {
            IpNet::V4(n) => {
                self.v4.add(n);
            }
            IpNet::V6(n) => {
                self.v6.add(n);
            }
        }
    }

    /// Merges sibling prefixes, so membership of a network and equality see through them.
    fn simplify(&mut self) {
        self.v4.simplify();
        self.v6.simplify();
    }

    /// Adds a network (its host bits are ignored, as AWS does for a rule's CIDR).
    pub fn add(&mut self, net: IpNet) {
        self.insert(net);
        self.simplify();
    }

    pub fn union(&self, other: &AddrSet) -> AddrSet {
        AddrSet {
            v4: self.v4.merge(&other.v4),
            v6: self.v6.merge(&other.v6),
        }
    }

    pub fn intersect(&self, other: &AddrSet) -> AddrSet {
        AddrSet {
            v4: self.v4.intersect(&other.v4),
            v6: self.v6.intersect(&other.v6),
        }
    }

    /// The addresses of `self` that are not in `other`.
    pub fn subtract(&self, other: &AddrSet) -> AddrSet {
        let mut s = AddrSet {
            v4: self.v4.exclude(&other.v4),
            v6: self.v6.exclude(&other.v6),
        };
        s.simplify();
        s
    }

    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// True when every address of `net` is in the set.
    pub fn contains_net(&self, net: &IpNet) -> bool {
        match net.trunc() {
            IpNet::V4(n) => self.v4.contains(&n),
            IpNet::V6(n) => self.v6.contains(&n),
        }
    }

    /// True when every address of `other` is in the set.
    pub fn contains_set(&self, other: &AddrSet) -> bool {
        other.subtract(self).is_empty()
    }

    /// True when the set holds every address of `family`.
    pub fn covers_world(&self, family: Family) -> bool {
        match family {
            Family::V4 => self.v4.contains(&Ipv4Net::default()),
            Family::V6 => self.v6.contains(&Ipv6Net::default()),
        }
    }

    /// The addresses of one family.
    pub fn family(&self, family: Family) -> AddrSet {
        match family {
            Family::V4 => AddrSet {
                v4: self.v4.clone(),
                v6: IpRange::new(),
            },
            Family::V6 => AddrSet {
                v4: IpRange::new(),
                v6: self.v6.clone(),
            },
        }
    }

    /// The set as merged prefixes, IPv4 first, each in address order.
    pub fn nets(&self) -> Vec<IpNet> {
        let mut out: Vec<IpNet> = self.v4.iter().map(IpNet::V4).collect();
        out.sort();
        let mut v6: Vec<IpNet> = self.v6.iter().map(IpNet::V6).collect();
        v6.sort();
        out.extend(v6);
        out
    }

    /// How many IPv4 addresses the set holds (at most 2^32).
    pub fn v4_count(&self) -> u64 {
        self.v4.iter().map(|n| 1u64 << (32 - n.prefix_len())).sum()
    }

    /// How many IPv6 addresses the set holds, saturating at `u128::MAX` (all of IPv6).
    pub fn v6_count(&self) -> u128 {
        self.v6.iter().fold(0u128, |acc, n| {
            let size = 1u128.checked_shl(128 - u32::from(n.prefix_len()));
            acc.saturating_add(size.unwrap_or(u128::MAX))
        })
    }

    /// How many addresses of `family` the set holds (IPv6 saturates at `u128::MAX`, which
    /// is also the size of all of IPv6).
    pub fn size(&self, family: Family) -> u128 {
        match family {
            Family::V4 => u128::from(self.v4_count()),
            Family::V6 => self.v6_count(),
        }
    }

    /// The prefix length of a single network holding as many addresses as the set's part in
    /// `family` (e.g. 8 for 2^24 IPv4 addresses), rounded down; `None` when that part is empty.
    pub fn equivalent_prefix(&self, family: Family) -> Option<u8> {
        match family {
            Family::V4 => {
                let n = self.v4_count();
                (n > 0).then(|| 32 - n.ilog2() as u8)
            }
            Family::V6 => {
                let n = self.v6_count();
                if n == 0 {
                    None
                } else if n == u128::MAX {
                    Some(0)
                } else {
                    Some(128 - n.ilog2() as u8)
                }
            }
        }
    }
}

/// Parses a CIDR as AWS accepts it in a rule, ACL entry or route: a prefix, or a bare address
/// (a host).
pub fn parse_cidr(text: &str) -> Option<IpNet> {
    let t = text.trim();
    t.parse::<IpNet>()
        .ok()
        .or_else(|| t.parse::<std::net::IpAddr>().ok().map(IpNet::from))
}

/// Which addresses are private, which the team trusts, and how broad a public range must be
/// to count as an exposure: `data.moat.config.address_space`.
#[derive(Debug, Clone)]
pub struct AddressSpace {
    pub private: AddrSet,
    pub trusted: AddrSet,
    /// A public range holding more addresses than a single prefix of this length counts as
    /// broad (IPv4, IPv6).
    pub broad_prefix: (u8, u8),
}

impl Default for AddressSpace {
    fn default() -> Self {
        let private = [
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "100.64.0.0/10",
            "169.254.0.0/16",
            "fc00::/7",
            "fe80::/10",
        ];
        AddressSpace {
            private: AddrSet::of(private.iter().filter_map(|c| parse_cidr(c))),
            trusted: AddrSet::new(),
            broad_prefix: (16, 32),
        }
    }
}

impl AddressSpace {
    /// Reads `address_space` from the rules' configuration. Absent keys take the defaults;
    /// a present key with a bad value is an error naming it.
    pub fn from_config(config: &Value) -> Result<AddressSpace, String> {
        let mut space = AddressSpace::default();
        let Some(a) = config.get("address_space") else {
            return Ok(space);
        };
        let Some(a) = a.as_object() else {
            return Err("address_space must be an object".into());
        };
        let cidrs = |key: &str| -> Result<Option<AddrSet>, String> {
            let Some(v) = a.get(key) else {
                return Ok(None);
            };
            let items = v
                .as_array()
                .ok_or_else(|| format!("address_space.{key} must be an array of CIDRs"))?;
            let mut set = AddrSet::new();
            for (i, item) in items.iter().enumerate() {
                let net = item.as_str().and_then(parse_cidr).ok_or_else(|| {
                    format!("address_space.{key}[{i}] is {item}, which is not a CIDR")
                })?;
                set.add(net);
            }
            Ok(Some(set))
        };
        if let Some(p) = cidrs("private_ranges")? {
            space.private = p;
        }
        if let Some(t) = cidrs("trusted_cidrs")? {
            space.trusted = t;
        }
        if let Some(b) = a.get("broad_public_prefix") {
            let len = |fam: &str, max: u64| -> Result<Option<u8>, String> {
                match b.get(fam) {
                    None => Ok(None),
                    Some(v) => v
                        .as_u64()
                        .filter(|n| *n <= max)
                        .map(|n| Some(n as u8))
                        .ok_or_else(|| {
                            format!("address_space.broad_public_prefix.{fam} must be a prefix length from 0 to {max}, not {v}")
                        }),
                }
            };
            if let Some(v4) = len("ipv4", 32)? {
                space.broad_prefix.0 = v4;
            }
            if let Some(v6) = len("ipv6", 128)? {
                space.broad_prefix.1 = v6;
            }
        }
        Ok(space)
    }

    /// The addresses of `set` that are neither private nor trusted.
    pub fn public_part(&self, set: &AddrSet) -> AddrSet {
        set.subtract(&self.private).subtract(&self.trusted)
    }

    /// False when `size` addresses (a set's size, or a bound on it) are too few to be broad
    /// whatever their public part: the cheap test that spares most sources the subtraction.
    pub fn could_be_broad(&self, size: u128, family: Family) -> bool {
        let len = match family {
            Family::V4 => 32 - u32::from(self.broad_prefix.0),
            Family::V6 => 128 - u32::from(self.broad_prefix.1),
        };
        size > 1u128.checked_shl(len).unwrap_or(u128::MAX)
    }

    /// True when the public, untrusted part of `set` in `family` holds more addresses than
    /// one prefix of the configured length.
    pub fn is_broad(&self, public: &AddrSet, family: Family) -> bool {
        match family {
            Family::V4 => public.v4_count() > 1u64 << (32 - u32::from(self.broad_prefix.0)),
            Family::V6 => {
                let limit = 1u128
                    .checked_shl(128 - u32::from(self.broad_prefix.1))
                    .unwrap_or(u128::MAX);
                public.v6_count() > limit
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(cidrs: &[&str]) -> AddrSet {
        AddrSet::of(cidrs.iter().map(|c| parse_cidr(c).expect("test CIDR")))
    }

    #[test]
    fn halves_make_the_world() {
        assert!(set(&["0.0.0.0/1", "128.0.0.0/1"]).covers_world(Family::V4));
        assert!(!set(&["0.0.0.0/1", "128.0.0.0/2"]).covers_world(Family::V4));
        assert!(set(&["::/1", "8000::/1"]).covers_world(Family::V6));
        assert!(!set(&["0.0.0.0/0"]).covers_world(Family::V6));
    }

    #[test]
    fn host_bits_and_bare_addresses() {
        assert_eq!(parse_cidr("10.1.2.3"), parse_cidr("10.1.2.3/32"));
        assert!(set(&["10.1.2.3/8"]).contains_net(&parse_cidr("10.200.0.0/16").unwrap()));
        assert_eq!(parse_cidr("not a cidr"), None);
    }

    #[test]
    fn public_part_and_breadth() {
        let space = AddressSpace::default();
        let world = AddrSet::world(Family::V4);
        let public = space.public_part(&world);
        assert!(!public.covers_world(Family::V4));
        assert!(space.is_broad(&public, Family::V4));
        assert!(space.public_part(&set(&["10.0.0.0/8"])).is_empty());
        assert!(space.is_broad(&set(&["3.0.0.0/15"]), Family::V4));
        assert!(!space.is_broad(&set(&["3.0.0.0/16"]), Family::V4));
        assert_eq!(set(&["3.0.0.0/8"]).equivalent_prefix(Family::V4), Some(8));
        assert_eq!(
            AddrSet::world(Family::V6).equivalent_prefix(Family::V6),
            Some(0)
        );
        assert_eq!(
            AddrSet::world(Family::V4).equivalent_prefix(Family::V4),
            Some(0)
        );
    }

    #[test]
    fn config_errors_name_the_key() {
        let bad = serde_json::json!({"address_space": {"trusted_cidrs": ["10.0.0.0/8", "office"]}});
        let err = AddressSpace::from_config(&bad).unwrap_err();
        assert!(err.contains("trusted_cidrs[1]"), "{err}");
        let bad = serde_json::json!({"address_space": {"broad_public_prefix": {"ipv4": 40}}});
        assert!(AddressSpace::from_config(&bad).is_err());
        let ok = serde_json::json!({"address_space": {"trusted_cidrs": ["198.51.100.0/24"]}});
        let space = AddressSpace::from_config(&ok).unwrap();
        assert!(space.public_part(&set(&["198.51.100.0/24"])).is_empty());
    }
}
