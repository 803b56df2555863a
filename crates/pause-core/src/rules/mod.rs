//! The rule registry: every rule, in one table.
//!
//! One rule, one file, under the folder of its category. Each file defines a `pub static RULE`
//! with its metadata and docs (the source of `pause rules`, `pause explain` and
//! `docs/rules.md`), its matcher, and its unit tests.

use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::{Hit, Lex};

pub mod boundaries;
pub mod bullying;
pub mod confidential;
pub mod defamation;
pub mod heat;
pub mod learned;
pub mod patient;
pub mod reputation;

#[cfg(test)]
pub(crate) mod testing;

/// A rule's documentation, in fixed sections (after ruff).
#[derive(Debug)]
pub struct RuleDocs {
    /// What it flags.
    pub what: &'static str,
    /// Why it matters: shown with every finding.
    pub why: &'static str,
    /// A draft it flags.
    pub example: &'static str,
    /// How to rewrite that draft.
    pub rewrite: &'static str,
    /// What it deliberately does not flag, and known false positives.
    pub false_positives: &'static str,
}

/// A rule.
#[derive(Debug)]
pub struct Rule {
    /// Kebab-case id, e.g. `nhs-number`.
    pub id: &'static str,
    pub category: Category,
    /// The default severity (a policy may override it).
    pub severity: Severity,
    /// The policy clause it enforces (see [`crate::clauses`]).
    pub policy: &'static str,
    /// What to do instead, unless the rule says something more specific.
    pub suggestion: &'static str,
    pub docs: RuleDocs,
    /// Finds this rule's risks in a draft.
    pub check: fn(&Draft<'_>, &'static Rule, &mut Vec<Finding>),
}

impl Rule {
    /// A finding of this rule over the normalised span `start..end`.
    #[must_use]
    pub fn finding(
        &'static self,
        draft: &Draft<'_>,
        start: usize,
        end: usize,
        message: String,
    ) -> Finding {
        let (s, e) = draft.original_span(start, end);
        Finding {
            rule: self.id,
            category: self.category,
            severity: self.severity,
            start: s,
            end: e,
            message,
            why: self.docs.why,
            policy: self.policy,
            suggestion: self.suggestion.to_string(),
            replacement: None,
            concern: false,
        }
    }

    /// A finding over the normalised span `start..end`, with the original words put in place of
    /// `{}` in the message.
    #[must_use]
    pub fn finding_quoting(
        &'static self,
        draft: &Draft<'_>,
        start: usize,
        end: usize,
        message: &str,
    ) -> Finding {
        let quoted = draft.original_text(start, end);
        self.finding(draft, start, end, message.replace("{}", quoted))
    }

    /// A finding over a lexicon hit, quoting the original words in the message.
    #[must_use]
    pub fn finding_at_hit(&'static self, draft: &Draft<'_>, hit: &Hit, message: &str) -> Finding {
        self.finding_quoting(draft, hit.start, hit.end, message)
    }
}

/// Flags every hit of `lex` that `keep` accepts, once per distinct span.
pub fn flag_hits(
    draft: &Draft<'_>,
    rule: &'static Rule,
    lex: Lex,
    message: &str,
    out: &mut Vec<Finding>,
    keep: impl Fn(&Hit) -> bool,
) {
    for h in draft.hits_of(lex) {
        if keep(h) {
            out.push(rule.finding_at_hit(draft, h, message));
        }
    }
}

/// The first hit of `lex` that `keep` accepts, flagged at the rule's severity.
pub fn flag_first(
    draft: &Draft<'_>,
    rule: &'static Rule,
    lex: Lex,
    message: &str,
    out: &mut Vec<Finding>,
    keep: impl Fn(&Hit) -> bool,
) -> bool {
    if let Some(h) = draft.hits_of(lex).find(|h| keep(h)) {
        out.push(rule.finding_at_hit(draft, h, message));
        true
    } else {
        false
    }
}

