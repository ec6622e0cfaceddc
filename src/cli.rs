//! The command line: argument parsing and the commands, returning exit codes.

use crate::config::{Config, FailOn};
use crate::policy::{RuleMeta, RulePack, Severity};
use crate::report::{self, Format, Origin, OutputSpec, ReportContext};
use crate::snapshot::{self, locate::ResourceLines, LoadedSnapshot};
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 error or coverage gap.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

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
    /// Print the IAM policy with exactly the read-only actions the collector calls.
    #[cfg(feature = "aws")]
    IamPolicy,
    /// Print a JSON Schema: the snapshot's (default) or the JSON report's.
    Schema {
        /// Print the schema of the JSON findings report instead.
        #[arg(long)]
        findings: bool,
    },
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
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Evaluate a snapshot file instead of reading a live account (no credentials needed).
    #[arg(long, conflicts_with_all = ["profile", "regions", "all_regions"])]
    pub snapshot: Option<PathBuf>,
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Output format, optionally with a file: `table`, `json`, `markdown`, `sarif`, or e.g.
    /// `sarif=moat.sarif`. Repeat to write several formats from one evaluation.
    #[arg(long = "format", short = 'f', value_name = "FORMAT[=PATH]")]
    pub formats: Vec<OutputSpec>,
    /// File for the output when one format is requested (default: stdout).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1: critical, high, medium, low, info, never.
    #[arg(long)]
    pub fail_on: Option<FailOn>,
    /// Do not turn coverage gaps (denied or failed collection) into exit code 2.
    #[arg(long)]
    pub allow_gaps: bool,
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
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Snapshot file to write.
    #[arg(long)]
    pub out: PathBuf,
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
    },
    /// Show one rule's metadata.
    Show {
        id: String,
        #[arg(long, default_value = "table")]
        format: ListFormat,
        #[arg(long = "policy-dir")]
        policy_dirs: Vec<PathBuf>,
    },
    /// Write the rules reference (docs/rules/*.md) from the rules' metadata.
    Docs {
        /// Folder to write to.
        #[arg(long, default_value = "docs/rules")]
        out: PathBuf,
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

/// Parses arguments and runs; errors are returned for `main` to print once.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Collect(args) => collect(args),
        Command::Validate { files } => validate(&files),
        Command::Schema { findings } => {
            if findings {
                print!("{}", report::json_schema_pretty());
            } else {
                print!("{}", snapshot::json_schema_pretty());
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
        Command::Rules { command } => rules(command),
        #[cfg(feature = "aws")]
        Command::IamPolicy => {
            print!("{}", crate::collect::ops::iam_policy_pretty());
            Ok(ExitCode::from(EXIT_CLEAN))
        }
    }
}

fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn scan(args: ScanArgs) -> Result<ExitCode> {
    let config = Config::discover(args.config.as_deref())?;
    let mut dirs = config.policy_dirs.clone();
    dirs.extend(args.policy_dirs.iter().cloned());
    let mut pack = RulePack::load(&dirs, config.rule_config.as_ref())?;
    if !args.only.is_empty() {
        pack.retain_ids(&args.only)?;
    }
    let fail_on = args
        .fail_on
        .or(config.fail_on)
        .unwrap_or(FailOn::Severity(Severity::Low));
    let allow_gaps = args.allow_gaps || config.allow_gaps.unwrap_or(false);

    let verbose = args.aws.verbose;
    let clock = std::time::Instant::now();
    let (loaded, parsed, prepared) = match &args.snapshot {
        Some(path) => load_and_parse(path, &pack)?,
        None => {
            let loaded = live_snapshot(&args.aws, args.save_snapshot.as_deref())?;
            let parsed = crate::policy::parse_input(&loaded.text);
            let prepared = pack.prepare(&loaded.snapshot, &loaded.value_problems)?;
            (loaded, parsed, prepared)
        }
    };
    if verbose {
        eprintln!(
            "moat: loaded and validated the snapshot, and prepared the rules, in {} ms",
            clock.elapsed().as_millis()
        );
    }
    let clock = std::time::Instant::now();
    let evaluation = pack.evaluate_prepared(&loaded, prepared, parsed)?;
    if verbose {
        let how = match evaluation.evaluator {
            crate::policy::Evaluator::Interpreter => "on the interpreter".to_string(),
            crate::policy::Evaluator::Compiled if evaluation.interpreted.is_empty() => {
                "compiled".to_string()
            }
            crate::policy::Evaluator::Compiled => format!(
                "compiled, {} on the interpreter: {}",
                evaluation.interpreted.len(),
                evaluation.interpreted.join(" ")
            ),
        };
        eprintln!(
            "moat: evaluated {} rules ({how}) in {} ms",
            evaluation.rules.len(),
            clock.elapsed().as_millis()
        );
        let mut slow = evaluation.timings.clone();
        slow.sort_by_key(|t| std::cmp::Reverse(t.1));
        for (ids, took) in &slow {
            eprintln!("moat:   {} ms for {ids}", took.as_millis());
        }
    }

    let mut outputs = if args.formats.is_empty() {
        vec![OutputSpec {
            format: Format::Table,
            path: None,
        }]
    } else {
        args.formats.clone()
    };
    if let Some(out) = &args.output {
        let unpathed: Vec<usize> = outputs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.path.is_none())
            .map(|(i, _)| i)
            .collect();
        match unpathed.as_slice() {
            [i] => outputs[*i].path = Some(out.clone()),
            _ => bail!("--output needs exactly one --format without its own =PATH"),
        }
    }
    let origin = match (
        &args.snapshot,
        outputs.iter().any(|o| o.format == Format::Sarif),
    ) {
        (Some(path), true) => Origin::File {
            uri: relative_uri(path, args.sarif_root.as_deref())?,
            lines: ResourceLines::build(&loaded.text),
        },
        (Some(path), false) => Origin::File {
            uri: path.display().to_string(),
            lines: ResourceLines::default(),
        },
        (None, _) => Origin::Live,
    };
    let mut ctx = ReportContext::new(&evaluation, &origin);
    ctx.fail_on = match fail_on {
        FailOn::Severity(s) => Some(s),
        FailOn::Never => None,
    };
    for out in &outputs {
        ctx.color = out.path.is_none() && out.format == Format::Table && use_color();
        let clock = std::time::Instant::now();
        let text = report::render(out.format, &ctx);
        if verbose {
            eprintln!(
                "moat: rendered {} in {} ms",
                out.format.name(),
                clock.elapsed().as_millis()
            );
        }
        match &out.path {
            Some(p) => crate::util::write_output(p, text.as_bytes()).with_context(|| {
                format!(
                    "cannot write {} report to {}",
                    out.format.name(),
                    p.display()
                )
            })?,
            None => crate::util::write_output(Path::new("-"), text.as_bytes())
                .context("cannot write to stdout")?,
        }
    }

    let summary = report::summary(&ctx);
    let code = match summary.verdict.as_str() {
        "incomplete" if !allow_gaps => EXIT_ERROR,
        _ if ctx
            .fail_on
            .is_some_and(|t| evaluation.findings.iter().any(|f| f.severity.at_least(t))) =>
        {
            EXIT_FINDINGS
        }
        _ => EXIT_CLEAN,
    };
    if !args.aws.quiet {
        let words = match code {
            EXIT_ERROR => format!(
                "moat: INCOMPLETE (exit 2): {} coverage gap(s); findings: {} (use --allow-gaps to gate on findings alone)",
                evaluation.coverage_gaps.len(),
                report::counts_phrase(&evaluation)
            ),
            EXIT_FINDINGS => format!(
                "moat: FAIL (exit 1): findings at or above {fail_on}: {}",
                report::counts_phrase(&evaluation)
            ),
            _ => format!("moat: PASS (exit 0): no findings at or above {fail_on} (all findings: {})", report::counts_phrase(&evaluation)),
        };
        eprintln!("{words}");
    }
    // The process ends here: freeing a large snapshot node by node would only delay the exit.
    std::mem::forget(loaded);
    Ok(ExitCode::from(code))
}

