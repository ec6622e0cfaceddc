//! Integration tests: one binary (links once), one module per area.

mod accounts;
mod action;
mod addrset;
mod cli;
#[cfg(feature = "aws")]
mod collect;
mod evaluators;
mod exposure;
mod fuzz;
mod gate;
mod html;
mod reports;
mod rules;
mod snapshot;
mod util;
