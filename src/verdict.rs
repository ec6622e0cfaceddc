//! The gate: one verdict per scan, from which the JSON summary, the Markdown headline, the
//! closing line on stderr and the exit code all derive.

use crate::policy::{Evaluation, Severity};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 error or coverage gap.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// `--fail-on`: a severity threshold, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::Severity(Severity::Low)
    }
}

impl FailOn {
    /// The threshold severity, `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Severity(s) => Some(s),
            FailOn::Never => None,
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("never") {
            return Ok(FailOn::Never);
        }
        s.parse::<Severity>().map(FailOn::Severity).map_err(|_| {
            format!("unknown --fail-on {s:?}; expected critical, high, medium, low, info or never")
        })
    }
}

impl std::fmt::Display for FailOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FailOn::Severity(s) => write!(f, "{s}"),
            FailOn::Never => f.write_str("never"),
        }
    }
}

/// What a scan concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No finding at or above the threshold, and every collection call answered.
    Pass,
    /// Findings at or above the threshold.
    Fail,
    /// Some collection calls were denied or failed, or some rules failed: rules could not
    /// see their data, or could not run.
    Incomplete,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Incomplete => "incomplete",
        }
    }
}

/// The verdict of one scan under one gate (`--fail-on`, `--allow-gaps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// Some finding is at or above the threshold (also when the outcome is incomplete).
    pub failing: bool,
    pub fail_on: FailOn,
    pub allow_gaps: bool,
    /// Whether some rule failed to run (exit 2 whatever `--allow-gaps` says).
    pub rule_errors: bool,
    /// A waiver matched nothing under `--strict-waivers` (exit 2).
    pub stale_waivers: bool,
}

impl Verdict {
    pub fn of(evaluation: &Evaluation, fail_on: FailOn, allow_gaps: bool) -> Verdict {
        // Suppressed and baseline-unchanged findings are reported but do not gate.
        let failing = fail_on.threshold().is_some_and(|t| {
            evaluation
                .findings
                .iter()
                .any(|f| f.gates() && f.severity.at_least(t))
        });
        let outcome = if !evaluation.coverage_gaps.is_empty() || !evaluation.rule_errors.is_empty()
        {
            Outcome::Incomplete
        } else if failing {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        Verdict {
            outcome,
            failing,
            fail_on,
            allow_gaps,
            rule_errors: !evaluation.rule_errors.is_empty(),
            stale_waivers: evaluation.gate.strict_failure,
        }
    }

    /// 2 for a rule that failed, or coverage gaps (unless allowed), else 1 for failing
    /// findings, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.rule_errors
            || self.stale_waivers
            || (self.outcome == Outcome::Incomplete && !self.allow_gaps)
        {
            EXIT_ERROR
        } else if self.failing {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }

    /// The closing line on stderr: `moat: FAIL (exit 1): …`.
    pub fn line(&self, evaluation: &Evaluation) -> String {
        let counts = crate::report::counts_phrase(evaluation);
        let fail_on = self.fail_on;
        match self.exit_code() {
            EXIT_ERROR if self.rule_errors => format!(
                "moat: INCOMPLETE (exit 2): {} rule(s) failed and were not evaluated: {}; findings: {counts}",
                evaluation.rule_errors.len(),
                evaluation
                    .rule_errors
                    .iter()
                    .map(|r| r.rule_id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            EXIT_ERROR if self.stale_waivers => format!(
                "moat: STALE WAIVERS (exit 2): waivers matched no finding under --strict-waivers (see the warnings above); findings: {counts}"
            ),
            EXIT_ERROR => format!(
                "moat: INCOMPLETE (exit 2): {} coverage gap(s); findings: {counts} (use --allow-gaps to gate on findings alone)",
                evaluation.coverage_gaps.len()
            ),
            EXIT_FINDINGS => {
                format!("moat: FAIL (exit 1): findings at or above {fail_on}: {counts}")
            }
            _ => format!(
                "moat: PASS (exit 0): no findings at or above {fail_on} (all findings: {counts})"
            ),
        }
    }
}
