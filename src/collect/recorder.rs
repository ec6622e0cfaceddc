//! The outcome of every call: a coverage entry per operation, and the endpoint-failure
//! budget after which a region's service is given up on.

use super::ops::Op;
use crate::snapshot::{CoverageEntry, CoverageStatus};
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::time::Instant;

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
    pub(crate) entries: Vec<CoverageEntry>,
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
    pub(crate) fn new(region: &str, settings: RecorderSettings) -> Self {
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
            account_id: None,
            region: self.region.clone(),
            service: op.service.to_string(),
            operation: op.operation.to_string(),
            status,
            error_code: code,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::ops;

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
