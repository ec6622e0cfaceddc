//! Live collection with the AWS SDK for Rust.

use crate::cli::AwsArgs;
use crate::snapshot::Snapshot;

/// Reads the account into a snapshot.
pub fn collect_blocking(_args: &AwsArgs) -> anyhow::Result<Snapshot> {
    anyhow::bail!("live collection is not available in this build yet; use --snapshot FILE")
}
