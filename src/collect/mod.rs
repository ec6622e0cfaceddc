//! Live collection with the AWS SDK for Rust: one file per service, regions and services
//! fetched concurrently with a bound, every list paginated, every failed call a coverage
//! entry instead of an aborted scan.

/// Collects every item of a paginated list call, recording its outcome; an empty list when
/// the call failed (the failure is in the coverage).
macro_rules! paged {
    ($rec:expr, $op:expr, $req:expr) => {{
        if $rec.skipping(&$op) {
            Vec::new()
        } else {
            let started = std::time::Instant::now();
            let r = $req
                .into_paginator()
                .items()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await;
            $rec.take(&$op, started, r).unwrap_or_default()
        }
    }};
}

/// Every item of a list that pages with `NextToken` by hand: `$send` builds and sends the
/// request for `$token` (an `Option<String>`), `$items` and `$next` read one page `$out`.
/// A failed page records the gap and ends the list; a token that repeats ends it too.
macro_rules! token_paged {
    ($rec:expr, $op:expr, $token:ident => $send:expr, $out:ident => $items:expr, $next:expr) => {{
        let mut all = Vec::new();
        let mut $token: Option<String> = None;
        loop {
            if $rec.skipping(&$op) {
                break;
            }
            let started = std::time::Instant::now();
            let r = $send.await;
            match $rec.take(&$op, started, r) {
                Some($out) => {
                    all.extend($items.iter().cloned());
                    let next: Option<String> = $next.map(str::to_string).filter(|t| !t.is_empty());
                    if next.is_none() || next == $token {
                        break;
                    }
                    $token = next;
                }
                None => break,
            }
        }
        all
    }};
}

pub mod accounts;
mod convert;
mod ec2;
mod ec2_types;
mod edge;
pub mod ops;
mod private;
mod progress;
mod recorder;
mod sdk;
mod waf;

use convert::{absent_as_none, date, en, req, s, tag_list};
use progress::Progress;
use recorder::{Recorder, RecorderSettings};
pub use sdk::is_region_name;
use sdk::{profile_hint, sdk_config};

use crate::settings::CollectOptions;
use crate::snapshot::{Account, CoverageEntry, Region, Snapshot, SCHEMA_VERSION};
use anyhow::{bail, Context, Result};
use aws_config::{Region as AwsRegion, SdkConfig};
use aws_smithy_types::error::display::DisplayErrorContext;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;

/// Reads the account into a snapshot (blocking: builds its own runtime).
pub fn collect_blocking(args: &CollectOptions) -> Result<Snapshot> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(collect(args))
}

/// Reads the account into a snapshot.
pub async fn collect(args: &CollectOptions) -> Result<Snapshot> {
    if let Some(bad) = args.regions.iter().find(|r| !is_region_name(r)) {
        bail!("invalid region {bad:?}: AWS region names look like us-east-1 or eu-central-2");
    }
    let config = sdk_config(args).await;
    collect_with(&config, args).await
}

/// Reads the account whose credentials `config` holds (e.g. an assumed role's).
pub(crate) async fn collect_with(config: &SdkConfig, args: &CollectOptions) -> Result<Snapshot> {
    let home = match config.region() {
        Some(r) => r.to_string(),
        None => {
            bail!("no AWS region: pass --region, set AWS_REGION, or set a region in the profile")
        }
    };

    // Who are we? This also proves the credentials work before anything else runs.
    let sts = aws_sdk_sts::Client::new(config);
    let identity = sts.get_caller_identity().send().await.map_err(|e| {
        // The SDK's own words, without the debug dump it appends in parentheses.
        let full = DisplayErrorContext(&e).to_string();
        let cause = full.split(" (").next().unwrap_or(&full).trim_end();
        anyhow::anyhow!(
            "cannot read the caller identity (sts:GetCallerIdentity) in {home}{}: {cause}. Check credentials (profile, environment, SSO login) and network access",
            profile_hint(args)
        )
    })?;
    let account_id = req(identity.account());
    let partition = identity
        .arn()
        .and_then(|a| a.split(':').nth(1))
        .unwrap_or("aws")
        .to_string();

    let recorders = RecorderSettings {
        verbose: args.verbose,
        endpoint_failure_budget: args.endpoint_failure_budget,
    };
    let mut regions: Vec<String> = args.regions.clone();
    let mut coverage = Vec::new();
    if args.all_regions {
        let client = aws_sdk_ec2::Client::new(config);
        let mut rec = Recorder::new(&home, recorders);
        let started = Instant::now();
        let out = client.describe_regions().all_regions(false).send().await;
        match rec.take(&ops::EC2_DESCRIBE_REGIONS, started, out) {
            Some(out) => {
                regions = out
                    .regions()
                    .iter()
                    .filter_map(|r| r.region_name().map(str::to_string))
                    .collect();
            }
            None => bail!(
                "cannot list the account's regions (ec2:DescribeRegions): {}",
                rec.entries
                    .first()
                    .and_then(|e| e.message.clone())
                    .unwrap_or_default()
            ),
        }
        coverage.extend(rec.entries);
    }
    if regions.is_empty() {
        regions.push(home.clone());
    }
    regions.sort();
    regions.dedup();

    // Per region: EC2, ELBv2, ELB, RDS, API Gateway (REST, then HTTP/WebSocket), ACM, Direct
    // Connect and WAF; then the global services.
    let progress = Progress::new(args, regions.len() * 9 + 1);
    let limit = Arc::new(Semaphore::new(usize::from(args.concurrency)));
    let mut tasks = tokio::task::JoinSet::new();
    for region in &regions {
        let cfg = config
            .to_builder()
            .region(AwsRegion::new(region.clone()))
            .build();
        let (region, limit, progress) = (region.clone(), limit.clone(), progress.clone());
        tasks.spawn(async move {
            let (data, entries) = collect_region(&cfg, &region, &limit, recorders, &progress).await;
            (region, data, entries)
        });
    }
    let global_cfg = config
        .to_builder()
        .region(AwsRegion::new("us-east-1"))
        .build();
    let (global, global_entries) = {
        let mut rec = Recorder::new("global", recorders);
        let g = bounded(
            &limit,
            &progress,
            "global",
            edge::collect_global(&global_cfg, &mut rec),
        )
        .await;
        (g, rec.entries)
    };
    coverage.extend(global_entries);

    let mut snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        tool_version: Some(crate::VERSION.to_string()),
        account: Account {
            id: account_id,
            partition,
            alias: None,
        },
        collected_at: String::new(),
        regions: Default::default(),
        global,
        coverage: Vec::new(),
    };
    while let Some(joined) = tasks.join_next().await {
        let (region, data, entries) = joined.context("a collection task failed")?;
        snapshot.regions.insert(region, data);
        coverage.extend(entries);
    }
    progress.finish();
    coverage.sort();
    snapshot.coverage = coverage;
    snapshot.collected_at = aws_smithy_types::DateTime::from(std::time::SystemTime::now())
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default();
    snapshot.sort_lists();
    Ok(snapshot)
}

