//! The case state machine: where a case is, and what a handler may do next.
//!
//! ```text
//! Raised --Acknowledge--> Acknowledged
//! Raised | Acknowledged --Investigate--> Investigating
//! Acknowledged | Investigating --GiveOutcome--> OutcomeGiven
//! OutcomeGiven --Close--> Closed
//! OutcomeGiven | Closed --Reopen--> Investigating
//! ```
//!
//! Every other move is a [`TransitionError`]. The table lives in one function
//! ([`Status::apply`]); [`Status::allowed`] is derived from it, so the two cannot disagree.

/// Where a case is. Ordered by progress: `Raised < Acknowledged < ... < Closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Raised,
    Acknowledged,
    Investigating,
    OutcomeGiven,
    Closed,
}

impl Status {
    /// Every status, in order of progress.
    pub const ALL: [Status; 5] = [
        Status::Raised,
        Status::Acknowledged,
        Status::Investigating,
        Status::OutcomeGiven,
        Status::Closed,
    ];

    /// The stable id stored in the database.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Status::Raised => "raised",
            Status::Acknowledged => "acknowledged",
            Status::Investigating => "investigating",
            Status::OutcomeGiven => "outcome-given",
            Status::Closed => "closed",
        }
    }

    /// The status with this id, if any.
    #[must_use]
    pub fn from_id(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.id() == s)
    }

    /// What a person reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::Raised => "Raised",
            Status::Acknowledged => "Acknowledged",
            Status::Investigating => "Being investigated",
            Status::OutcomeGiven => "Outcome given",
            Status::Closed => "Closed",
        }
    }

    /// How the status reads after "a case that is ...", for error messages.
    fn as_state(self) -> &'static str {
        match self {
            Status::Raised => "newly raised",
            Status::Acknowledged => "acknowledged",
            Status::Investigating => "being investigated",
            Status::OutcomeGiven => "at the outcome stage",
            Status::Closed => "closed",
        }
    }

    /// The status after `action`, or why the action is not possible from here.
    ///
    /// # Errors
    /// A [`TransitionError`] for every move not in the table at the top of this module.
    pub fn apply(self, action: Transition) -> Result<Status, TransitionError> {
        use Status as S;
        use Transition as T;
        match (self, action) {
            (S::Raised, T::Acknowledge) => Ok(S::Acknowledged),
            (S::Raised | S::Acknowledged, T::Investigate)
            | (S::OutcomeGiven | S::Closed, T::Reopen) => Ok(S::Investigating),
            (S::Acknowledged | S::Investigating, T::GiveOutcome) => Ok(S::OutcomeGiven),
            (S::OutcomeGiven, T::Close) => Ok(S::Closed),
            _ => Err(TransitionError {
                from: self.as_state(),
                verb: action.past_participle(),
            }),
        }
    }

    /// What a handler may do next, in the order of [`Transition::ALL`].
    #[must_use]
    pub fn allowed(self) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| self.apply(*t).is_ok())
            .collect()
    }

    /// Whether the case is still open (everything but [`Status::Closed`]).
    #[must_use]
    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

/// Something a handler does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    Acknowledge,
    Investigate,
    GiveOutcome,
    Close,
    Reopen,
}

impl Transition {
    /// Every transition, in the order buttons are shown.
    pub const ALL: [Transition; 5] = [
        Transition::Acknowledge,
        Transition::Investigate,
        Transition::GiveOutcome,
        Transition::Close,
        Transition::Reopen,
    ];

    /// The stable id used in forms and the audit log.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Transition::Acknowledge => "acknowledge",
            Transition::Investigate => "investigate",
            Transition::GiveOutcome => "give-outcome",
            Transition::Close => "close",
            Transition::Reopen => "reopen",
        }
    }

    /// The transition with this id, if any.
    #[must_use]
    pub fn from_id(s: &str) -> Option<Transition> {
        Transition::ALL.into_iter().find(|t| t.id() == s)
    }

    /// The button text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Transition::Acknowledge => "Acknowledge",
            Transition::Investigate => "Start investigating",
            Transition::GiveOutcome => "Give the outcome",
            Transition::Close => "Close the case",
            Transition::Reopen => "Reopen",
        }
    }

    /// How the action reads after "cannot be ...", for error messages.
    fn past_participle(self) -> &'static str {
        match self {
            Transition::Acknowledge => "acknowledged",
            Transition::Investigate => "investigated",
            Transition::GiveOutcome => "given an outcome",
            Transition::Close => "closed",
            Transition::Reopen => "reopened",
        }
    }
}

