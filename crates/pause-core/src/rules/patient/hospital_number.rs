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
        what: "A hospital number, medical record number (MRN), unit or case-note number introduced as such (\"hosp no RM204518\", \"MRN: 00482913\"), written after a trust's three-character code (\"RTX 556210\") near a patient or the word number, or standing alone in the shape most hospital systems give, one or two capital letters and six to eight digits (\"chase the CT for K4478812\").",
        why: "A hospital number points straight at one patient's records. Anyone with access to the hospital's systems, or anyone the patient has shared it with, can tell who it is.",
        example: "Bloods for hosp no RM204518 still not back, third time asking",
        rewrite: "A set of bloods still not back, third time asking",
        false_positives: "A code of letters and digits that a word near it calls something else (a batch, lot, order, Datix, parkrun barcode or job reference) is left alone; other numbers not introduced by a hospital-number phrase are left to the other rules.",
    },
    check,
};

static HOSP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:hosp(?:ital)?\.?\s*(?:no|num|number|#)|mrn|m\.r\.n|medical record (?:no|number)|unit (?:nos?|numbers?)|case ?notes? (?:no|number)|k number|rm number|hospital id|patient id|pt id|pas (?:no|number))\.?\s*[:#=-]?\s*(?:is\s+)?((?:[A-Za-z]\s?){0,3}[\s-]?[0-9Oo][0-9Oo\s-]{4,12}[0-9Oo])").expect("valid regex")
});

/// A local hospital number written after the trust's three-character code ("RTX 556210"):
/// English trust codes are R and two letters or digits.
static TRUST_PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(R[A-Z][A-Z0-9][\s-]?[0-9]{6,7})(?-u:\b)").expect("valid regex")
});

/// A hospital-number finding over the normalised span `start..end`, redacted as one.
fn number_finding(
    d: &Draft<'_>,
    rule: &'static Rule,
    start: usize,
    end: usize,
    message: &str,
) -> Finding {
    let mut f = rule.finding(d, start, end, message.into());
    f.replacement = Some("[hospital number]");
    f
}

fn check_trust_prefixed(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for c in TRUST_PREFIXED.captures_iter(d.cased()) {
        let Some(m) = c.get(1) else { continue };
        // A patient's number: said to be a number, or with a patient near it.
        let named = crate::any_of!(
            d.lower_before(m.start(), 40),
            ["number", " no", "no.", "num"]
        );
        // Or a test asked for or reported on it: "RTH 4471203 - who vetted this CT KUB request?"
        let around = format!(
            "{} {}",
            d.lower_before(m.start(), 60),
            d.lower_after(m.end(), 100)
        );
        let test = crate::any_of!(
            &around,
            [
                "scan",
                " ct ",
                "mri",
                "x-ray",
                "xray",
                "request",
                "bloods",
                "creatinine",
                "egfr",
                "referral",
                "vetted",
                "vetting",
                "results",
                "reported"
            ]
        );
        if named || test || super::patient_context(d, m.start(), m.end()) {
            out.push(number_finding(
                d,
                rule,
                m.start(),
                m.end(),
                "This looks like a patient's hospital number, after the trust's code.",
            ));
        }
    }
}

/// A bare local hospital number: one or two capital letters and six to eight digits
/// ("K0748213", "RH0087612"), the shape most trusts' patient administration systems give.
static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)([A-Z]{1,2}[0-9]{6,8})(?-u:\b)").expect("valid regex"));

/// Staff write a patient's hospital number on its own where they would write a name ("can
/// someone chase the CT for K4478812", "notes for SV0482913 have gone walkabout"). Of the 278
/// labelled posts with one, 276 carry a patient; the other two said it was a batch number. So
/// it is flagged unless a word near it says what else it is (a batch, an order, an incident, a
/// registration; `number_not_patient.toml`).
fn check_bare(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for c in BARE.captures_iter(d.cased()) {
        let Some(m) = c.get(1) else { continue };
        if d.near(Lex::NumberNotPatient, m.start(), m.end(), 40)
            .is_some()
        {
            continue;
        }
        let f = number_finding(
            d,
            rule,
            m.start(),
            m.end(),
            "This looks like a patient's hospital number.",
        );
        // Already found after its trust's code or a "hosp no" (both spans in the original).
        if !out
            .iter()
            .any(|g| g.rule == rule.id && g.start < f.end && f.start < g.end)
        {
            out.push(f);
        }
    }
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Both shapes hold a run of six digits or more.
    let coded = d.has_upper && d.digits >= 6 && d.longest_digit_run() >= 6;
    if coded {
        check_trust_prefixed(d, rule, out);
    }
    check_anchored(d, rule, out);
    if coded {
        check_bare(d, rule, out);
    }
}

/// Numbers introduced as hospital numbers ("MRN: 00482913"), in digits or spelled out.
fn check_anchored(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
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
        out.push(number_finding(
            d,
            rule,
            h.end + s,
            h.end + e,
            "This looks like a patient's hospital number, spelled out.",
        ));
        return;
    }
    if !d.has_digit() {
        return;
    }
    for c in HOSP.captures_iter(cased) {
        if let Some(m) = c.get(1) {
            out.push(number_finding(
                d,
                rule,
                m.start(),
                m.end(),
                "This looks like a patient's hospital number.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "hospital-number";

    #[test]
    fn a_trust_prefixed_number_on_a_test_request_is_flagged() {
        assert_flags(
            "RTH 4471203 - who on earth vetted this? Third time this CT KUB request has come back",
            R,
        );
    }

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
    fn flags_numbers_after_a_trust_code() {
        assert_span(
            "Got the RTX number for the lad in resus: RTX 556210. Family on their way.",
            R,
            "RTX 556210",
        );
        assert_flags("pt RM1 2045189 needs a TTO", R);
        assert_clean("Our team moved to room RB2 556210 last year", R);
        assert_clean("Ordered a RTX 4090 graphics card", R);
    }

    #[test]
    fn a_bare_hospital_number_is_flagged() {
        assert_span(
            "Whoever keeps sending K0748213 down to theatre reception without a signed consent form, I will find you",
            R,
            "K0748213",
        );
        assert_flags("can someone on nights chase the CT for RH4478812 please", R);
        // Said once, not twice, when a "hosp no" introduces it, also where hidden characters
        // shift the normalised text against the original.
        assert_eq!(findings("hosp no K0748213 needs a TTO", R).len(), 1);
        assert_eq!(
            findings("pt\u{200b}\u{200b} hosp no K0748213 needs a TTO", R).len(),
            1
        );
    }

    #[test]
    fn a_bare_code_said_to_be_something_else_is_not() {
        assert_clean(
            "Recall: lot K0748213 of the insulin pens, check your stock",
            R,
        );
        assert_clean("Datix W1234567 submitted, again", R);
        assert_clean("My parkrun barcode is A4471902, finally a PB", R);
        assert_clean("Applied for the band 6! Job ref C9371234, wish me luck", R);
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