async fn collect_region(
    cfg: &SdkConfig,
    region: &str,
    limit: &Semaphore,
    recorders: RecorderSettings,
    progress: &Progress,
) -> (Region, Vec<CoverageEntry>) {
    let mut data = Region::default();
    let mut recs: Vec<Recorder> = (0..8).map(|_| Recorder::new(region, recorders)).collect();
    let [r_ec2, r_elb, r_clb, r_rds, r_api, r_acm, r_api2, r_dx] = &mut recs[..] else {
        return (data, Vec::new());
    };
    let (ec2, elbv2, elb, rds, apigateway, acm, apigatewayv2, directconnect) = tokio::join!(
        bounded(limit, progress, region, ec2::collect(cfg, r_ec2)),
        bounded(limit, progress, region, edge::collect_elbv2(cfg, r_elb)),
        bounded(limit, progress, region, edge::collect_elb(cfg, r_clb)),
        bounded(limit, progress, region, edge::collect_rds(cfg, r_rds)),
        bounded(
            limit,
            progress,
            region,
            edge::collect_apigateway(cfg, r_api)
        ),
        bounded(limit, progress, region, edge::collect_acm(cfg, r_acm)),
        bounded(
            limit,
            progress,
            region,
            private::collect_apigatewayv2(cfg, r_api2)
        ),
        bounded(
            limit,
            progress,
            region,
            private::collect_directconnect(cfg, r_dx)
        ),
    );
    data.ec2 = ec2;
    data.elbv2 = elbv2;
    data.elb = elb;
    data.rds = rds;
    data.apigateway = apigateway;
    data.acm = acm;
    data.apigatewayv2 = apigatewayv2;
    data.directconnect = directconnect;
    // WAF associations are read per protected resource, so WAF comes after ALBs and stages.
    let mut r_waf = Recorder::new(region, recorders);
    // The resources whose web ACL is looked up come from these lists.
    for parent in [
        &ops::ELBV2_DESCRIBE_LOAD_BALANCERS,
        &ops::APIGATEWAY_GET_REST_APIS,
        &ops::APIGATEWAY_GET_STAGES,
    ] {
        if recs.iter().any(|r| r.unread(parent)) {
            r_waf.skip_because(&ops::WAFV2_GET_WEB_ACL_FOR_RESOURCE, parent);
        }
    }
    data.wafv2 = bounded(
        limit,
        progress,
        region,
        waf::collect_wafv2_regional(cfg, &data, &mut r_waf),
    )
    .await;
    let mut entries: Vec<CoverageEntry> = recs.into_iter().flat_map(|r| r.entries).collect();
    entries.extend(r_waf.entries);
    (data, entries)
}

/// Runs one service's collection under the concurrency bound, then moves the progress bar.
async fn bounded<T>(
    limit: &Semaphore,
    progress: &Progress,
    scope: &str,
    work: impl std::future::Future<Output = T>,
) -> T {
    // A closed semaphore (never closed here) would only lift the bound, not stop the work.
    let _permit = limit.acquire().await.ok();
    let value = work.await;
    progress.tick(scope);
    value
}