macro_rules! registry {
    ($($path:path,)*) => {
        /// Every rule, in the order `pause rules` lists them.
        pub static RULES: &[&Rule] = &[$(&$path,)*];
    };
}

registry! {
    patient::nhs_number::RULE,
    patient::hospital_number::RULE,
    patient::date_of_birth::RULE,
    patient::patient_name::RULE,
    patient::patient_contact::RULE,
    patient::patient_address::RULE,
    patient::jigsaw::RULE,
    patient::clinical_photo::RULE,
    patient::colleague_health::RULE,
    patient::medicine_waiting::RULE,
    confidential::embargoed_news::RULE,
    confidential::internal_documents::RULE,
    confidential::incident_investigation::RULE,
    confidential::commercial_pricing::RULE,
    confidential::unpublished_research::RULE,
    confidential::credentials::RULE,
    confidential::confidential_term::RULE,
    reputation::employer_criticism::RULE,
    reputation::leader_accused::RULE,
    reputation::leaked_bad_news::RULE,
    defamation::accusation::RULE,
    bullying::insult::RULE,
    bullying::threat::RULE,
    bullying::discrimination::RULE,
    bullying::shaming::RULE,
    bullying::pile_on::RULE,
    heat::shouting::RULE,
    heat::exclamation::RULE,
    heat::swearing::RULE,
    heat::anger::RULE,
    heat::despair::RULE,
    heat::dont_care::RULE,
    heat::drinking::RULE,
    heat::late_night::RULE,
    boundaries::clinical_advice::RULE,
    boundaries::offering_medicines::RULE,
    boundaries::endorsement::RULE,
    boundaries::patient_relationship::RULE,
    boundaries::intoxication::RULE,
    boundaries::anti_public_health::RULE,
    boundaries::disparaging_patients::RULE,
    boundaries::sick_leave::RULE,
    boundaries::gifts::RULE,
    learned::PATIENT,
    learned::CONFIDENTIAL,
    learned::REPUTATION,
    learned::DEFAMATION,
    learned::BULLYING,
    learned::HEAT,
    learned::BOUNDARIES,
}

/// The rule with this id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                r.id
            );
            for (name, text) in [
                ("what", r.docs.what),
                ("why", r.docs.why),
                ("example", r.docs.example),
                ("rewrite", r.docs.rewrite),
                ("false_positives", r.docs.false_positives),
                ("suggestion", r.suggestion),
            ] {
                assert!(!text.trim().is_empty(), "{} lacks {name}", r.id);
            }
            assert!(r.policy.starts_with('R'), "{} cites no clause", r.id);
        }
    }

    #[test]
    fn every_rule_flags_its_own_example_and_not_its_rewrite() {
        let engine = crate::Engine::new(&crate::Policy::example()).unwrap();
        for r in RULES {
            // Examples are checked as if posted at 03:12, so the late-night rule has a time.
            let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T03:12:00Z").ok();
            let flagged = engine.check(r.docs.example, at);
            // A learned rule speaks only when no rule of its category did: its example must be
            // flagged in its category, by it or by a rule.
            let hit = if r.id.starts_with("learned-") {
                flagged
                    .findings
                    .iter()
                    .any(|f| f.category == r.category && f.severity >= Severity::Medium)
            } else {
                flagged.findings.iter().any(|f| f.rule == r.id)
            };
            assert!(
                hit,
                "{}: its docs example is not flagged: {:?}",
                r.id, r.docs.example
            );
            let rewritten = engine.check(r.docs.rewrite, None);
            assert!(
                !rewritten
                    .findings
                    .iter()
                    .any(|f| f.rule == r.id && f.severity >= Severity::Medium),
                "{}: its suggested rewrite is still flagged: {:?}",
                r.id,
                r.docs.rewrite
            );
        }
    }

    #[test]
    fn every_category_has_rules() {
        for c in Category::ALL {
            assert!(RULES.iter().any(|r| r.category == c), "{c} has no rules");
        }
    }
}
