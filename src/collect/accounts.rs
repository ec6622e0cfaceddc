//! Many accounts in one process: the accounts come from AWS Organizations or an accounts
//! file, each is read through a role it trusts, and each is evaluated as soon as it has been
//! read, one at a time. Memory is bounded by the accounts in flight, not by how many the
//! organization has: only their findings are kept.

use super::recorder::{Recorder, RecorderSettings};
use super::{collect_with, ops, sdk_config};
use crate::accounts::{self, AccountTarget, Shard};
use crate::policy::{AccountScan, AccountStatus, Evaluation, RulePack};
use crate::settings::{AccountList, CollectOptions, MultiAccount};
use crate::snapshot::{self, CoverageEntry, Snapshot};
use anyhow::{anyhow, bail, Context, Result};
use aws_config::SdkConfig;
use aws_smithy_types::error::display::DisplayErrorContext;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, Semaphore};

/// How long each assumed-role session lasts; the SDK refreshes the credentials before they
/// expire when reading an account takes longer.
const SESSION: Duration = Duration::from_secs(3600);

/// What became of one account.
enum Outcome {
    /// How many accounts will be read, and the organization's accounts when they come
    /// from Organizations (sent once, first).
    Total(usize, Vec<String>),
    Read(Box<Snapshot>),
    Failed(AccountScan, Vec<CoverageEntry>),
}

/// Lists the accounts, reads each through its role (`account_concurrency` at a time, each
/// with `collect.concurrency` calls in flight) and evaluates each as it arrives; accounts
/// that could not be read are `failed`, with their gaps.
pub fn scan_accounts(
    pack: &RulePack,
    multi: &MultiAccount,
    shard: Option<Shard>,
) -> Result<Evaluation> {
    if let Some(dir) = &multi.snapshot_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the snapshot folder {}", dir.display()))?;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // Capacity 1: a read account waits for the evaluation of the one before it, so at most
    // `account_concurrency + 2` snapshots exist at once.
    let (tx, mut rx) = mpsc::channel::<Outcome>(1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| rt.block_on(read_accounts(multi, shard, tx)));
        let started = Instant::now();
        let (mut total, mut done) = (0usize, 0usize);
        let mut parts = Vec::new();
        let mut failed = Vec::new();
        // During an --org scan the rules know which accounts are the organization's.
        let mut org_pack: Option<RulePack> = None;
        let result = (|| -> Result<()> {
            while let Some(outcome) = rx.blocking_recv() {
                let line = match outcome {
                    Outcome::Total(n, organization) => {
                        total = n;
                        if !organization.is_empty() {
                            org_pack = Some(pack.with_config_value(
                                "organization_accounts",
                                serde_json::json!(organization),
                            ));
                        }
                        continue;
                    }
                    Outcome::Read(snap) => {
                        let id = snap.account.id.clone();
                        let text = snapshot::to_pretty_json(&snap);
                        drop(snap);
                        if let Some(dir) = &multi.snapshot_dir {
                            let path = dir.join(format!("{id}.json"));
                            crate::util::write_private_atomic(&path, text.as_bytes())
                                .with_context(|| format!("cannot write {}", path.display()))?;
                        }
                        let (_, mut evaluation) = crate::scan::evaluate_text(
                            org_pack.as_ref().unwrap_or(pack),
                            &text,
                            &format!("account {id}"),
                        )?;
                        // The merged evaluation has the pack's rules once.
                        evaluation.rules = Vec::new();
                        let line = format!(
                            "{id}: {} findings, {} coverage gaps",
                            evaluation.findings.len(),
                            evaluation.coverage_gaps.len()
                        );
                        parts.push(evaluation);
                        line
                    }
                    Outcome::Failed(account, gaps) => {
                        let line = format!(
                            "{}: not read: {}",
                            account.account_id,
                            account.message.as_deref().unwrap_or("")
                        );
                        failed.push((account, gaps));
                        line
                    }
                };
                done += 1;
                if !multi.collect.quiet {
                    let minutes = started.elapsed().as_secs_f64() / 60.0;
                    eprintln!(
                        "moat: accounts {done}/{total} ({:.1} per minute) {line}",
                        done as f64 / minutes.max(1e-9)
                    );
                }
            }
            Ok(())
        })();
        // Dropping the receiver stops the reader at its next account.
        drop(rx);
        let listed = reader
            .join()
            .map_err(|_| anyhow!("the account reader panicked"))?;
        result?;
        listed?;
        Ok(crate::policy::merge_accounts(
            parts,
            failed,
            pack.rules(),
            pack.options().evaluator,
        ))
    })
}

