//! Live collection with the AWS SDK for Rust: one file per service, regions and services
//! fetched concurrently with a bound, every list paginated, every failed call a coverage
//! entry instead of an aborted scan.

/// Collects every item of a paginated list call, recording its outcome; an empty list when
/// the call failed (the failure is in the coverage).
macro_rules! paged {
    ($rec:expr, $op:expr, $req:expr) => {{
        let started = std::time::Instant::now();
        let r = $req
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        $rec.take(&$op, started, r).unwrap_or_default()
    }};
}

mod convert;
mod ec2;
mod ec2_types;
mod edge;
pub mod ops;
mod progress;
mod waf;

use convert::{absent_as_none, date, en, req, s, tag_list};
use progress::Progress;

use crate::settings::CollectOptions;
use crate::snapshot::{Account, CoverageEntry, CoverageStatus, Region, Snapshot, SCHEMA_VERSION};
use anyhow::{bail, Context, Result};
use aws_config::{
    retry::RetryConfig, timeout::TimeoutConfig, BehaviorVersion, Region as AwsRegion, SdkConfig,
};
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use ops::Op;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Error codes that mean "not allowed", as opposed to "failed".
const DENIED_CODES: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
    "AuthFailure",
    "OptInRequired",
    "SubscriptionRequiredException",
];

/// Records the outcome of each call of one region (or `global`).
pub(crate) struct Recorder {
    region: String,
    entries: Vec<CoverageEntry>,
    verbose: bool,
}

impl Recorder {
    fn new(region: &str, verbose: bool) -> Self {
        Recorder {
            region: region.to_string(),
            entries: Vec::new(),
            verbose,
        }
    }

    /// Keeps the value of a call that succeeded; records a failed one as a coverage entry.
    pub(crate) fn take<T, E>(
        &mut self,
        op: &Op,
        started: Instant,
        result: Result<T, E>,
    ) -> Option<T>
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        if self.verbose {
            eprintln!(
                "moat: {} {}:{} {} in {} ms",
                self.region,
                op.service,
                op.operation,
                if result.is_ok() { "ok" } else { "failed" },
                started.elapsed().as_millis()
            );
        }
        match result {
            Ok(v) => {
                self.mark(op, CoverageStatus::Ok, None, None);
                Some(v)
            }
            Err(e) => {
                let code = e.code().map(str::to_string);
                let status = if code.as_deref().is_some_and(|c| DENIED_CODES.contains(&c)) {
                    CoverageStatus::Denied
                } else {
                    CoverageStatus::Error
                };
                let message = e
                    .message()
                    .map(str::to_string)
                    .unwrap_or_else(|| DisplayErrorContext(&e).to_string());
                self.mark(op, status, code, Some(message));
                None
            }
        }
    }

    /// One entry per operation: a failure wins over earlier successes of the same operation.
    pub(crate) fn mark(
        &mut self,
        op: &Op,
        status: CoverageStatus,
        code: Option<String>,
        message: Option<String>,
    ) {
        if let Some(existing) = self
            .entries
            .iter_mut()
            .find(|e| e.service == op.service && e.operation == op.operation)
        {
            if existing.status == CoverageStatus::Ok && status != CoverageStatus::Ok {
                existing.status = status;
                existing.error_code = code;
                existing.message = message;
            }
            return;
        }
        self.entries.push(CoverageEntry {
            region: self.region.clone(),
            service: op.service.to_string(),
            operation: op.operation.to_string(),
            status,
            error_code: code,
            message,
        });
    }
}