/// Loads a snapshot file and, on a second thread at the same time, parses its text into the
/// evaluation input (the two parses are independent; together they dominate large scans).
type Parsed = Option<Result<regorus::Value, String>>;

fn load_and_parse(
    path: &Path,
    pack: &RulePack,
) -> Result<(LoadedSnapshot, Parsed, crate::policy::Prepared)> {
    let text = std::fs::read_to_string(path).map_err(|source| snapshot::SnapshotError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path.display().to_string();
    // One thread parses the text into the engine's values while this one loads the typed
    // snapshot and, when it is valid, prepares the evaluation from it.
    let (loaded, parsed) = std::thread::scope(|scope| {
        let parser = scope.spawn(|| crate::policy::parse_input(&text));
        let loaded = snapshot::load_str(&text, &name).map(|loaded| {
            let prepared = pack.prepare(&loaded.snapshot, &loaded.value_problems);
            (loaded, prepared)
        });
        // Only a valid snapshot is evaluated; the parse of an invalid one is discarded.
        (loaded, parser.join())
    });
    let (mut loaded, prepared) = loaded?;
    loaded.path = Some(path.to_path_buf());
    let parsed = parsed.unwrap_or_else(|_| Some(Err("the input parser panicked".into())));
    Ok((loaded, parsed, prepared?))
}

/// The snapshot file's path relative to the SARIF root (default: the working directory),
/// with forward slashes, as a relative URI.
fn relative_uri(path: &Path, root: Option<&Path>) -> Result<String> {
    let root = match root {
        Some(r) => r.to_path_buf(),
        None => std::env::current_dir().context("cannot read the working directory")?,
    };
    let abs = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve {}", path.display()))?;
    let root = std::fs::canonicalize(&root)
        .with_context(|| format!("cannot resolve --sarif-root {}", root.display()))?;
    let rel = match abs.strip_prefix(&root) {
        Ok(r) => r.to_path_buf(),
        Err(_) => bail!(
            "{} is not under the SARIF root {}; pass --sarif-root with a folder that holds it",
            abs.display(),
            root.display()
        ),
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        })
        .collect();
    Ok(parts.join("/"))
}

