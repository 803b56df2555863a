//! `organisation-reputation`: the employer linked to negative claims.

pub mod employer_criticism;