/// A move the state machine does not allow, e.g. "a case that is closed cannot be
/// acknowledged".
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a case that is {from} cannot be {verb}")]
pub struct TransitionError {
    /// The current status, as it reads after "a case that is".
    pub from: &'static str,
    /// The attempted action, as it reads after "cannot be".
    pub verb: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status as S;
    use Transition as T;

    #[test]
    fn the_allowed_moves_are_exactly_the_table() {
        let expected = [
            (S::Raised, T::Acknowledge, S::Acknowledged),
            (S::Raised, T::Investigate, S::Investigating),
            (S::Acknowledged, T::Investigate, S::Investigating),
            (S::Acknowledged, T::GiveOutcome, S::OutcomeGiven),
            (S::Investigating, T::GiveOutcome, S::OutcomeGiven),
            (S::OutcomeGiven, T::Close, S::Closed),
            (S::OutcomeGiven, T::Reopen, S::Investigating),
            (S::Closed, T::Reopen, S::Investigating),
        ];
        for from in Status::ALL {
            for t in Transition::ALL {
                let want = expected
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == t)
                    .map(|(_, _, to)| *to);
                assert_eq!(from.apply(t).ok(), want, "{from:?} --{t:?}-->");
            }
        }
    }

    #[test]
    fn allowed_lists_what_apply_accepts_in_button_order() {
        assert_eq!(S::Raised.allowed(), vec![T::Acknowledge, T::Investigate]);
        assert_eq!(
            S::Acknowledged.allowed(),
            vec![T::Investigate, T::GiveOutcome]
        );
        assert_eq!(S::Investigating.allowed(), vec![T::GiveOutcome]);
        assert_eq!(S::OutcomeGiven.allowed(), vec![T::Close, T::Reopen]);
        assert_eq!(S::Closed.allowed(), vec![T::Reopen]);
    }

    #[test]
    fn errors_read_as_sentences() {
        let e = S::Closed.apply(T::Acknowledge).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a case that is closed cannot be acknowledged"
        );
        assert_eq!(
            S::Investigating.apply(T::Reopen).unwrap_err().to_string(),
            "a case that is being investigated cannot be reopened"
        );
        assert_eq!(
            S::Raised.apply(T::GiveOutcome).unwrap_err().to_string(),
            "a case that is newly raised cannot be given an outcome"
        );
        assert_eq!(
            S::OutcomeGiven
                .apply(T::Investigate)
                .unwrap_err()
                .to_string(),
            "a case that is at the outcome stage cannot be investigated"
        );
    }

    #[test]
    fn only_closed_is_not_open() {
        for s in Status::ALL {
            assert_eq!(s.is_open(), s != S::Closed, "{s:?}");
        }
    }

    #[test]
    fn ids_round_trip_and_labels_are_the_agreed_words() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(s));
        }
        for t in Transition::ALL {
            assert_eq!(Transition::from_id(t.id()), Some(t));
        }
        assert_eq!(S::OutcomeGiven.id(), "outcome-given");
        assert_eq!(S::Investigating.label(), "Being investigated");
        assert_eq!(T::GiveOutcome.id(), "give-outcome");
        assert_eq!(T::Investigate.label(), "Start investigating");
        assert_eq!(Status::from_id("Closed"), None);
        assert_eq!(Transition::from_id("give_outcome"), None);
    }

    #[test]
    fn statuses_are_ordered_by_progress() {
        assert!(S::Raised < S::Acknowledged);
        assert!(S::Acknowledged < S::Investigating);
        assert!(S::Investigating < S::OutcomeGiven);
        assert!(S::OutcomeGiven < S::Closed);
    }
}