#[cfg(feature = "aws")]
fn live_snapshot(aws: &AwsArgs, save: Option<&Path>) -> Result<LoadedSnapshot> {
    let snap = crate::collect::collect_blocking(aws)?;
    if let Some(path) = save {
        snapshot::write_file(path, &snap)?;
    }
    let text = snapshot::to_pretty_json(&snap);
    Ok(snapshot::load_str(&text, "live")?)
}

#[cfg(not(feature = "aws"))]
fn live_snapshot(_aws: &AwsArgs, _save: Option<&Path>) -> Result<LoadedSnapshot> {
    bail!("this moat was built without the `aws` feature: live scans are unavailable; use --snapshot FILE")
}

#[cfg(feature = "aws")]
fn collect(args: CollectArgs) -> Result<ExitCode> {
    let snap = crate::collect::collect_blocking(&args.aws)?;
    snapshot::write_file(&args.out, &snap)?;
    let gaps = snap
        .coverage
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                snapshot::CoverageStatus::Denied | snapshot::CoverageStatus::Error
            )
        })
        .count();
    if !args.aws.quiet {
        eprintln!(
            "moat: wrote {} ({} regions, {} coverage gaps)",
            args.out.display(),
            snap.regions.len(),
            gaps
        );
    }
    Ok(ExitCode::from(if gaps > 0 {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    }))
}