/// Loads the SDK configuration once: profile, region, environment, SSO, web identity, IMDS;
/// `AWS_ENDPOINT_URL` is honoured by the SDK itself.
async fn sdk_config(args: &CollectOptions) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::adaptive().with_max_attempts(
                std::env::var("AWS_MAX_ATTEMPTS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(6),
            ),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .read_timeout(Duration::from_secs(30))
                .operation_timeout(Duration::from_secs(120))
                .build(),
        );
    if let Some(p) = &args.profile {
        loader = loader.profile_name(p);
    }
    if let Some(r) = args.regions.first() {
        loader = loader.region(AwsRegion::new(r.clone()));
    }
    loader.load().await
}

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
    let config = sdk_config(args).await;
    let home = match config.region() {
        Some(r) => r.to_string(),
        None => {
            bail!("no AWS region: pass --region, set AWS_REGION, or set a region in the profile")
        }
    };

    // Who are we? This also proves the credentials work before anything else runs.
    let sts = aws_sdk_sts::Client::new(&config);
    let identity = sts.get_caller_identity().send().await.map_err(|e| {
        anyhow::anyhow!(
            "cannot read the caller identity (sts:GetCallerIdentity) in {home}: {}. Check credentials (profile, environment, SSO login) and network access",
            DisplayErrorContext(&e)
        )
    })?;
    let account_id = req(identity.account());
    let partition = identity
        .arn()
        .and_then(|a| a.split(':').nth(1))
        .unwrap_or("aws")
        .to_string();

    let mut regions: Vec<String> = args.regions.clone();
    let mut coverage = Vec::new();
    if args.all_regions {
        let client = aws_sdk_ec2::Client::new(&config);
        let mut rec = Recorder::new(&home, args.verbose);
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

    let progress = Progress::new(args, regions.len() * 5 + 1);
    let limit = Arc::new(Semaphore::new(usize::from(args.concurrency)));
    let mut tasks = tokio::task::JoinSet::new();
    for region in &regions {
        let cfg = config
            .to_builder()
            .region(AwsRegion::new(region.clone()))
            .build();
        let (region, limit, verbose, progress) = (
            region.clone(),
            limit.clone(),
            args.verbose,
            progress.clone(),
        );
        tasks.spawn(async move {
            let (data, entries) = collect_region(&cfg, &region, &limit, verbose, &progress).await;
            (region, data, entries)
        });
    }
    let global_cfg = config
        .to_builder()
        .region(AwsRegion::new("us-east-1"))
        .build();
    let (global, global_entries) = {
        let mut rec = Recorder::new("global", args.verbose);
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
    verbose: bool,
    progress: &Progress,
) -> (Region, Vec<CoverageEntry>) {
    let mut data = Region::default();
    let mut recs: Vec<Recorder> = (0..5).map(|_| Recorder::new(region, verbose)).collect();
    let [r_ec2, r_elb, r_rds, r_api, r_acm] = &mut recs[..] else {
        return (data, Vec::new());
    };
    let (ec2, elbv2, rds, apigateway, acm) = tokio::join!(
        bounded(limit, progress, region, ec2::collect(cfg, r_ec2)),
        bounded(limit, progress, region, edge::collect_elbv2(cfg, r_elb)),
        bounded(limit, progress, region, edge::collect_rds(cfg, r_rds)),
        bounded(
            limit,
            progress,
            region,
            edge::collect_apigateway(cfg, r_api)
        ),
        bounded(limit, progress, region, edge::collect_acm(cfg, r_acm)),
    );
    data.ec2 = ec2;
    data.elbv2 = elbv2;
    data.rds = rds;
    data.apigateway = apigateway;
    data.acm = acm;
    // WAF associations are read per protected resource, so WAF comes after ALBs and stages.
    let mut r_waf = Recorder::new(region, verbose);
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

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::error::ErrorMetadata;

    #[derive(Debug)]
    struct Failure(ErrorMetadata);

    impl std::fmt::Display for Failure {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0.code())
        }
    }

    impl std::error::Error for Failure {}

    impl ProvideErrorMetadata for Failure {
        fn meta(&self) -> &ErrorMetadata {
            &self.0
        }
    }

    fn failure(code: &str) -> Result<(), Failure> {
        Err(Failure(
            ErrorMetadata::builder()
                .code(code)
                .message("not allowed")
                .build(),
        ))
    }

    #[test]
    fn access_denied_is_a_denied_gap_and_other_failures_are_errors() {
        let mut rec = Recorder::new("us-east-1", false);
        assert!(rec
            .take(
                &ops::ELBV2_DESCRIBE_LISTENERS,
                Instant::now(),
                failure("AccessDenied")
            )
            .is_none());
        assert!(rec
            .take(
                &ops::EC2_DESCRIBE_VPCS,
                Instant::now(),
                failure("UnauthorizedOperation")
            )
            .is_none());
        assert!(rec
            .take(
                &ops::RDS_DESCRIBE_DB_INSTANCES,
                Instant::now(),
                failure("InternalFailure")
            )
            .is_none());
        let status: Vec<(&str, CoverageStatus, Option<&str>)> = rec
            .entries
            .iter()
            .map(|e| (e.operation.as_str(), e.status, e.error_code.as_deref()))
            .collect();
        assert_eq!(
            status,
            [
                (
                    "DescribeListeners",
                    CoverageStatus::Denied,
                    Some("AccessDenied")
                ),
                (
                    "DescribeVpcs",
                    CoverageStatus::Denied,
                    Some("UnauthorizedOperation")
                ),
                (
                    "DescribeDBInstances",
                    CoverageStatus::Error,
                    Some("InternalFailure")
                ),
            ]
        );
    }

    #[test]
    fn a_later_failure_of_the_same_operation_wins() {
        let mut rec = Recorder::new("us-east-1", false);
        rec.take::<_, Failure>(&ops::ELBV2_DESCRIBE_LISTENERS, Instant::now(), Ok(()));
        rec.take(
            &ops::ELBV2_DESCRIBE_LISTENERS,
            Instant::now(),
            failure("Throttling"),
        );
        assert_eq!(rec.entries.len(), 1);
        assert_eq!(rec.entries[0].status, CoverageStatus::Error);
        assert_eq!(rec.entries[0].error_code.as_deref(), Some("Throttling"));
    }
}
