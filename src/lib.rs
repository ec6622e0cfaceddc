//! moat: policy-as-code compliance scanner for AWS network security.
//!
//! The pipeline: collect (AWS SDK) → [`snapshot`] (versioned JSON) → evaluate ([`policy`],
//! regorus + `policies/`) → findings → [`report`] (table, JSON, Markdown, SARIF).

pub mod accounts;
pub mod addrset;
pub mod cli;
#[cfg(feature = "aws")]
pub mod collect;
pub mod config;
pub mod diff;
pub mod gate;
pub mod memory;
pub mod policy;
pub mod report;
pub mod scan;
pub mod settings;
pub mod snapshot;
pub mod util;
pub mod verdict;

/// The version written into snapshots and reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
