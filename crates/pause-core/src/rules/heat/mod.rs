//! `heat-of-the-moment`: signs of posting in anger or distress.

pub mod anger;
pub mod despair;
pub mod dont_care;
pub mod drinking;
pub mod exclamation;
pub mod late_night;
pub mod shouting;
pub mod swearing;
