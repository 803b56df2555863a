//! `organisation-reputation`: the employer linked to negative claims.

pub mod employer_criticism;
pub mod leader_accused;
pub mod leaked_bad_news;
