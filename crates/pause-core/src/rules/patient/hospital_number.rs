//! `hospital-number`: hospital numbers, MRNs and unit numbers in context.

use std::sync::LazyLock;

use regex::Regex;

use super::digits::spelled_runs;
use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "hospital-number",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Remove the number; share patient identifiers only through secure clinical systems.",
    docs: RuleDocs {
        what: "A hospital number, medical record number (MRN), unit or case-note number introduced as such (\"hosp no RM204518\", \"MRN: 00482913\").",
        why: "A hospital number points straight at one patient's records. Anyone with access to the hospital's systems, or anyone the patient has shared it with, can tell who it is.",
        example: "Bloods for hosp no RM204518 still not back, third time asking",
        rewrite: "A set of bloods still not back, third time asking",
        false_positives: "Numbers not introduced by a hospital-number phrase are left to the other rules.",
    },
    check,
};

static HOSP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:hosp(?:ital)?\.?\s*(?:no|num|number|#)|mrn|m\.r\.n|medical record (?:no|number)|unit (?:nos?|numbers?)|case ?notes? (?:no|number)|k number|rm number|hospital id|patient id|pt id|pas (?:no|number))\.?\s*[:#=-]?\s*(?:is\s+)?((?:[A-Za-z]\s?){0,3}[\s-]?[0-9Oo][0-9Oo\s-]{4,12}[0-9Oo])").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    if !d.has(Lex::HospitalNumberAnchor) {
        return;
    }
    // Spelled out after the anchor: "MRN zero zero four eight two nine one three".
    for h in d.hits_of(Lex::HospitalNumberAnchor) {
        let Some((_, (s, e))) = spelled_runs(d.lower_after(h.end, 120), 6)
            .into_iter()
            .next()
            .filter(|(_, (s, _))| {
                d.lower_after(h.end, *s)
                    .trim_matches([' ', ':', '.', '#', '-'])
                    .is_empty()
                    || d.lower_after(h.end, *s).trim() == "is"
            })
        else {
            continue;
        };
        let mut f = rule.finding(
            d,
            h.end + s,
            h.end + e,
            "This looks like a patient's hospital number, spelled out.".into(),
        );
        f.replacement = Some("[hospital number]");
        out.push(f);
        return;
    }
    if !d.has_digit {
        return;
    }
    for c in HOSP.captures_iter(cased) {
        if let Some(m) = c.get(1) {
            let mut f = rule.finding(
                d,
                m.start(),
                m.end(),
                "This looks like a patient's hospital number.".into(),
            );
            f.replacement = Some("[hospital number]");
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "hospital-number";

    #[test]
    fn flags_hospital_numbers_in_context() {
        assert_span("Bloods for hosp no RM204518 still not back", R, "RM204518");
        assert_flags("MRN: 00482913 needs a review", R);
        assert_flags("hospital number K1O45678 on the board", R);
    }

    #[test]
    fn spaced_letters_and_spelled_digits_are_read() {
        assert_flags(
            "re-screen the warfarin for hosp no. R M 2 0 4 5 1 8 on AMU",
            R,
        );
        assert_flags(
            "can you look at M.R.N zero zero four eight two nine one three",
            R,
        );
        assert_clean("MRN? one or two of us know what that means", R);
    }

    #[test]
    fn ignores_other_numbers() {
        assert_clean("Room 204518 is the seminar room", R);
        assert_clean("GPhC number 2045181", R);
    }

    #[test]
    fn redacts() {
        assert_redacts("MRN 00482913 please", "MRN [hospital number] please");
    }
}
