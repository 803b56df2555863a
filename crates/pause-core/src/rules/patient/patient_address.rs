//! `patient-address`: home addresses and postcodes in a patient's context.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "patient-address",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Remove the address or postcode; a full postcode covers only a handful of homes.",
    docs: RuleDocs {
        what: "A full UK postcode or a street address (\"14 Acacia Avenue\") near words that make it a patient's home. Without patient context it is a low reminder.",
        why: "A full postcode covers about fifteen homes; with anything else about a patient, it identifies them and tells people where they live.",
        example: "Delivered meds to a patient at 14 Acacia Avenue, M14 5TQ, poor lady lives alone",
        rewrite: "Delivered meds to a patient who lives alone; home deliveries matter",
        false_positives: "Addresses said to be a venue (a hub, a clinic, a conference, an event) get a low reminder only. Any other street address or full postcode pauses the post even with no clinical word beside it: on staff posts, a home address is nearly always a patient's.",
    },
    check,
};

static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}(?-u:\b)").expect("valid regex")
});

static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z']+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Grove|Terrace|Gardens|Court|Place|Mews|Row|Square|Hill|Walk|View|Park|Rise)(?-u:\b)|(?-u:\b)\d{1,4}[a-z]?,?\s+(?:Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Maes|Cwrt|Clos)\s+(?:(?:y|yr|[A-Z][a-z']+)\s+)?[A-Z][a-z']+").expect("valid regex")
});

/// A street with its postcode district, no house number: "Railton Road SE24", "Cedar Road, Sale
/// M33". A street in a district narrows a home to a few dozen doors.
static STREET_DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[A-Z][a-z']+\s+){1,2}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Grove|Terrace|Gardens|Court|Place|Mews|Row|Square|Walk|Rise),?\s+(?:[A-Z][a-z]+,?\s+)?(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUW]?)(?-u:\b)").expect("valid regex")
});

/// A street named without its number ("the gentleman on Trewidden Lane", "the bungalow on
/// Gipsy Lane"), looked for only beside a key safe: a key safe's code with the street tells
/// anyone which door it opens.
static STREET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:on|off|in|at) ((?:[A-Z][a-z']+\s+){1,2}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Grove|Terrace|Gardens|Court|Mews|Row|Walk|Rise|Vale))(?-u:\b)")
        .expect("valid regex")
});

/// A titled name straight before an address: "Mr Okonjo from ", "Mrs Ellis, ".
static TITLED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?(?:,\s*|\s+(?:from|of|at|lives at)\s+)$")
        .expect("valid regex")
});

