//! What a command runs with, resolved once: command-line flags over `moat.toml` over the
//! defaults. The CLI builds these; the library ([`crate::scan`], [`crate::collect`]) takes
//! them and never reads flags, files or the environment for its choices.

use crate::policy::EvalOptions;
use crate::report::OutputSpec;
use crate::verdict::FailOn;
use std::path::PathBuf;

/// How to read an account with the AWS SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectOptions {
    /// AWS profile (shared config/credentials files, SSO); `None`: the default chain.
    pub profile: Option<String>,
    /// Regions to scan; empty: the profile's region.
    pub regions: Vec<String>,
    /// Every region enabled for the account (DescribeRegions).
    pub all_regions: bool,
    /// Collection calls in flight at once.
    pub concurrency: u16,
    /// No progress bar.
    pub quiet: bool,
    /// Timing per region and service on stderr.
    pub verbose: bool,
    /// The longest one call may take, retries included.
    pub call_timeout: std::time::Duration,
    /// After this many calls to one region's service fail in a row without an answer from
    /// AWS (refused, timed out, 5xx without an error code), its remaining calls are skipped
    /// and recorded as coverage gaps. 0: never give up.
    pub endpoint_failure_budget: usize,
}

/// Where a scan's snapshot comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A snapshot file (no credentials needed); `-` is standard input.
    File(PathBuf),
    /// A live account; `save` also writes what was read to this snapshot file.
    Live {
        collect: CollectOptions,
        save: Option<PathBuf>,
    },
    /// Several snapshot files, one account each (`--snapshot` repeated, `--snapshot-dir`).
    Files(Vec<PathBuf>),
    /// Several live accounts, each read through a role it trusts.
    Accounts(MultiAccount),
}

/// How to scan several live accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiAccount {
    /// The caller's credentials, regions and per-account collection settings.
    pub collect: CollectOptions,
    pub accounts: AccountList,
    /// Accounts skipped (`--exclude-account`).
    pub exclude: Vec<String>,
    /// Also write each account's snapshot here, as `<account>.json` (0600, atomic).
    pub snapshot_dir: Option<PathBuf>,
    /// Accounts read at once (each with `collect.concurrency` calls in flight).
    pub account_concurrency: usize,
}

/// Where the accounts of a multi-account scan come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountList {
    /// AWS Organizations (`ListAccounts`, or the accounts under `ous`), ACTIVE accounts,
    /// each through `arn:<partition>:iam::<id>:role/<role_name>`.
    Organization {
        role_name: String,
        external_id: Option<String>,
        ous: Vec<String>,
    },
    /// An accounts file (see [`crate::accounts::load_accounts_file`]).
    File(PathBuf),
}

/// Everything `moat scan` does, decided.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub source: Source,
    /// Extra rule folders: `moat.toml`'s first, then `--policy-dir`s.
    pub policy_dirs: Vec<PathBuf>,
    /// `[rules]` of `moat.toml`, validated, merged over `policies/config.json`.
    pub rule_config: Option<serde_json::Value>,
    /// Evaluate only these rule ids (empty: every rule).
    pub only: Vec<String>,
    pub eval: EvalOptions,
    pub fail_on: FailOn,
    pub allow_gaps: bool,
    /// Waivers and the baseline.
    pub gate: crate::gate::GateSettings,
    /// List suppressed findings in the table and Markdown (JSON and SARIF always hold them).
    pub show_suppressed: bool,
    /// The reports to write, each to its path or stdout; never empty.
    pub outputs: Vec<OutputSpec>,
    /// Folder SARIF locations are relative to (`None`: the working directory).
    pub sarif_root: Option<PathBuf>,
    /// Snapshot files above this size are refused.
    pub max_snapshot_bytes: u64,
    /// Only this slice of the accounts (several snapshots or live accounts).
    pub shard: Option<crate::accounts::Shard>,
    pub quiet: bool,
    pub verbose: bool,
}

/// What `moat rules list|show` read: the embedded pack plus these folders.
#[derive(Debug, Clone, Default)]
pub struct RulesSettings {
    pub policy_dirs: Vec<PathBuf>,
    pub rule_config: Option<serde_json::Value>,
}
