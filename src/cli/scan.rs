//! `moat scan`: settings resolved once, the library's scan, the reports and the verdict.

use super::ScanArgs;
use crate::config::Config;
use crate::policy::{EvalOptions, Evaluator};
use crate::report::{self, Format, Origin, OutputSpec, ReportContext};
use crate::settings::{ScanSettings, Source};
use crate::snapshot::locate::ResourceLines;
use anyhow::{bail, Context, Result};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The artifact URI of SARIF results for a snapshot read from standard input.
pub const STDIN_URI: &str = "moat-snapshot-from-stdin.json";

fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl ScanArgs {
    /// Flags over `moat.toml` over the defaults, once.
    pub fn resolve(&self, config: &Config) -> Result<ScanSettings> {
        let mut policy_dirs = config.policy_dirs.clone();
        policy_dirs.extend(self.policy_dirs.iter().cloned());
        let outputs = self.report.outputs()?;
        let source = self.source()?;
        if self.shard.is_some() && matches!(source, Source::File(_) | Source::Live { .. }) {
            bail!("--shard slices several accounts: use it with --org, --accounts, --snapshot-dir or several --snapshot");
        }
        let mut waivers = config.waivers.clone();
        for file in &self.waivers {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the waivers file {}", file.display()))?;
            waivers.extend(crate::gate::waivers::parse(&text, file)?);
        }
        let baseline = self
            .baseline
            .as_deref()
            .map(crate::gate::baseline::Baseline::load)
            .transpose()?;
        Ok(ScanSettings {
            gate: crate::gate::GateSettings {
                waivers,
                warn_days: i64::from(config.waiver_warning_days.unwrap_or(14)),
                strict_waivers: self.strict_waivers,
                baseline,
            },
            show_suppressed: self.show_suppressed,
            source,
            policy_dirs,
            rule_config: config.rule_config.clone(),
            only: self.only.clone(),
            eval: EvalOptions {
                evaluator: self.evaluator.unwrap_or_default(),
                workers: self.workers,
                profile: self.profile_rules,
                rule_time_limit: (self.rule_timeout > 0)
                    .then(|| std::time::Duration::from_secs(self.rule_timeout)),
            },
            fail_on: self.report.fail_on.or(config.fail_on).unwrap_or_default(),
            allow_gaps: self.report.allow_gaps || config.allow_gaps.unwrap_or(false),
            outputs,
            sarif_root: self.sarif_root.clone(),
            max_snapshot_bytes: self.max_snapshot_mib.saturating_mul(1 << 20),
            shard: self.shard,
            quiet: self.aws.quiet,
            verbose: self.aws.verbose,
        })
    }
}

impl ScanArgs {
    /// Where the snapshots come from: one or several files, a folder of them, one live
    /// account, or several through their roles.
    fn source(&self) -> Result<Source> {
        let multi = |accounts| {
            if self.save_snapshot.is_some() {
                bail!("--save-snapshot writes one account's snapshot: with several accounts use --snapshot-dir");
            }
            if let Some(bad) = self
                .exclude_accounts
                .iter()
                .find(|a| !crate::accounts::is_account_id(a))
            {
                bail!("--exclude-account {bad:?} is not an AWS account id (12 digits)");
            }
            Ok(Source::Accounts(crate::settings::MultiAccount {
                collect: self.aws.options(),
                accounts,
                exclude: self.exclude_accounts.clone(),
                snapshot_dir: self.snapshot_dir.clone(),
                account_concurrency: usize::from(self.account_concurrency),
            }))
        };
        if self.org {
            return multi(crate::settings::AccountList::Organization {
                role_name: self.role_name.clone().unwrap_or_default(),
                external_id: self.external_id.clone(),
                ous: self.ous.clone(),
            });
        }
        if let Some(file) = &self.accounts {
            return multi(crate::settings::AccountList::File(file.clone()));
        }
        if !self.exclude_accounts.is_empty() {
            bail!("--exclude-account applies to --org and --accounts");
        }
        let mut files = self.snapshot.clone();
        if let Some(dir) = &self.snapshot_dir {
            files.extend(crate::scan::snapshot_dir_files(dir)?);
        }
        Ok(match files.as_slice() {
            [] => Source::Live {
                collect: self.aws.options(),
                save: self.save_snapshot.clone(),
            },
            [one] if self.snapshot_dir.is_none() => Source::File(one.clone()),
            _ => {
                if files.iter().any(|f| f.as_os_str() == "-") {
                    bail!("standard input (-) holds one snapshot: it cannot be one of several");
                }
                Source::Files(files)
            }
        })
    }
}

