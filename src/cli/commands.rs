//! The commands besides `scan`: `collect`, `validate` and `rules`.

use super::{CollectArgs, ListFormat, RulesCommand, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::config::Config;
use crate::policy::{RuleMeta, RulePack};
use crate::settings::RulesSettings;
use crate::snapshot;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(feature = "aws")]
pub(super) fn collect(args: CollectArgs) -> Result<ExitCode> {
    let snap = crate::collect::collect_blocking(&args.aws.options())?;
    snapshot::write_file(&args.out, &snap)?;
    let gaps = snap
        .coverage
        .iter()
        .filter(|c| c.status != snapshot::CoverageStatus::Ok)
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
pub(super) fn collect(_args: CollectArgs) -> Result<ExitCode> {
    bail!("this moat was built without the `aws` feature: collection is unavailable")
}

pub(super) fn validate(files: &[PathBuf]) -> Result<ExitCode> {
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

/// The pack `rules list|show` describe: `moat.toml`'s folders, then `--policy-dir`s.
fn rules_pack(config: Option<&Path>, flags: &[PathBuf]) -> Result<RulePack> {
    let config = Config::discover(config)?;
    let mut settings = RulesSettings {
        policy_dirs: config.policy_dirs,
        rule_config: config.rule_config,
    };
    settings.policy_dirs.extend(flags.iter().cloned());
    Ok(RulePack::load(
        &settings.policy_dirs,
        settings.rule_config.as_ref(),
    )?)
}

pub(super) fn rules(command: RulesCommand) -> Result<ExitCode> {
    match command {
        RulesCommand::List {
            format,
            control,
            policy_dirs,
            config,
        } => {
            let pack = rules_pack(config.as_deref(), &policy_dirs)?;
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
            config,
        } => {
            let pack = rules_pack(config.as_deref(), &policy_dirs)?;
            let Some(rule) = pack.rule(&id) else {
                bail!("no rule with id {id}; `moat rules list` shows them");
            };
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(rule)?),
                ListFormat::Table => print!("{}", crate::report::rule_page(rule)),
            }
            Ok(ExitCode::from(EXIT_CLEAN))
        }
        RulesCommand::Docs { out, check, readme } => {
            let pack = RulePack::builtin()?;
            let pages = crate::report::rule_docs(&pack);
            // The README's practices table, when the README has its markers.
            let readme_now = std::fs::read_to_string(&readme).ok();
            let readme_new = readme_now
                .as_deref()
                .and_then(|r| crate::report::readme_with_practices(r, &pack));
            let readme_stale = readme_new.is_some() && readme_new != readme_now;
            if check {
                let mut stale = crate::report::stale_docs(&out, &pages);
                if readme_stale {
                    stale.push(readme.display().to_string());
                }
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
            if let (true, Some(text)) = (readme_stale, &readme_new) {
                std::fs::write(&readme, text)
                    .with_context(|| format!("cannot write {}", readme.display()))?;
                println!("updated the practices table in {}", readme.display());
            }
            println!("wrote {} pages to {}", pages.len(), out.display());
            Ok(ExitCode::from(EXIT_CLEAN))
        }
    }
}

pub(super) fn diff(
    old: &Path,
    new: &Path,
    format: super::DiffFormat,
    fail_on: Option<crate::verdict::FailOn>,
    config: Option<&Path>,
) -> Result<ExitCode> {
    let config = Config::discover(config)?;
    let pack = RulePack::load(&config.policy_dirs, config.rule_config.as_ref())?;
    let d = crate::diff::diff(old, new, &pack)?;
    let text = match format {
        super::DiffFormat::Text => d.text(),
        super::DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&d)?;
            s.push('\n');
            s
        }
        super::DiffFormat::Markdown => d.markdown(),
    };
    print!("{text}");
    let fail_on = fail_on.or(config.fail_on).unwrap_or_default();
    let failing = fail_on
        .threshold()
        .is_some_and(|t| d.new_findings.iter().any(|f| f.severity.at_least(t)));
    Ok(ExitCode::from(if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }))
}

pub(super) fn exposure(args: super::ExposureArgs) -> Result<ExitCode> {
    let config = Config::discover(args.config.as_deref())?;
    let pack = RulePack::load(&config.policy_dirs, config.rule_config.as_ref())?;
    let snap = match &args.snapshot {
        Some(path) => snapshot::load_file(path)?.snapshot,
        None => live_snapshot(&args.aws)?,
    };
    let report = crate::policy::exposure::exposure(&snap, pack.config());
    match args.format {
        super::ExposureFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        super::ExposureFormat::Mermaid => print!("{}", report.mermaid()),
        super::ExposureFormat::Table => {
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
                .set_header([
                    "Region", "Resource", "Address", "Protocol", "Ports", "Via", "From", "Path",
                ]);
            for e in &report.exposures {
                let path: Vec<String> = e
                    .path
                    .iter()
                    .map(|s| {
                        if s.by.is_empty() {
                            s.id.clone()
                        } else {
                            format!("{} ({})", s.id, s.by.join("; "))
                        }
                    })
                    .collect();
                t.add_row(vec![
                    e.region.clone(),
                    e.resource_id.clone(),
                    e.public_ip.clone(),
                    e.protocol.clone(),
                    e.ports_text(", "),
                    e.via.clone(),
                    format!("/{}", e.reachable_from_prefix),
                    path.join(" → "),
                ]);
            }
            println!("{t}");
            for u in &report.unknown {
                println!(
                    "unknown: {} {} ({}): {}",
                    u.region, u.resource_id, u.resource_type, u.missing
                );
            }
            println!(
                "{} resource(s) reachable from the internet on {} protocol(s); {} unknown",
                report
                    .exposures
                    .iter()
                    .map(|e| (&e.region, &e.resource_id))
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
                report.exposures.len(),
                report.unknown.len()
            );
        }
    }
    // Unknown reachability is a gap: exit 2, as a coverage gap would.
    Ok(ExitCode::from(if report.unknown.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }))
}

#[cfg(feature = "aws")]
fn live_snapshot(aws: &super::AwsArgs) -> Result<snapshot::Snapshot> {
    crate::collect::collect_blocking(&aws.options())
}

#[cfg(not(feature = "aws"))]
fn live_snapshot(_aws: &super::AwsArgs) -> Result<snapshot::Snapshot> {
    bail!("this moat was built without the `aws` feature: pass --snapshot FILE")
}