/// Whether the digit at `k` can end the house number of [`STREET`]: an optional letter and
/// comma, whitespace, then a capital ("14 Plymouth", "3a, Heol"). Bytes outside ASCII are let
/// through as possible whitespace, so the gate never hides a match.
fn number_then_capital(b: &[u8], k: usize) -> bool {
    let mut j = k + 1;
    if b.get(j).is_some_and(u8::is_ascii_lowercase) {
        j += 1;
    }
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    let ws = j;
    while b
        .get(j)
        .is_some_and(|&c| c.is_ascii_whitespace() || c >= 0x80)
    {
        j += 1;
    }
    j > ws && b.get(j).is_some_and(u8::is_ascii_uppercase)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    if !d.has_digit() {
        return;
    }
    let b = cased.as_bytes();
    // One pass over the digits for the three gates: a digit then two letters (a postcode's
    // inward part), a capital then a digit (a postcode district), and a number then a
    // capitalised word (a house number and its street).
    let (mut postcodeish, mut district, mut numbered) = (false, false, false);
    for k in (0..b.len()).filter(|&k| b[k].is_ascii_digit()) {
        postcodeish |=
            k + 2 < b.len() && b[k + 1].is_ascii_alphabetic() && b[k + 2].is_ascii_alphabetic();
        district |= k > 0 && b[k - 1].is_ascii_uppercase();
        numbered |= number_then_capital(b, k);
    }
    let streetish = d.has_upper;
    let up = if postcodeish {
        cased.to_ascii_uppercase()
    } else {
        String::new()
    };
    let mut spans: Vec<(usize, usize, &str, &'static str)> = Vec::new();
    for m in POSTCODE.find_iter(&up) {
        // Lowercase postcodes count only when written with a space ("m14 5tq").
        let orig = &cased[m.start()..m.end()];
        if orig.chars().any(|c| c.is_ascii_uppercase()) || orig.contains(' ') {
            spans.push((m.start(), m.end(), "postcode", "[postcode]"));
        }
    }
    for m in (streetish && numbered)
        .then(|| STREET.find_iter(cased))
        .into_iter()
        .flatten()
    {
        spans.push((m.start(), m.end(), "street address", "[address]"));
    }
    // A postcode district is a capital straight before a digit ("SE24", "M33").
    let districtish = streetish && district;
    for m in (districtish)
        .then(|| STREET_DISTRICT.find_iter(cased))
        .into_iter()
        .flatten()
    {
        // A full postcode after the street is already a span of its own.
        let full = spans
            .iter()
            .any(|&(s, e, _, _)| s < m.end() && m.start() < e);
        if !full {
            spans.push((m.start(), m.end(), "street address", "[address]"));
        }
    }
    // "Key safe for the gentleman on Trewidden Lane is 2580": a home's street beside its code,
    // unless the key safe is a workplace's ("the community team base on Marsh Lane").
    if streetish
        && spans.is_empty()
        && crate::lower_has_any!(d, ["key safe", "keysafe", "key box", "keybox"])
    {
        if let Some(m) = STREET_NAME
            .captures_iter(cased)
            .filter_map(|c| c.get(1))
            .find(|m| !venue(d, m.start()) && !d.lower_before(m.start(), 40).contains("base"))
        {
            spans.push((m.start(), m.end(), "street address", "[address]"));
        }
    }
    for (s, e, what, rep) in spans {
        let mut f = rule.finding(d, s, e, format!("A {what} in a patient's context."));
        // "Mr Okonjo from 14 Mill Lane": a named person's home.
        let from = (s.saturating_sub(64)..=s)
            .find(|&i| cased.is_char_boundary(i))
            .unwrap_or(s);
        let named = cased
            .get(from..s)
            .is_some_and(|before| TITLED_BEFORE.is_match(before));
        // A home address is rarely posted except a patient's, so it pauses the post even with no
        // word of care beside it; only a venue said to be one ("the recovery hub has moved to 3
        // Market Street", "conference at Manchester Central, M2 3GX") is a reminder.
        if !named && venue(d, s) {
            f.severity = Severity::Low;
            f.message = format!("A {what}: make sure it is not someone's home.");
        } else if !named && !super::patient_context(d, s, e) {
            f.severity = Severity::Medium;
            f.message = format!("A {what}: make sure it is not someone's home.");
        }
        f.replacement = Some(rep);
        out.push(f);
    }
}

/// Whether the words just before an address say it is a venue: a hub, a clinic, a conference,
/// an event, somewhere that opens or has moved.
fn venue(d: &Draft<'_>, start: usize) -> bool {
    const VENUE: &[&str] = &[
        "hub",
        "centre",
        "center",
        "clinic",
        "venue",
        "conference",
        "opens",
        "open on",
        "opening",
        "moved to",
        "moving to",
        "held at",
        "event",
        "office",
        "our new",
        "located",
        "find us",
        "based at",
        "meet at",
        "meeting at",
        "join us",
        "drop-in",
        "drop in",
        "stall",
        "library",
        "hall",
        "hq",
        "campus",
        "hospital",
        "surgery",
        "practice",
        "site",
    ];
    let before = d.lower_before(start, 64);
    VENUE.iter().any(|v| before.contains(v))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "patient-address";

    #[test]
    fn a_key_safe_beside_a_homes_street_is_an_address_but_a_bases_is_not() {
        assert_flags(
            "Key safe for the gentleman on Trewidden Lane is 2580 if anyone's covering tonight x",
            R,
        );
        assert_clean(
            "Keysafe for the community team base on Marsh Lane is 7734 if any of the new starters get locked out again",
            R,
        );
        // A street with no key safe beside it is left alone.
        assert_clean(
            "Lovely walk down Trewidden Lane this morning before my shift",
            R,
        );
    }

    #[test]
    fn flags_patients_postcodes_and_addresses() {
        assert_span("Home visit to a patient in M14 5TQ today", R, "M14 5TQ");
        assert_flags(
            "Delivered meds to a patient at 14 Acacia Avenue, she lives alone",
            R,
        );
        assert_flags(
            "Mr Okonjo from 14 Mill Lane has screamed at my receptionist for the last time",
            R,
        );
    }

    #[test]
    fn venues_without_patient_context_are_low_only() {
        assert_clean("Conference at Manchester Central, M2 3GX, see you there", R);
        assert_clean(
            "Penistone Recovery Hub has moved to 3 Market Street, S36 6BY. Same phone number, new kettle.",
            R,
        );
    }

    #[test]
    fn a_house_number_with_a_letter_or_a_comma_is_still_read() {
        assert_flags(
            "Delivered meds to a patient at 14a, Acacia Avenue, she lives alone",
            R,
        );
        assert_flags(
            "Left the dressings with the patient's neighbour at 7\nPrimrose Hill Road",
            R,
        );
    }

    #[test]
    fn a_welsh_street_address_is_one() {
        assert_flags(
            "Police welfare check done for the family at 23 Heol y Nant, Gurnos. If any neighbours see the kids out late please ring it in.",
            R,
        );
    }

    #[test]
    fn a_home_address_without_care_words_still_pauses() {
        assert_flags(
            "Drove round to 14 Larch Close in Ilkley on my way home to drop off the pens because the courier failed twice.",
            R,
        );
        assert_flags(
            "LS12 4QT, white house, gnome on the step: that's the one. Whoever's on deliveries today, top shelf",
            R,
        );
    }

    #[test]
    fn redacts() {
        assert_redacts(
            "patient at 14 Acacia Avenue needs meds",
            "patient at [address] needs meds",
        );
    }
}
