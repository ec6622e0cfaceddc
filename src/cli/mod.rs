//! The command line: argument parsing and the commands, returning exit codes. Flags are
//! resolved over `moat.toml` once, into [`crate::settings`]; the commands live in
//! [`scan`] (`moat scan`) and [`commands`] (the others).

mod commands;
mod merge;
mod scan;

pub use commands::matches_framework;
use commands::{collect, diff, exposure, rules, validate};
use scan::scan;

use crate::config::FailOn;
use crate::policy::Evaluator;
use crate::report::{self, OutputSpec};
use crate::settings::CollectOptions;
use crate::snapshot;
use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::verdict::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

#[derive(Debug, Parser)]
#[command(
    name = "moat",
    version,
    about = "Policy-as-code compliance scanner for AWS network security"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a live account (AWS credentials) or a snapshot file and report findings.
    Scan(ScanArgs),
    /// Read an account's network configuration into a snapshot file, without evaluating it.
    Collect(CollectArgs),
    /// Check snapshot files against schema v1 and report every problem.
    Validate {
        /// Snapshot files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the IAM policy with exactly the read-only actions the collector calls (for the
    /// role of each scanned account), or with --caller, the policy of the caller of
    /// `scan --org`/`--accounts` (list the accounts, assume the role NAME in them).
    #[cfg(feature = "aws")]
    IamPolicy {
        #[arg(long, value_name = "ROLE_NAME")]
        caller: Option<String>,
    },
    /// Print a JSON Schema: the snapshot's (default) or the JSON report's.
    Schema {
        /// Print the schema of the JSON findings report instead.
        #[arg(long)]
        findings: bool,
        /// Print the schema of `input.moat`, the facts moat derives for the rules, instead.
        #[arg(long, conflicts_with = "findings")]
        input_moat: bool,
    },
    /// Compare two snapshots or reports: new, fixed and unchanged findings, and for two
    /// snapshots the resources added, removed or changed. Exit 1 when new findings at or
    /// above --fail-on appeared.
    Diff {
        /// The earlier snapshot, JSON report or SARIF log.
        old: PathBuf,
        /// The later one.
        new: PathBuf,
        /// `text` (default), `json` or `markdown` (for a pull-request comment).
        #[arg(long, default_value = "text")]
        format: DiffFormat,
        /// Lowest severity of a new finding that makes the exit code 1.
        #[arg(long)]
        fail_on: Option<FailOn>,
        /// Configuration file for evaluating snapshots (default: ./moat.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// What the internet can reach directly, on which ports, and by which path (route, network
    /// ACL in and out, security groups), from a live account or a snapshot.
    Exposure(ExposureArgs),
    /// Combine the JSON reports (or the SARIF logs) of a sharded run (`scan --shard i/n`)
    /// into one; overlapping shards are refused, a missing shard is a coverage gap (exit 2).
    Merge(MergeArgs),
    /// List, show and document the rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
pub struct AwsArgs {
    /// AWS profile (shared config/credentials files, SSO).
    #[arg(long)]
    pub profile: Option<String>,
    /// Region to scan; repeat for several. Default: the profile's region.
    #[arg(long = "region")]
    pub regions: Vec<String>,
    /// Scan every region enabled for the account (DescribeRegions).
    #[arg(long, conflicts_with = "regions")]
    pub all_regions: bool,
    /// Collection calls in flight at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Timing per region and service on stderr.
    #[arg(long, short)]
    pub verbose: bool,
    /// The longest one AWS call may take, retries included, in seconds.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Give up on a region's service after this many calls in a row fail without an answer
    /// from AWS (refused or timed-out connections); its other calls become coverage gaps.
    /// 0: never give up.
    #[arg(long, default_value_t = 2)]
    pub endpoint_failures: usize,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Evaluate a snapshot file instead of reading a live account (no credentials needed);
    /// `-` reads it from standard input. Repeat to evaluate several accounts' snapshots in
    /// one run.
    #[arg(long, conflicts_with_all = ["profile", "regions", "all_regions", "org", "accounts"])]
    pub snapshot: Vec<PathBuf>,
    /// With --org or --accounts: also write each account's snapshot to this folder as
    /// `<account>.json`. Otherwise: evaluate every `*.json` snapshot in this folder.
    #[arg(long, value_name = "DIR")]
    pub snapshot_dir: Option<PathBuf>,
    /// Scan every ACTIVE account of the AWS organization (run from the management or a
    /// delegated-administrator account) through the role --role-name.
    #[arg(long, requires = "role_name", conflicts_with = "accounts")]
    pub org: bool,
    /// With --org: the role to assume in each account (arn:<partition>:iam::<id>:role/NAME).
    #[arg(long, value_name = "NAME", requires = "org")]
    pub role_name: Option<String>,
    /// With --org: the external id the roles' trust policy requires.
    #[arg(long, value_name = "ID", requires = "org")]
    pub external_id: Option<String>,
    /// With --org: only the accounts under this organizational unit (or root) and the OUs
    /// below it (repeatable).
    #[arg(long = "ou", value_name = "OU_ID", requires = "org")]
    pub ous: Vec<String>,
    /// Scan the accounts of this JSON or YAML file: a list of {id, role_arn, external_id?,
    /// alias?, regions?}.
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// Skip this account (repeatable).
    #[arg(long = "exclude-account", value_name = "ACCOUNT_ID")]
    pub exclude_accounts: Vec<String>,
    /// Accounts read at once, each with --concurrency calls in flight.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub account_concurrency: u16,
    /// Only the i-th of n disjoint, stable slices of the accounts (e.g. 2/3), for one
    /// worker of a scheduler's array job; `moat merge` combines the shards' reports.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<crate::accounts::Shard>,
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// A file of `[[waivers]]` tables (moat.toml's syntax), used with moat.toml's own
    /// (repeatable). Waived findings are reported as suppressed and do not gate.
    #[arg(long = "waivers", value_name = "FILE")]
    pub waivers: Vec<PathBuf>,
    /// Exit 2 when a waiver matches no finding (stale waivers).
    #[arg(long)]
    pub strict_waivers: bool,
    /// An earlier JSON or SARIF report of moat: its findings are `unchanged` and do not gate;
    /// only new ones do.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// List suppressed findings in the table and Markdown too.
    #[arg(long)]
    pub show_suppressed: bool,
    /// A folder of extra rules (repeatable).
    #[arg(long = "policy-dir")]
    pub policy_dirs: Vec<PathBuf>,
    /// Evaluate only these rules (ids, comma-separated or repeated).
    #[arg(long = "only", value_delimiter = ',', value_name = "RULE_ID")]
    pub only: Vec<String>,
    /// Configuration file (default: ./moat.toml when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also write what was read from AWS to this snapshot file.
    #[arg(long)]
    pub save_snapshot: Option<PathBuf>,
    /// Folder SARIF locations are relative to (default: the working directory).
    #[arg(long)]
    pub sarif_root: Option<PathBuf>,
    /// Refuse snapshots larger than this many MiB (loading takes about four times a
    /// snapshot's size in memory).
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_snapshot_mib: u64,
    /// Stop a rule still running after this many seconds and report it as failed (0: no
    /// limit).
    #[arg(long, default_value_t = 300)]
    pub rule_timeout: u64,
    /// How rules run (troubleshooting): `compiled` (default) or `interpreter`.
    #[arg(long, env = "MOAT_EVALUATOR", hide_env_values = true)]
    pub evaluator: Option<Evaluator>,
    /// Evaluation threads (default: one per core, at most 16).
    #[arg(long, env = "MOAT_EVAL_WORKERS", value_parser = clap::value_parser!(usize))]
    pub workers: Option<usize>,
    /// Run rules one at a time and say on stderr where the time goes (with --verbose).
    #[arg(long, env = "MOAT_PROFILE_RULES", value_parser = clap::builder::FalseyValueParser::new())]
    pub profile_rules: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' reports: all JSON reports (`--format json`) or all SARIF logs.
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Configuration file (default: ./moat.toml when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// No verdict line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What to write and how to gate it: the same flags for `scan` and `merge`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format, optionally with a file: `table`, `json`, `markdown`, `sarif`, `junit`,
    /// `html`, or e.g. `sarif=moat.sarif`. Repeat to write several formats from one
    /// evaluation. (`merge` of SARIF logs always writes SARIF.)
    #[arg(long = "format", short = 'f', value_name = "FORMAT[=PATH]")]
    pub formats: Vec<OutputSpec>,
    /// File for the output when one format is requested (default: stdout).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1: critical, high, medium, low, info, never.
    #[arg(long)]
    pub fail_on: Option<FailOn>,
    /// Do not turn coverage gaps (denied or failed collection, missing shards) into exit
    /// code 2.
    #[arg(long)]
    pub allow_gaps: bool,
}

impl ReportArgs {
    /// The outputs to write: `--format`s (default: a table on stdout), with `--output` given
    /// to the one format that has no `=PATH` of its own.
    pub fn outputs(&self) -> Result<Vec<OutputSpec>> {
        let mut outputs = if self.formats.is_empty() {
            vec![OutputSpec {
                format: crate::report::Format::Table,
                path: None,
            }]
        } else {
            self.formats.clone()
        };
        if let Some(out) = &self.output {
            let unpathed: Vec<usize> = outputs
                .iter()
                .enumerate()
                .filter(|(_, o)| o.path.is_none())
                .map(|(i, _)| i)
                .collect();
            match unpathed.as_slice() {
                [i] => outputs[*i].path = Some(out.clone()),
                _ => anyhow::bail!("--output needs exactly one --format without its own =PATH"),
            }
        }
        Ok(outputs)
    }
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Snapshot file to write.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExposureArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    /// A snapshot file to read instead of a live account.
    #[arg(long)]
    pub snapshot: Option<PathBuf>,
    /// `table` (default), `json`, or `mermaid` (a flowchart of the internet paths that GitHub
    /// renders in a job summary or pull-request comment).
    #[arg(long, default_value = "table")]
    pub format: ExposureFormat,
    /// Configuration file (default: ./moat.toml when present).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExposureFormat {
    Table,
    Json,
    Mermaid,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules.
    List {
        #[arg(long, default_value = "table")]
        format: ListFormat,
        /// Only rules mapped to this framework (e.g. `cis`, `fsbp`, `pci`).
        #[arg(long)]
        control: Option<String>,
        #[arg(long = "policy-dir")]
        policy_dirs: Vec<PathBuf>,
        /// Configuration file (default: ./moat.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Show one rule's metadata.
    Show {
        id: String,
        #[arg(long, default_value = "table")]
        format: ListFormat,
        #[arg(long = "policy-dir")]
        policy_dirs: Vec<PathBuf>,
        /// Configuration file (default: ./moat.toml when present).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Write the rules reference (docs/rules/*.md) from the rules' metadata, and the
    /// practices table of the README (between its markers).
    Docs {
        /// Folder to write to.
        #[arg(long, default_value = "docs/rules")]
        out: PathBuf,
        /// The README whose practices table to update (left alone without its markers).
        #[arg(long, default_value = "README.md")]
        readme: PathBuf,
        /// Only check that the folder is up to date (exit 1 when stale).
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
}

/// Parses arguments and runs; errors are returned for `main` to print once.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Collect(args) => collect(args),
        Command::Validate { files } => validate(&files),
        Command::Exposure(args) => exposure(args),
        Command::Merge(args) => merge::merge(args),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            config,
        } => diff(&old, &new, format, fail_on, config.as_deref()),
        Command::Schema {
            findings,
            input_moat,
        } => {
            if input_moat {
                print!("{}", crate::policy::derived_schema_pretty());
            } else if findings {
                print!("{}", report::json_schema_pretty());
            } else {
                print!("{}", snapshot::json_schema_pretty());
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
        Command::Rules { command } => rules(command),
        #[cfg(feature = "aws")]
        Command::IamPolicy { caller } => {
            match caller {
                Some(role) => print!("{}", crate::collect::ops::caller_policy_pretty(&role)),
                None => print!("{}", crate::collect::ops::iam_policy_pretty()),
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
    }
}

impl AwsArgs {
    fn options(&self) -> CollectOptions {
        CollectOptions {
            profile: self.profile.clone(),
            regions: self.regions.clone(),
            all_regions: self.all_regions,
            concurrency: self.concurrency,
            quiet: self.quiet,
            verbose: self.verbose,
            call_timeout: std::time::Duration::from_secs(self.timeout),
            endpoint_failure_budget: self.endpoint_failures,
        }
    }
}
