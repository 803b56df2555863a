//! Request handlers, one module per area of the service.

pub mod api;
pub mod compose;
pub mod concerns;
pub mod guidance;
pub mod health;
pub mod insight;
pub mod org;
pub mod oversight;
pub mod policy;
pub mod session;
pub mod training;
