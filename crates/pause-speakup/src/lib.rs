//! # pause-speakup (work in progress)

#![forbid(unsafe_code)]

pub mod calendar;
pub mod category;
pub mod config;
pub mod due;
pub mod span;
pub mod status;

pub use calendar::Calendar;
pub use category::{financial_quarter, quarter_bounds, quarter_label, Category, NgoTheme};
pub use config::{ConfigError, Deadlines, SpeakUpConfig};
pub use due::{next_due, DueKind};
pub use span::{Span, SpanError};
pub use status::{Status, Transition, TransitionError};
