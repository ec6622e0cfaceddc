//! Several accounts in one run: the accounts file, and the stable shards a scheduler's
//! workers take (`--shard i/n`).

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::Path;

/// One account to scan with a role: from Organizations or an accounts file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountTarget {
    /// The 12-digit account id.
    pub id: String,
    /// The role to assume in it.
    pub role_arn: String,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub alias: Option<String>,
    /// Regions for this account (default: the run's `--region`s / `--all-regions`).
    #[serde(default)]
    pub regions: Vec<String>,
}

/// Whether `id` is an AWS account id: exactly 12 digits.
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// Reads an accounts file: a JSON or YAML list of `{id, role_arn, external_id?, alias?,
/// regions?}` (YAML when the name ends in `.yaml`/`.yml` or the text is not JSON).
pub fn load_accounts_file(path: &Path) -> Result<Vec<AccountTarget>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the accounts file {}", path.display()))?;
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let accounts: Vec<AccountTarget> = if yaml {
        yaml_serde::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}: not a list of accounts ({{id, role_arn, external_id?, alias?, regions?}}): {e}",
                path.display()
            )
        })?
    } else {
        serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not a list of accounts ({{id, role_arn, external_id?, alias?, regions?}}): {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?
    };
    check_targets(&accounts).with_context(|| format!("in {}", path.display()))?;
    Ok(accounts)
}

/// Refuses malformed ids and role ARNs, bad region names and an account listed twice.
pub fn check_targets(accounts: &[AccountTarget]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for a in accounts {
        if !is_account_id(&a.id) {
            bail!("{:?} is not an AWS account id (12 digits)", a.id);
        }
        let parts: Vec<&str> = a.role_arn.split(':').collect();
        if parts.len() != 6
            || parts[0] != "arn"
            || parts[2] != "iam"
            || parts[4] != a.id
            || !parts[5].starts_with("role/")
        {
            bail!(
                "account {}: role_arn {:?} is not a role of that account (arn:<partition>:iam::{}:role/NAME)",
                a.id,
                a.role_arn,
                a.id
            );
        }
        if let Some(bad) = a.regions.iter().find(|r| !crate::util::is_region_name(r)) {
            bail!("account {}: invalid region {bad:?}", a.id);
        }
        if !seen.insert(a.id.as_str()) {
            bail!("account {} is listed twice", a.id);
        }
    }
    Ok(())
}

/// The `i`-th of `n` disjoint slices of a list of accounts (`--shard i/n`, 1-based).
///
/// Each account goes to the shard with the highest hash of `"<account>/<shard>"` (FNV-1a 64
/// then MurmurHash3's 64-bit finalizer; rendezvous hashing): the slices are disjoint and cover every account, an account's
/// shard depends on its id and `n` alone (adding an account moves no other), and going from
/// `n` to `n + 1` shards moves only the accounts the new shard takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether this shard takes `account`.
    pub fn takes(&self, account: &str) -> bool {
        shard_of(account, self.count) == self.index
    }
}

/// The shard (1-based) of `account` among `count`.
pub fn shard_of(account: &str, count: u32) -> u32 {
    (1..=count.max(1))
        .max_by_key(|i| fmix64(fnv1a64(format!("{account}/{i}").as_bytes())))
        .unwrap_or(1)
}

/// MurmurHash3's finalizer: FNV-1a alone leaves the last bytes' differences in the low
/// bits, which would make the comparison between shards depend mostly on the shard number.
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a shard: expected i/n with 1 <= i <= n, e.g. 2/3");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u64) -> Vec<String> {
        (0..n)
            .map(|i| format!("{:012}", 100_000_000_000 + i * 7919))
            .collect()
    }

    #[test]
    fn shards_are_disjoint_cover_everything_and_are_balanced() {
        let accounts = ids(3000);
        for count in [1u32, 2, 3, 7] {
            let mut sizes = vec![0usize; count as usize];
            for a in &accounts {
                let takers: Vec<u32> = (1..=count)
                    .filter(|&index| Shard { index, count }.takes(a))
                    .collect();
                assert_eq!(takers.len(), 1, "{a} in {count} shards: {takers:?}");
                sizes[(takers[0] - 1) as usize] += 1;
            }
            let ideal = accounts.len() / count as usize;
            for s in sizes {
                assert!(
                    s * 10 > ideal * 8 && s * 10 < ideal * 12,
                    "{count}: {s} vs {ideal}"
                );
            }
        }
    }

    #[test]
    fn one_more_shard_moves_only_what_the_new_shard_takes() {
        for a in ids(2000) {
            let (before, after) = (shard_of(&a, 4), shard_of(&a, 5));
            assert!(after == before || after == 5, "{a}: {before} -> {after}");
        }
    }

    #[test]
    fn shard_syntax() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/3/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn accounts_file_checks() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.yaml");
        std::fs::write(
            &good,
            "- id: '111111111111'\n  role_arn: arn:aws:iam::111111111111:role/moat\n  alias: shop\n  regions: [eu-west-1]\n- id: '222222222222'\n  role_arn: arn:aws:iam::222222222222:role/moat\n  external_id: x\n",
        )
        .unwrap();
        let a = load_accounts_file(&good).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].alias.as_deref(), Some("shop"));
        assert_eq!(a[1].external_id.as_deref(), Some("x"));
        for (text, wants) in [
            (
                r#"[{"id":"1234","role_arn":"arn:aws:iam::1234:role/x"}]"#,
                "not an AWS account id",
            ),
            (
                r#"[{"id":"111111111111","role_arn":"arn:aws:iam::222222222222:role/x"}]"#,
                "not a role of that account",
            ),
            (
                r#"[{"id":"111111111111","role_arn":"arn:aws:iam::111111111111:role/x"},{"id":"111111111111","role_arn":"arn:aws:iam::111111111111:role/y"}]"#,
                "listed twice",
            ),
            (
                r#"[{"id":"111111111111","role_arn":"arn:aws:iam::111111111111:role/x","regions":["mars"]}]"#,
                "invalid region",
            ),
            (r#"[{"id":"111111111111","role":"x"}]"#, "a.json:1:"),
        ] {
            let p = dir.path().join("a.json");
            std::fs::write(&p, text).unwrap();
            let err = format!("{:#}", load_accounts_file(&p).unwrap_err());
            assert!(err.contains(wants), "{text}: {err}");
        }
    }
}
