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

/// Records the outcome of each call of one region's service (or `global`), and gives up on
/// an endpoint that keeps failing without an answer from AWS.
pub(crate) struct Recorder {
    region: String,
    entries: Vec<CoverageEntry>,
    verbose: bool,
    /// Failures in a row without an AWS error code (refused or timed-out connections, 5xx
    /// answers without an error code) and the last one's message.
    endpoint_failures: usize,
    last_failure: String,
    /// After this many such failures the remaining calls are not made (0: never give up).
    budget: usize,
}

/// What every recorder of a collection shares.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecorderSettings {
    pub verbose: bool,
    pub endpoint_failure_budget: usize,
}

impl Recorder {
    fn new(region: &str, settings: RecorderSettings) -> Self {
        Recorder {
            region: region.to_string(),
            entries: Vec::new(),
            verbose: settings.verbose,
            endpoint_failures: 0,
            last_failure: String::new(),
            budget: settings.endpoint_failure_budget,
        }
    }

    /// True when the endpoint has failed too often to call it again: the call `op` is then
    /// recorded as skipped, with the reason, and must not be made.
    pub(crate) fn skipping(&mut self, op: &Op) -> bool {
        if self.budget == 0 || self.endpoint_failures < self.budget {
            return false;
        }
        let message = format!(
            "not called: the last {} calls to this endpoint failed without an answer from AWS (last: {})",
            self.endpoint_failures, self.last_failure
        );
        self.mark(
            op,
            CoverageStatus::Skipped,
            Some("EndpointUnavailable".to_string()),
            Some(message),
        );
        true
    }

    /// Whether `op` was recorded here as not read (denied, failed or skipped).
    pub(crate) fn unread(&self, op: &Op) -> bool {
        self.entries.iter().any(|e| {
            e.service == op.service && e.operation == op.operation && e.status != CoverageStatus::Ok
        })
    }

    /// Records that `op` was not made (or not for everything it should cover) because
    /// `parent`, which says what to call it for, was not read: a gap, not a pass.
    pub(crate) fn skip_because(&mut self, op: &Op, parent: &Op) {
        self.mark(
            op,
            CoverageStatus::Skipped,
            Some("ParentNotRead".to_string()),
            Some(format!(
                "not called, or not for every resource: {}:{} was not read",
                parent.service, parent.operation
            )),
        );
    }

    /// When `parent` was not read, records each of `children` as skipped because of it.
    pub(crate) fn children_unread_if(&mut self, parent: &Op, children: &[&Op]) {
        if self.unread(parent) {
            for child in children {
                self.skip_because(child, parent);
            }
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
                self.endpoint_failures = 0;
                self.mark(op, CoverageStatus::Ok, None, None);
                Some(v)
            }
            Err(e) => {
                let code = e.code().map(str::to_string);
                if code.is_none() {
                    self.endpoint_failures += 1;
                    self.last_failure = e.to_string();
                }
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
        // Adaptive retry for throttling; four attempts with at most 10 s between them, so a
        // call to an endpoint that does not answer fails within about 15 s, and the
        // endpoint-failure budget then stops the calls that would follow.
        .retry_config(
            RetryConfig::adaptive()
                .with_max_attempts(
                    std::env::var("AWS_MAX_ATTEMPTS")
                        .ok()
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(4),
                )
                .with_max_backoff(Duration::from_secs(10)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .read_timeout(Duration::from_secs(30).min(args.call_timeout))
                .operation_timeout(args.call_timeout)
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

/// ` with profile "p"`, and where the profile was looked for when no file holds it.
fn profile_hint(args: &CollectOptions) -> String {
    let Some(profile) = &args.profile else {
        return String::new();
    };
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let file = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(std::path::PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(default)))
    };
    let files: Vec<std::path::PathBuf> = [
        file("AWS_CONFIG_FILE", ".aws/config"),
        file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let declares = |path: &std::path::Path| {
        std::fs::read_to_string(path).is_ok_and(|t| {
            t.lines().any(|l| {
                let l = l.trim();
                l == format!("[{profile}]") || l == format!("[profile {profile}]")
            })
        })
    };
    if files.iter().any(|f| declares(f)) {
        format!(" with profile \"{profile}\"")
    } else {
        let looked: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        format!(
            " with profile \"{profile}\", which is not declared in {}",
            if looked.is_empty() {
                "any AWS config file (HOME is not set)".to_string()
            } else {
                looked.join(" or ")
            }
        )
    }
}

/// Whether `name` has the shape of an AWS region name (`us-east-1`, `us-gov-west-1`).
pub fn is_region_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
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
    if let Some(bad) = args.regions.iter().find(|r| !is_region_name(r)) {
        bail!("invalid region {bad:?}: AWS region names look like us-east-1 or eu-central-2");
    }
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
        let client = aws_sdk_ec2::Client::new(&config);
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

    let progress = Progress::new(args, regions.len() * 5 + 1);
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
    let mut recs: Vec<Recorder> = (0..5).map(|_| Recorder::new(region, recorders)).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_RECORDERS: RecorderSettings = RecorderSettings {
        verbose: false,
        endpoint_failure_budget: 2,
    };
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
        let mut rec = Recorder::new("us-east-1", TEST_RECORDERS);
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
    fn region_names() {
        for ok in [
            "us-east-1",
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-4",
            "eu-central-2",
        ] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in [
            "us east!",
            "US-EAST-1",
            "us-east",
            "useast1",
            "u-east-1",
            "us--1",
            "",
        ] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_later_failure_of_the_same_operation_wins() {
        let mut rec = Recorder::new("us-east-1", TEST_RECORDERS);
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
