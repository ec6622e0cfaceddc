//! Integration tests: one binary (links once), one module per area.

mod cli;
#[cfg(feature = "aws")]
mod collect;
mod evaluators;
mod reports;
mod rules;
mod snapshot;
mod util;
