//! What is due next on a case, and when.

use crate::{Category, SpeakUpConfig, Status};

/// A step a case is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    /// The handler acknowledges the concern.
    Acknowledge,
    /// The raiser is first told what is happening.
    Feedback,
    /// The raiser is given the outcome.
    Outcome,
}

impl DueKind {
    /// The stable id.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            DueKind::Acknowledge => "acknowledge",
            DueKind::Feedback => "feedback",
            DueKind::Outcome => "outcome",
        }
    }

    /// How it reads in "the {label} is due on ...".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DueKind::Acknowledge => "acknowledgement",
            DueKind::Feedback => "first feedback",
            DueKind::Outcome => "outcome",
        }
    }
}

/// The next deadline of an open case and the instant (Unix seconds) it becomes overdue:
/// acknowledgement while the case is [`Status::Raised`]; otherwise first feedback while none
/// has been given; otherwise the outcome while the status is before
/// [`Status::OutcomeGiven`]. `None` once the outcome is given or the case is closed.
///
/// Every deadline runs from `clock_start`: when the case was raised, or when it was last
/// escalated or reopened (so a reopened case gets a fresh outcome deadline).
#[must_use]
pub fn next_due(
    cfg: &SpeakUpConfig,
    category: Category,
    status: Status,
    feedback_given: bool,
    clock_start: i64,
) -> Option<(DueKind, i64)> {
    let deadlines = cfg.deadlines(category);
    let (kind, span) = match status {
        Status::OutcomeGiven | Status::Closed => return None,
        Status::Raised => (DueKind::Acknowledge, deadlines.acknowledge),
        Status::Acknowledged | Status::Investigating if !feedback_given => {
            (DueKind::Feedback, deadlines.feedback)
        }
        Status::Acknowledged | Status::Investigating => (DueKind::Outcome, deadlines.outcome),
    };
    Some((kind, cfg.calendar.overdue_at(clock_start, span)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn london(y: i32, mo: u32, d: u32, h: u32) -> i64 {
        chrono_tz::Europe::London
            .with_ymd_and_hms(y, mo, d, h, 0, 0)
            .single()
            .unwrap()
            .timestamp()
    }

    #[test]
    fn a_raised_case_waits_for_acknowledgement() {
        let cfg = SpeakUpConfig::default();
        let friday = london(2026, 3, 13, 18);
        // Patient safety: 2 working days.
        assert_eq!(
            next_due(&cfg, Category::PatientSafety, Status::Raised, false, friday),
            Some((DueKind::Acknowledge, london(2026, 3, 18, 0)))
        );
        // Everything else: 7 days.
        assert_eq!(
            next_due(&cfg, Category::Staffing, Status::Raised, false, friday),
            Some((DueKind::Acknowledge, london(2026, 3, 21, 0)))
        );
        // Feedback already given does not skip the acknowledgement.
        assert_eq!(
            next_due(&cfg, Category::Staffing, Status::Raised, true, friday).map(|d| d.0),
            Some(DueKind::Acknowledge)
        );
    }

    #[test]
    fn then_first_feedback_then_the_outcome() {
        let cfg = SpeakUpConfig::default();
        let monday = london(2026, 1, 12, 9);
        for status in [Status::Acknowledged, Status::Investigating] {
            assert_eq!(
                next_due(&cfg, Category::Other, status, false, monday),
                Some((DueKind::Feedback, london(2026, 2, 10, 0))),
                "{status:?}"
            );
            assert_eq!(
                next_due(&cfg, Category::Other, status, true, monday),
                Some((DueKind::Outcome, london(2026, 4, 13, 0))),
                "{status:?}"
            );
        }
    }

    #[test]
    fn nothing_is_due_once_the_outcome_is_given() {
        let cfg = SpeakUpConfig::default();
        for status in [Status::OutcomeGiven, Status::Closed] {
            for feedback in [false, true] {
                assert_eq!(
                    next_due(&cfg, Category::PatientSafety, status, feedback, 0),
                    None
                );
            }
        }
    }

    #[test]
    fn deadlines_follow_the_configuration_and_the_clock_start() {
        let cfg =
            SpeakUpConfig::parse("[deadlines.worker-safety]\nfeedback = \"1 day\"\n").unwrap();
        let start = london(2026, 7, 1, 12);
        let reopened = london(2026, 9, 1, 12);
        assert_eq!(
            next_due(
                &cfg,
                Category::WorkerSafety,
                Status::Investigating,
                false,
                start
            ),
            Some((DueKind::Feedback, london(2026, 7, 3, 0)))
        );
        assert_eq!(
            next_due(
                &cfg,
                Category::WorkerSafety,
                Status::Investigating,
                false,
                reopened
            ),
            Some((DueKind::Feedback, london(2026, 9, 3, 0)))
        );
    }

    #[test]
    fn ids_and_labels() {
        assert_eq!(DueKind::Acknowledge.id(), "acknowledge");
        assert_eq!(DueKind::Feedback.id(), "feedback");
        assert_eq!(DueKind::Outcome.id(), "outcome");
        assert_eq!(DueKind::Acknowledge.label(), "acknowledgement");
        assert_eq!(DueKind::Feedback.label(), "first feedback");
        assert_eq!(DueKind::Outcome.label(), "outcome");
    }
}