#[cfg(not(feature = "aws"))]
fn collect(_args: CollectArgs) -> Result<ExitCode> {
    bail!("this moat was built without the `aws` feature: collection is unavailable")
}

fn validate(files: &[PathBuf]) -> Result<ExitCode> {
    let mut bad = false;
    for file in files {
        match snapshot::load_file(file) {
            Ok(loaded) if loaded.value_problems.is_empty() => {
                let regions = loaded.snapshot.regions.len();
                println!(
                    "{}: ok (schema v{}, account {}, {regions} region(s))",
                    file.display(),
                    snapshot::SCHEMA_VERSION,
                    loaded.snapshot.account.id
                );
            }
            Ok(loaded) => {
                bad = true;
                println!(
                    "{}: {} value(s) cannot be evaluated:",
                    file.display(),
                    loaded.value_problems.len()
                );
                for p in &loaded.value_problems {
                    println!("  {}", p.problem);
                }
            }
            Err(e) => {
                bad = true;
                println!("{e}");
            }
        }
    }
    Ok(ExitCode::from(if bad { EXIT_ERROR } else { EXIT_CLEAN }))
}

/// True when the rule maps to a control of `framework` (prefix of the control's framework,
/// case-insensitive: `cis` matches `CIS-AWS 5.2`, `fsbp` matches `AWS-FSBP EC2.2`).
pub fn matches_framework(rule: &RuleMeta, framework: &str) -> bool {
    let want = framework.to_ascii_lowercase();
    rule.controls.iter().any(|c| {
        let fw = c
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        fw.split('-').any(|part| part.starts_with(&want)) || fw.starts_with(&want)
    })
}

fn rules(command: RulesCommand) -> Result<ExitCode> {
    match command {
        RulesCommand::List {
            format,
            control,
            policy_dirs,
        } => {
            let pack = RulePack::load(&policy_dirs, None)?;
            let rules: Vec<&RuleMeta> = pack
                .rules()
                .iter()
                .filter(|r| control.as_deref().is_none_or(|c| matches_framework(r, c)))
                .collect();
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&rules)?),
                ListFormat::Table => {
                    let mut t = comfy_table::Table::new();
                    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                        .set_header(["Id", "Severity", "Title", "Controls"]);
                    for r in &rules {
                        t.add_row(vec![
                            r.id.clone(),
                            r.severity.to_string(),
                            r.title.clone(),
                            r.controls.join(", "),
                        ]);
                    }
                    println!("{t}\n{} rules", rules.len());
                }
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
        RulesCommand::Show {
            id,
            format,
            policy_dirs,
        } => {
            let pack = RulePack::load(&policy_dirs, None)?;
            let Some(rule) = pack.rule(&id) else {
                bail!("no rule with id {id}; `moat rules list` shows them");
            };
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(rule)?),
                ListFormat::Table => print!("{}", crate::report::rule_page(rule)),
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
        RulesCommand::Docs { out, check } => {
            let pack = RulePack::builtin()?;
            let pages = crate::report::rule_docs(&pack);
            if check {
                let stale = crate::report::stale_docs(&out, &pages);
                if stale.is_empty() {
                    println!("{}: up to date ({} pages)", out.display(), pages.len());
                    return Ok(ExitCode::from(EXIT_CLEAN));
                }
                for s in &stale {
                    println!("stale: {s}");
                }
                println!(
                    "run `moat rules docs --out {}` to regenerate",
                    out.display()
                );
                return Ok(ExitCode::from(EXIT_FINDINGS));
            }
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            for (name, text) in &pages {
                std::fs::write(out.join(name), text)
                    .with_context(|| format!("cannot write {}", out.join(name).display()))?;
            }
            println!("wrote {} pages to {}", pages.len(), out.display());
            Ok(ExitCode::from(EXIT_CLEAN))
        }
    }
}
