//! The SDK's configuration (credential chain, retry, timeouts) and the checks on what the
//! command line names before any call: region names, profiles.

use crate::settings::CollectOptions;
use aws_config::{
    retry::RetryConfig, timeout::TimeoutConfig, BehaviorVersion, Region as AwsRegion, SdkConfig,
};
use std::time::Duration;

/// Loads the SDK configuration once: profile, region, environment, SSO, web identity, IMDS;
/// `AWS_ENDPOINT_URL` is honoured by the SDK itself.
pub(crate) async fn sdk_config(args: &CollectOptions) -> SdkConfig {
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
pub(crate) fn profile_hint(args: &CollectOptions) -> String {
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

pub use crate::util::is_region_name;

#[cfg(test)]
mod tests {
    use super::is_region_name;

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
}
