//! moat: policy-as-code compliance scanner for AWS network security.
//!
//! The pipeline: collect (AWS SDK) → [`snapshot`] (versioned JSON) → evaluate ([`policy`],
//! regorus + `policies/`) → findings → [`report`] (table, JSON, Markdown, SARIF).

pub mod cli;
#[cfg(feature = "aws")]
pub mod collect;
pub mod config;
pub mod policy;
pub mod report;
pub mod snapshot;
pub mod util;

/// The version written into snapshots and reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
