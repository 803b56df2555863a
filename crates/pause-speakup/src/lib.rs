//! # pause-speakup (work in progress)

#![forbid(unsafe_code)]

pub mod audit;
pub mod calendar;
pub mod category;
pub mod config;
pub mod due;
pub mod keys;
pub mod receipt;
pub mod span;
pub mod status;

pub use audit::{verify_chain, AuditEntry, ChainError, GENESIS};
pub use calendar::Calendar;
pub use category::{financial_quarter, quarter_bounds, quarter_label, Category, NgoTheme};
pub use config::{ConfigError, Deadlines, SpeakUpConfig};
pub use due::{next_due, DueKind};
pub use keys::{KeyError, Keys, SealError};
pub use receipt::{format_receipt, new_receipt, normalise_receipt};
pub use span::{Span, SpanError};
pub use status::{Status, Transition, TransitionError};