pub(super) fn scan(args: ScanArgs) -> Result<ExitCode> {
    let config = Config::discover(args.config.as_deref())?;
    let settings = args.resolve(&config)?;
    let run = crate::scan::scan(&settings)?;
    let evaluation = &run.evaluation;
    if settings.verbose {
        eprintln!(
            "moat: loaded and validated the snapshot, and prepared the rules, in {} ms",
            run.load_time.as_millis()
        );
        let how = match evaluation.evaluator {
            Evaluator::Interpreter => "on the interpreter".to_string(),
            Evaluator::Compiled if evaluation.interpreted.is_empty() => "compiled".to_string(),
            Evaluator::Compiled => format!(
                "compiled, {} on the interpreter: {}",
                evaluation.interpreted.len(),
                evaluation.interpreted.join(" ")
            ),
        };
        eprintln!(
            "moat: evaluated {} rules ({how}) in {} ms",
            evaluation.rules.len(),
            run.eval_time.as_millis()
        );
        let mut slow = evaluation.timings.clone();
        slow.sort_by_key(|t| std::cmp::Reverse(t.1));
        for (ids, took) in &slow {
            eprintln!("moat:   {} ms for {ids}", took.as_millis());
        }
    }

    let text = || {
        run.loaded
            .as_ref()
            .map(|l| ResourceLines::build(&l.text))
            .unwrap_or_default()
    };
    let origin = match &settings.source {
        // Standard input has no path: SARIF locations name a stated placeholder.
        Source::File(path) if path.as_os_str() == "-" => Origin::File {
            uri: STDIN_URI.to_string(),
            lines: text(),
        },
        Source::File(path) if settings.outputs.iter().any(|o| o.format == Format::Sarif) => {
            Origin::File {
                uri: relative_uri(path, settings.sarif_root.as_deref())?,
                lines: text(),
            }
        }
        Source::File(path) => Origin::File {
            uri: path.display().to_string(),
            lines: ResourceLines::default(),
        },
        // Several accounts: locations are virtual paths per account, as for a live scan.
        Source::Live { .. } | Source::Files(_) | Source::Accounts(_) => Origin::Live,
    };
    for w in &evaluation.gate.warnings {
        eprintln!("moat: warning: {w}");
    }
    let mut ctx =
        ReportContext::with_gate(evaluation, &origin, settings.fail_on, settings.allow_gaps);
    ctx.show_suppressed = settings.show_suppressed;
    ctx.shard = settings.shard;
    write_reports(&ctx, &settings.outputs, settings.verbose)?;
    let verdict = ctx.verdict;
    if !settings.quiet {
        eprintln!("{}", verdict.line(evaluation));
    }
    // The process ends here: freeing a large snapshot node by node would only delay the exit.
    std::mem::forget(run);
    Ok(ExitCode::from(verdict.exit_code()))
}

/// Writes each report to its file or stdout (a reader that stopped reading is not an error).
pub(super) fn write_reports(
    ctx: &ReportContext,
    outputs: &[OutputSpec],
    verbose: bool,
) -> Result<()> {
    let mut ctx = ReportContext { ..*ctx };
    for out in outputs {
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
        let path = out.path.as_deref().unwrap_or(Path::new("-"));
        match crate::util::write_output(path, text.as_bytes()) {
            Ok(()) => {}
            // A reader that stopped reading (`moat scan | head -1`) is not an error, but the
            // exit code is still the verdict's.
            Err(e) if crate::util::is_broken_pipe(&e) => {}
            Err(e) => {
                return Err(e).with_context(|| match &out.path {
                    Some(p) => format!(
                        "cannot write {} report to {}",
                        out.format.name(),
                        p.display()
                    ),
                    None => "cannot write to stdout".to_string(),
                })
            }
        }
    }
    Ok(())
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
