//! Integration tests: one binary (links once), one module per area.

mod cli;
mod reports;
mod rules;
mod snapshot;
mod util;
