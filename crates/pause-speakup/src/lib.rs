//! # pause-speakup: the pure logic of the "speak up" workflow
//!
//! A member of NHS staff raises a concern (about patient safety, their own safety, staffing,
//! bullying, behaviour) inside their organisation; it is acknowledged, investigated and
//! answered up a management chain against deadlines. The service stores cases in SQL and asks
//! this crate everything that is not storage: which moves a case may make, when the next step
//! is overdue, what the organisation's settings are, how text is sealed at rest, what a
//! receipt code is, whether the audit log is intact, and whether an organisation chart can be
//! imported.
//!
//! ```
//! use pause_speakup::{next_due, Category, DueKind, Keys, SpeakUpConfig, Status, Transition};
//!
//! let cfg = SpeakUpConfig::parse("[deadlines.patient-safety]\nacknowledge = \"1 working day\"").unwrap();
//! // Raised on Friday 13 March 2026 at 18:30 in London (GMT): Monday counts, so the
//! // acknowledgement is overdue from midnight at the end of Monday 16 March.
//! let raised = 1_773_426_600;
//! let (kind, overdue) =
//!     next_due(&cfg, Category::PatientSafety, Status::Raised, false, raised).unwrap();
//! assert_eq!(kind, DueKind::Acknowledge);
//! assert_eq!(cfg.calendar.local_date(overdue).to_string(), "2026-03-17");
//!
//! let status = Status::Raised.apply(Transition::Acknowledge).unwrap();
//! assert!(Status::Closed.apply(Transition::Acknowledge).is_err());
//! assert_eq!(status, Status::Acknowledged);
//!
//! let keys = Keys::parse(&Keys::generate()).unwrap();
//! let sealed = keys.seal_str("case.text", "Two nurses for 28 beds on nights");
//! assert_eq!(keys.open_string("case.text", &sealed).unwrap(), "Two nurses for 28 beds on nights");
//! assert!(keys.open_string("reply.text", &sealed).is_err());
//! ```
//!
//! ## Decisions
//! * **Pure.** No I/O, no database, no async, no clock: the caller passes "now" and stored
//!   values in, so every rule is tested here with fixed instants. Randomness (keys, nonces,
//!   receipt codes) is the one thing taken from the operating system.
//! * **Deadlines are local calendar days.** Staff read "within 2 working days" by the calendar
//!   on the wall, so a deadline is a local midnight in the organisation's time zone (via
//!   chrono-tz, correct across GMT/BST), the day something starts never counts (a concern
//!   raised at 23:59 gets the same time as one raised at 08:00), and weekends and bank
//!   holidays are skipped. The England and Wales bank holidays for 2024-2030 ship as a data
//!   file, checked by a test against the rules that produce them.
//! * **One state machine table.** [`Status::apply`] is the only place moves are decided;
//!   [`Status::allowed`] is derived from it, so the buttons offered and the moves accepted
//!   cannot disagree.
//! * **Settings fail loudly.** Unknown keys are errors and every error names the key, line
//!   and column, because a typo in a deadline must not silently become the default. A
//!   category table may give only some deadlines; the rest come from the built-in value for
//!   that category (patient safety is acknowledged within 2 working days), then from
//!   `[deadlines.default]`.
//! * **A copied database reveals little.** Concern text is sealed with XChaCha20-Poly1305
//!   (random 192-bit nonces need no counter in the database) with the field name as associated
//!   data, so sealed values cannot be swapped between fields. Receipt codes and raiser
//!   accounts are stored only as keyed blind indexes (HMAC-SHA256), which a copy cannot
//!   reverse by guessing. All three uses derive their own sub-key from one master key.
//! * **Tamper-evident audit.** The audit log is a hash chain keyed with the audit sub-key:
//!   altering, removing or reordering entries breaks it, and checking it against the head
//!   the database records shows a truncated tail.
//! * **Imports say everything at once.** The organisation chart check collects up to 20
//!   problems, each with its CSV line, so a spreadsheet is fixed in one pass.
//! * **No panics on input.** Malformed settings, keys, sealed values, CSV files and absurd
//!   timestamps are errors or clamped; the only panics documented are a failing operating
//!   system random number generator and plaintexts over 256 GiB.

#![forbid(unsafe_code)]

pub mod audit;
pub mod calendar;
pub mod category;
pub mod config;
pub mod due;
pub mod keys;
pub mod orgchart;
pub mod receipt;
pub mod span;
pub mod status;

pub use audit::{verify_chain, AuditEntry, ChainError, GENESIS};
pub use calendar::Calendar;
pub use category::{financial_quarter, quarter_bounds, quarter_label, Category, NgoTheme};
pub use config::{ConfigError, Deadlines, SpeakUpConfig};
pub use due::{next_due, DueKind};
pub use keys::{KeyError, Keys, SealError};
pub use orgchart::{parse_org_csv, OrgError, OrgErrors, OrgRow};
pub use receipt::{format_receipt, new_receipt, normalise_receipt};
pub use span::{Span, SpanError};
pub use status::{Status, Transition, TransitionError};
