//! # pause-speakup (work in progress)

#![forbid(unsafe_code)]

pub mod category;
pub mod status;

pub use category::{financial_quarter, quarter_bounds, quarter_label, Category, NgoTheme};
pub use status::{Status, Transition, TransitionError};
