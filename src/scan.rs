//! One scan as a library call: the rule pack loaded, the snapshot read (a file or a live
//! account), the rules evaluated. The CLI and the tests go through the same functions.

use crate::policy::{parse_input, Evaluation, Prepared, RulePack};
use crate::settings::{ScanSettings, Source};
use crate::snapshot::{self, LoadedSnapshot};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// A finished scan.
pub struct ScanRun {
    pub pack: RulePack,
    /// The snapshot, for a scan of one account (`None` over several).
    pub loaded: Option<LoadedSnapshot>,
    pub evaluation: Evaluation,
    /// Loading and validating the snapshot (collecting it, for a live scan) and preparing
    /// the rules.
    pub load_time: Duration,
    /// Evaluating the rules.
    pub eval_time: Duration,
}

/// Loads the pack the settings name, reads the snapshot and evaluates it.
pub fn scan(settings: &ScanSettings) -> Result<ScanRun> {
    let mut pack = RulePack::load(&settings.policy_dirs, settings.rule_config.as_ref())?;
    if !settings.only.is_empty() {
        pack.retain_ids(&settings.only)?;
    }
    pack.set_options(settings.eval);
    let clock = Instant::now();
    let (loaded, parsed, prepared) = match &settings.source {
        Source::Live { collect, save } => {
            let loaded = live_snapshot(collect, save.as_deref())?;
            let parsed = parse_input(&loaded.text).filter(|_| !loaded.normalized);
            let prepared = pack.prepare(&loaded.snapshot, &loaded.value_problems)?;
            (loaded, parsed, prepared)
        }
        Source::File(path) => load_and_parse(path, &pack, settings.max_snapshot_bytes)?,
        // Several accounts: each evaluated as it is read, into one evaluation.
        Source::Files(paths) => {
            let evaluation = evaluate_files(&pack, paths, settings)?;
            return many_accounts(pack, evaluation, settings, clock);
        }
        Source::Accounts(multi) => {
            let evaluation = live_accounts(&pack, multi, settings)?;
            return many_accounts(pack, evaluation, settings, clock);
        }
    };
    let load_time = clock.elapsed();
    let clock = Instant::now();
    let mut evaluation = pack.evaluate_prepared(&loaded, prepared, parsed)?;
    evaluation.gate = crate::gate::apply(&mut evaluation, pack.rules(), &settings.gate)?;
    Ok(ScanRun {
        pack,
        loaded: Some(loaded),
        evaluation,
        load_time,
        eval_time: clock.elapsed(),
    })
}

/// The run of an evaluation over several accounts, with the gate applied.
fn many_accounts(
    pack: RulePack,
    mut evaluation: Evaluation,
    settings: &ScanSettings,
    clock: Instant,
) -> Result<ScanRun> {
    evaluation.gate = crate::gate::apply(&mut evaluation, pack.rules(), &settings.gate)?;
    Ok(ScanRun {
        pack,
        loaded: None,
        evaluation,
        load_time: clock.elapsed(),
        eval_time: Duration::ZERO,
    })
}

/// The snapshot files of a folder: its `*.json` files (not recursive), sorted by name.
pub fn snapshot_dir_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the snapshot folder {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read the snapshot folder {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("{} holds no snapshot (*.json) files", dir.display());
    }
    Ok(files)
}

/// Evaluates several snapshot files, one account each, one after the other (only one
/// snapshot is in memory at a time), into one evaluation over their accounts. With a shard,
/// only the accounts of that shard are evaluated.
pub fn evaluate_files(
    pack: &RulePack,
    paths: &[std::path::PathBuf],
    settings: &ScanSettings,
) -> Result<Evaluation> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut parts = Vec::new();
    for path in paths {
        let (loaded, parsed, prepared) = load_and_parse(path, pack, settings.max_snapshot_bytes)?;
        let id = loaded.snapshot.account.id.clone();
        if let Some(earlier) = seen.insert(id.clone(), path) {
            bail!(
                "{} and {} are both snapshots of account {id}: pass one snapshot per account",
                earlier.display(),
                path.display()
            );
        }
        if settings.shard.is_some_and(|s| !s.takes(&id)) {
            continue;
        }
        let mut evaluation = pack.evaluate_prepared(&loaded, prepared, parsed)?;
        // The merged evaluation has the pack's rules once.
        evaluation.rules = Vec::new();
        if settings.verbose {
            eprintln!(
                "moat: {}: account {id}, {} findings, {} coverage gaps",
                path.display(),
                evaluation.findings.len(),
                evaluation.coverage_gaps.len()
            );
        }
        parts.push(evaluation);
    }
    Ok(crate::policy::merge_accounts(
        parts,
        Vec::new(),
        pack.rules(),
        pack.options().evaluator,
    ))
}