/// The accounts to read: listed, minus the excluded ones, in this shard.
async fn read_accounts(
    multi: &MultiAccount,
    shard: Option<Shard>,
    tx: mpsc::Sender<Outcome>,
) -> Result<()> {
    if let Some(bad) = multi
        .collect
        .regions
        .iter()
        .find(|r| !super::is_region_name(r))
    {
        bail!("invalid region {bad:?}: AWS region names look like us-east-1 or eu-central-2");
    }
    let base = sdk_config(&multi.collect).await;
    if base.region().is_none() {
        bail!("no AWS region: pass --region, set AWS_REGION, or set a region in the profile");
    }
    let mut targets = match &multi.accounts {
        AccountList::File(path) => accounts::load_accounts_file(path)?,
        AccountList::Organization {
            role_name,
            external_id,
            ous,
        } => organization_accounts(&base, role_name, external_id.as_deref(), ous).await?,
    };
    // The whole organization (before exclusions and shards) is what TGW003 calls "ours";
    // under --ou only part of it was listed, so it is not claimed.
    let organization: Vec<String> = match &multi.accounts {
        AccountList::Organization { ous, .. } if ous.is_empty() => {
            targets.iter().map(|t| t.id.clone()).collect()
        }
        _ => Vec::new(),
    };
    targets.retain(|t| !multi.exclude.contains(&t.id));
    // Nothing to scan is an error, not a pass; only a shard may legitimately be empty.
    if targets.is_empty() {
        bail!("no account to scan: the list is empty once ACTIVE accounts are kept and --exclude-account is applied");
    }
    if let Some(s) = shard {
        targets.retain(|t| s.takes(&t.id));
    }
    if tx
        .send(Outcome::Total(targets.len(), organization))
        .await
        .is_err()
    {
        return Ok(());
    }
    let limit = Arc::new(Semaphore::new(multi.account_concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    let recorders = RecorderSettings {
        verbose: multi.collect.verbose,
        endpoint_failure_budget: multi.collect.endpoint_failure_budget,
    };
    for target in targets {
        let (base, limit, tx) = (base.clone(), limit.clone(), tx.clone());
        let mut options = multi.collect.clone();
        options.quiet = true;
        tasks.spawn(async move {
            // The permit is held until the outcome is handed over, so accounts read but not
            // yet evaluated never pile up.
            let Ok(_permit) = limit.acquire().await else {
                return;
            };
            if tx.is_closed() {
                return;
            }
            let outcome = read_account(&base, &options, &target, recorders).await;
            let _ = tx.send(outcome).await;
        });
    }
    drop(tx);
    while let Some(joined) = tasks.join_next().await {
        joined.context("an account task failed")?;
    }
    Ok(())
}

/// The organization's ACTIVE accounts (under `ous` and their child OUs, when given), each
/// with the role `role_name`.
async fn organization_accounts(
    base: &SdkConfig,
    role_name: &str,
    external_id: Option<&str>,
    ous: &[String],
) -> Result<Vec<AccountTarget>> {
    use aws_sdk_organizations::types::{Account, AccountState, AccountStatus as OrgStatus};
    let sts = aws_sdk_sts::Client::new(base);
    let me = sts.get_caller_identity().send().await.map_err(|e| {
        anyhow!(
            "cannot read the caller identity (sts:GetCallerIdentity): {}",
            one_line(&e)
        )
    })?;
    let partition = me
        .arn()
        .and_then(|a| a.split(':').nth(1))
        .unwrap_or("aws")
        .to_string();
    let org = aws_sdk_organizations::Client::new(base);
    // Every page of a list call, or the error with the call named.
    macro_rules! every_page {
        ($request:expr, $items:ident, $what:expr) => {
            $request
                .into_paginator()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await
                .map(|pages| {
                    pages
                        .iter()
                        .flat_map(|p| p.$items().to_vec())
                        .collect::<Vec<_>>()
                })
                .map_err(|e| anyhow!("{}: {}", $what, one_line(&e)))?
        };
    }
    let mut listed: Vec<Account> = Vec::new();
    if ous.is_empty() {
        listed = every_page!(
            org.list_accounts(),
            accounts,
            "cannot list the organization's accounts (organizations:ListAccounts; run from the management or a delegated administrator account)"
        );
    } else {
        let mut parents: Vec<String> = ous.to_vec();
        while let Some(parent) = parents.pop() {
            listed.extend(every_page!(
                org.list_accounts_for_parent().parent_id(&parent),
                accounts,
                format!(
                    "cannot list the accounts of {parent} (organizations:ListAccountsForParent)"
                )
            ));
            let children = every_page!(
                org.list_organizational_units_for_parent().parent_id(&parent),
                organizational_units,
                format!("cannot list the organizational units under {parent} (organizations:ListOrganizationalUnitsForParent)")
            );
            parents.extend(children.iter().filter_map(|ou| ou.id().map(str::to_string)));
        }
    }
    let mut targets: Vec<AccountTarget> = listed
        .iter()
        .filter(|a| match (a.state(), a.status()) {
            (Some(state), _) => *state == AccountState::Active,
            (None, Some(status)) => *status == OrgStatus::Active,
            (None, None) => false,
        })
        .filter_map(|a| {
            let id = a.id()?.to_string();
            Some(AccountTarget {
                role_arn: format!("arn:{partition}:iam::{id}:role/{role_name}"),
                id,
                external_id: external_id.map(str::to_string),
                alias: a.name().map(str::to_string),
                regions: Vec::new(),
            })
        })
        .collect();
    targets.sort_by(|a, b| a.id.cmp(&b.id));
    targets.dedup_by(|a, b| a.id == b.id);
    accounts::check_targets(&targets)?;
    Ok(targets)
}

/// Assumes the account's role and reads the account with it.
async fn read_account(
    base: &SdkConfig,
    options: &CollectOptions,
    target: &AccountTarget,
    recorders: RecorderSettings,
) -> Outcome {
    let session = format!("moat-{}", target.id);
    let failed = |message: String, gaps: Vec<CoverageEntry>| {
        Outcome::Failed(
            AccountScan {
                account_id: target.id.clone(),
                alias: target.alias.clone(),
                status: AccountStatus::Failed,
                message: Some(message),
                collected_at: String::new(),
                regions: Vec::new(),
                findings: 0,
                coverage_gaps: 0,
            },
            gaps,
        )
    };
    // Assume once here so that a role that cannot be assumed is a gap with AWS's own code
    // and message; the provider below assumes it again and refreshes it as it expires.
    let mut rec = Recorder::new("global", recorders);
    let sts = aws_sdk_sts::Client::new(base);
    let mut request = sts
        .assume_role()
        .role_arn(&target.role_arn)
        .role_session_name(&session)
        .duration_seconds(SESSION.as_secs() as i32);
    if let Some(id) = &target.external_id {
        request = request.external_id(id);
    }
    let started = Instant::now();
    let assumed = request.send().await;
    if rec.take(&ops::STS_ASSUME_ROLE, started, assumed).is_none() {
        let why = rec
            .entries
            .first()
            .and_then(|e| e.message.clone())
            .unwrap_or_default();
        return failed(
            format!("cannot assume {} (sts:AssumeRole): {why}", target.role_arn),
            rec.entries,
        );
    }
    let mut provider = aws_config::sts::AssumeRoleProvider::builder(&target.role_arn)
        .session_name(&session)
        .session_length(SESSION)
        .configure(base);
    if let Some(id) = &target.external_id {
        provider = provider.external_id(id);
    }
    let config = base
        .to_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(provider.build().await),
        )
        .build();
    let mut options = options.clone();
    if !target.regions.is_empty() {
        options.regions = target.regions.clone();
        options.all_regions = false;
    }
    match collect_with(&config, &options).await {
        Ok(mut snap) if snap.account.id == target.id => {
            snap.account.alias = target.alias.clone();
            Outcome::Read(Box::new(snap))
        }
        Ok(snap) => {
            let message = format!(
                "the role {} answered for account {}, not {}",
                target.role_arn, snap.account.id, target.id
            );
            let mut rec = Recorder::new("global", recorders);
            rec.mark(
                &ops::STS_GET_CALLER_IDENTITY,
                crate::snapshot::CoverageStatus::Error,
                Some("AccountMismatch".to_string()),
                Some(message.clone()),
            );
            failed(message, rec.entries)
        }
        Err(e) => {
            // collect_with gives up only when it cannot read who it is or, with
            // --all-regions, which regions the account has.
            let message = format!("{e:#}");
            let op = if message.contains("DescribeRegions") {
                ops::EC2_DESCRIBE_REGIONS
            } else {
                ops::STS_GET_CALLER_IDENTITY
            };
            let mut rec = Recorder::new("global", recorders);
            rec.mark(
                &op,
                crate::snapshot::CoverageStatus::Error,
                None,
                Some(message.clone()),
            );
            failed(message, rec.entries)
        }
    }
}

/// The SDK's own words, without the debug dump it appends in parentheses.
fn one_line<E: std::error::Error + 'static>(e: &E) -> String {
    let full = DisplayErrorContext(e).to_string();
    full.split(" (")
        .next()
        .unwrap_or(&full)
        .trim_end()
        .to_string()
}
