//! `organisation-reputation`: the employer linked to negative claims.

pub mod employer_criticism;
pub mod leader_accused;
pub mod leaked_bad_news;

use crate::finding::{Category, Finding, Severity};

/// Whether a reputation rule registered earlier already flags the post: the later ones stand
/// aside, so one claim gets one finding.
fn already_told(out: &[Finding]) -> bool {
    out.iter()
        .any(|f| f.category == Category::OrganisationReputation && f.severity >= Severity::Medium)
}