#[cfg(feature = "aws")]
fn live_accounts(
    pack: &RulePack,
    multi: &crate::settings::MultiAccount,
    settings: &ScanSettings,
) -> Result<Evaluation> {
    crate::collect::accounts::scan_accounts(pack, multi, settings.shard)
}

#[cfg(not(feature = "aws"))]
fn live_accounts(
    _pack: &RulePack,
    _multi: &crate::settings::MultiAccount,
    _settings: &ScanSettings,
) -> Result<Evaluation> {
    anyhow::bail!("this moat was built without the `aws` feature: live scans are unavailable; use --snapshot FILE")
}

/// Evaluates `pack` over the snapshot file at `path`, exactly as `moat scan --snapshot` does.
pub fn evaluate_file(pack: &RulePack, path: &Path) -> Result<(LoadedSnapshot, Evaluation)> {
    let (loaded, parsed, prepared) = load_and_parse(path, pack, snapshot::DEFAULT_MAX_BYTES)?;
    let evaluation = pack.evaluate_prepared(&loaded, prepared, parsed)?;
    Ok((loaded, evaluation))
}

/// Evaluates `pack` over snapshot text (`name` is what errors call it).
pub fn evaluate_text(
    pack: &RulePack,
    text: &str,
    name: &str,
) -> Result<(LoadedSnapshot, Evaluation)> {
    let (loaded, parsed, prepared) = load_and_parse_text(text.to_string(), name, pack)?;
    let evaluation = pack.evaluate_prepared(&loaded, prepared, parsed)?;
    Ok((loaded, evaluation))
}

type Parsed = Option<Result<regorus::Value, String>>;

/// Loads a snapshot file and evaluates-to-be (see [`load_and_parse_text`]).
fn load_and_parse(
    path: &Path,
    pack: &RulePack,
    max_bytes: u64,
) -> Result<(LoadedSnapshot, Parsed, Prepared)> {
    let text = snapshot::read_text(path, max_bytes)?;
    let name = if path.as_os_str() == "-" {
        snapshot::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let (mut loaded, parsed, prepared) = load_and_parse_text(text, &name, pack)?;
    loaded.path = Some(path.to_path_buf());
    Ok((loaded, parsed, prepared))
}

/// Loads snapshot text and, on a second thread at the same time, parses it into the
/// evaluation input (the two parses are independent; together they dominate large scans).
fn load_and_parse_text(
    text: String,
    name: &str,
    pack: &RulePack,
) -> Result<(LoadedSnapshot, Parsed, Prepared)> {
    // One thread parses the text into the engine's values while this one loads the typed
    // snapshot and, when it is valid, prepares the evaluation from it.
    let (loaded, parsed) = std::thread::scope(|scope| {
        let parser = scope.spawn(|| parse_input(&text));
        let loaded = snapshot::load_unowned(&text, name).map(|loaded| {
            let prepared = pack.prepare(&loaded.snapshot, &loaded.value_problems);
            (loaded, prepared)
        });
        // Only a valid snapshot is evaluated; the parse of an invalid one is discarded.
        (loaded, parser.join())
    });
    let (mut loaded, prepared) = loaded?;
    // The snapshot keeps the text it was read from (reports locate resources in it).
    loaded.text = text;
    let parsed = match parsed {
        // The text is not what the rules should read: build the input from the model.
        _ if loaded.normalized => None,
        Ok(parsed) => parsed,
        Err(_) => Some(Err("the input parser panicked".into())),
    };
    Ok((loaded, parsed, prepared?))
}

#[cfg(feature = "aws")]
fn live_snapshot(
    collect: &crate::settings::CollectOptions,
    save: Option<&Path>,
) -> Result<LoadedSnapshot> {
    let snap = crate::collect::collect_blocking(collect)?;
    if let Some(path) = save {
        snapshot::write_file(path, &snap)?;
    }
    Ok(snapshot::load_string(
        snapshot::to_pretty_json(&snap),
        "live",
    )?)
}

#[cfg(not(feature = "aws"))]
fn live_snapshot(
    _collect: &crate::settings::CollectOptions,
    _save: Option<&Path>,
) -> Result<LoadedSnapshot> {
    anyhow::bail!("this moat was built without the `aws` feature: live scans are unavailable; use --snapshot FILE")
}
