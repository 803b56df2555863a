//! `nhs-number`: NHS, Scottish CHI and Northern Ireland H&C numbers.

use super::digits::{digit_runs, mod11_valid, spelled_runs};
use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "nhs-number",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Remove the number. Nothing about a patient's care needs their NHS number in public; if a colleague needs it, use a secure clinical system.",
    docs: RuleDocs {
        what: "A ten-digit NHS number (or Scottish CHI or Northern Ireland H&C number) with a valid modulus-11 check digit, written with spaces, dashes, dots or none, when the layout (3-3-4) or the words around it (NHS, patient, ward, DOB...) say it is one. Spaced-out digits and the letter O for zero are read too; a number disguised with letters for digits needs no other context, since no order or invoice number is written that way.",
        why: "An NHS number identifies one patient for life and links to their whole record. Posting it is a breach of confidentiality that cannot be undone, and a regulator would treat it as serious misconduct.",
        example: "Can anyone chase the bloods for NHS no 943 476 5919? Lab keeps losing them",
        rewrite: "Can anyone help me chase a set of bloods? Lab keeps losing them",
        false_positives: "Ten-digit order, batch, invoice and tracking numbers: most fail the check digit, and those that pass are ignored when the words around them say what they are. A valid number with no context at all is a low-severity reminder only.",
    },
    check,
};

/// A valid number spelled out in words ("five seven one five ...") is written that way to slip
/// past a filter: flagged whatever the words around it.
fn check_spelled(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Ten digits take at least seven words ("treble one treble two treble three four"): a
    // draft with fewer number words cannot hold one, and most drafts have none.
    if d.hits_of(Lex::DigitWord).nth(6).is_none() {
        return;
    }
    for (digits, (s, e)) in spelled_runs(d.lower(), 10) {
        if digits.len() == 10 && mod11_valid(&digits) {
            let mut f = rule.finding(
                d,
                s,
                e,
                "This looks like a patient's NHS number, spelled out (valid check digit).".into(),
            );
            f.replacement = Some("[NHS number]");
            out.push(f);
        }
    }
}

/// Someone's, or their care, straight after the number: "..., needs a level before his dose".
static PERSON_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:his|her|wristband|dose|bloods)(?-u:\b)").expect("valid regex")
});

/// A titled name straight before the number: "letter for Mr Hywel Beynon 4943246508".
static PERSON_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:mr|mrs|ms|miss|mstr|master)\.? [a-z'-]+(?: [a-z'-]+)?[ ,:(-]*$")
        .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    check_spelled(d, rule, out);
    // Ten digits are needed; letter O may stand for a few of them, never for most.
    if d.digits < 6 {
        return;
    }
    for run in digit_runs(d.cased()) {
        for (digits, groups, (s, e)) in run.windows(10) {
            if !mod11_valid(&digits) {
                // Introduced as one ("NHS no 485 777 3456", "CHI 1205156781"): not an NHS
                // number (the check digit rejects it), but if it is a mistyped patient's number
                // it is still theirs: a low reminder, never a pause.
                if run.digits.len() == 10 && introduced_as_number(d, s) {
                    let mut f = rule.finding(
                        d,
                        s,
                        e,
                        "Introduced as an NHS, CHI or H&C number, but its check digit does not match: if it is a patient's number mistyped, remove it.".into(),
                    );
                    f.severity = Severity::Low;
                    f.replacement = Some("[NHS number]");
                    out.push(f);
                }
                continue;
            }
            let before = d.lower_before(s, 40);
            // Named after the number too: "1605.73.1897 - this CHI keeps failing".
            let after = d.lower_after(e, 16);
            let named_after = crate::any_of!(after, [" chi", " nhs no", " nhs number"]);
            // A CHI number opens with a date of birth: one that does, in a draft that talks of
            // CHI anywhere, is one ("logging CHI in your e-portfolio? ... e.g. 0405603320").
            let chi_in_draft = is_ddmmyy(&digits)
                && d.lower().match_indices("chi").any(|(i, _)| {
                    let b = d.lower().as_bytes();
                    (i == 0 || !b[i - 1].is_ascii_alphabetic())
                        && b.get(i + 3).is_none_or(|c| !c.is_ascii_alphabetic())
                });
            let named_nhs = named_after
                || chi_in_draft
                || before.contains("nhs")
                || before.contains("chi")
                || before.contains("h&c")
                || before.contains("health and care")
                // Spelled out letter by letter to dodge a filter: "n h s no. for the one ... is".
                || crate::any_of!(d.lower_before(s, 64), ["n h s", "n.h.s", "n-h-s"]);
            // "3 14 22 35 41 48": a list of small numbers (lottery picks, scores), not one
            // number spaced out.
            let listed = run.groups.len() >= 4
                && run.groups.contains(&1)
                && run.groups.iter().filter(|&&g| g == 2).count() >= 2;
            if listed && !named_nhs {
                continue;
            }
            let layout = groups == [3, 3, 4];
            // Letters for digits ("6O5268O97O", "94347659l9"): written to slip past a filter,
            // which no order or invoice number ever is.
            let disguised = d
                .cased()
                .get(s..e)
                .is_some_and(|t| t.bytes().any(|b| matches!(b, b'O' | b'o' | b'l' | b'I')))
                // A code or a key mixes letters and digits by design: "wi-fi code is 6O5...".
                && !crate::any_of!(
                    d.lower_before(s, 24),
                    ["code", "password", "wifi", "wi-fi", "key", "voucher", "pin", "login", "serial"]
                );
            let spaced = groups.len() >= 5 && groups.iter().all(|&g| g <= 2);
            // A record looked up or a dose due: "check SCI Store for ...", "..., needs a
            // clozapine level before his 2pm dose", "... needs a new wristband".
            let medicine_near = d.near(Lex::Medicine, s, e, 60).is_some();
            let record_words = crate::any_of!(
                &format!("{before} {after}"),
                [
                    "sci store",
                    "spine",
                    "emis",
                    "systmone",
                    "epr",
                    "u&e",
                    "bloods",
                    "wristband",
                    "his dose",
                    "her dose",
                    "level",
                    "results",
                    "pas ",
                    "clinical portal",
                    "on the system",
                    "notes"
                ]
            ) || PERSON_AFTER.is_match(d.lower_after(e, 60))
                || PERSON_BEFORE.is_match(d.lower_before(s, 32));
            // An order or a consignment of a medicine ("Consignment 8800214576: naloxone kits")
            // is stock, not a patient: a medicine near it does not make it one when the number
            // is introduced as stock ("437.991.5468 hasn't had an adalimumab delivery" is a
            // patient's).
            let stock = d
                .hits_in(s.saturating_sub(40), s)
                .any(|h| h.lex == Lex::NumberNotPatient && h.end <= s);
            let record = (medicine_near && !stock) || record_words;
            let other = d.near(Lex::NumberNotPatient, s, e, 40).is_some() && !named_nhs;
            // Prescriptions, claims, portals and samples are made out to a person, unless the
            // number is said to be an order, an invoice or a tracking number.
            let made_out = !other
                && crate::any_of!(
                    &format!("{before} {}", d.lower_after(e, 40)),
                    [
                        "eps",
                        "fp17",
                        "fp10",
                        "portal",
                        "registration",
                        "result",
                        "sample",
                        "the form",
                        "relabel",
                        "chase",
                        "chasing",
                        "tube",
                        "this gent",
                        "this lady",
                        "came back"
                    ]
                );
            // "Order ref 4500912738 for the new ED chairs": a number introduced as an order, an
            // invoice or a parcel is one, whatever clinical word sits near it, unless it is named
            // as an NHS number or looked up as a record.
            let clinical = if ORDER_BEFORE.is_match(d.lower_before(s, 28)) {
                named_nhs || record_words
            } else {
                super::patient_context(d, s, e) || named_nhs || record || made_out
            };
            if other && !clinical {
                continue;
            }
            let kind = if before.contains("chi")
                || after.contains(" chi")
                || chi_in_draft
                || (is_ddmmyy(&digits) && before.contains("scot"))
            {
                "CHI number"
            } else if before.contains("h&c") || before.contains("health and care") {
                "Health and Care number"
            } else {
                "NHS number"
            };
            let mut f = rule.finding(
                d,
                s,
                e,
                format!("This looks like a patient's {kind} (valid check digit)."),
            );
            if !(clinical || layout || spaced || disguised) {
                f.severity = Severity::Low;
                f.message = "A ten-digit number with a valid NHS check digit; if it is a patient's NHS number, remove it.".into();
            }
            f.replacement = Some("[NHS number]");
            out.push(f);
        }
    }
}

/// The words straight before a number that introduce it as an order, invoice, parcel or stock
/// item: "Order ref", "PO no.", "tracking number:", "batch".
static ORDER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:order|purchase order|po|invoice|inv|tracking|parcel|consignment|shipment|batch|lot|serial|asset|sku|product|pip|gtin|barcode)(?: (?:no|num|number|ref|reference|id|code|tag))?(?: is)?[ :#.,-]*$")
        .expect("valid regex")
});

/// The words straight before a number that say it is a patient's NHS, CHI or H&C number ("NHS
/// no", "CHI:", "her H&C is"), in a draft that does not call it an example.
static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:nhs|chi|h&c|health and care)(?: (?:no|num|number)\.?)?(?: is)?[ :#.,-]*$",
    )
    .expect("valid regex")
});

static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:example|e\.g\.|for instance|invalid|made[- ]up|fake|dummy|test patient|training|format|looks like)(?-u:\b)").expect("valid regex")
});

fn introduced_as_number(d: &Draft<'_>, s: usize) -> bool {
    INTRODUCED.is_match(d.lower_before(s, 24)) && !EXAMPLE.is_match(d.lower())
}

fn is_ddmmyy(digits: &str) -> bool {
    let dd: u32 = digits[0..2].parse().unwrap_or(0);
    let mm: u32 = digits[2..4].parse().unwrap_or(0);
    (1..=31).contains(&dd) && (1..=12).contains(&mm)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "nhs-number";

    #[test]
    fn a_lone_letter_o_or_letters_for_one_still_spell_the_number() {
        let f = assert_flags(
            "note for handover: 9 5 O 5 5 7 3 7 7 4 wound recheck Sunday",
            R,
        );
        assert_eq!((f.start, f.end), (19, 38));
        assert_flags(
            "H&C is 33I72I2OO4 if the practice are reading this, she's been waiting a week for the amended script",
            R,
        );
        assert_flags("nhs no 47O8O8 69ll - who's got her paper notes?", R);
    }

    #[test]
    fn a_valid_number_on_a_prescription_claim_portal_or_sample_is_flagged() {
        assert_flags(
            "Anyone know why EPS keeps bouncing for 9445084608? Third time this week",
            R,
        );
        assert_flags(
            "The HOOF portal will not accept 4742817826 no matter what I do. Been at it since 9am.",
            R,
        );
        // A result that came back for it is a patient's.
        assert_flags(
            "4122184185 came back DPYD deficient, so glad we tested before the cape started",
            R,
        );
        // Said to be an order: still only a reminder.
        assert_clean(
            "Chasing order number 4742817826 with the wholesaler again",
            R,
        );
        assert_clean(
            "Order ref 4742817826 came back from the wholesaler half empty",
            R,
        );
    }

    #[test]
    fn flags_valid_numbers_in_every_layout() {
        for t in [
            "NHS number 943 476 5919 in bay 2",
            "pt nhs no 943-476-5919",
            "patient 9434765919 needs a review",
            "nhs 943.476.5919",
            "her number is 9 4 3 4 7 6 5 9 1 9 lol",
            "NHS no 943 476 59l9".replace('l', "1").as_str(),
            "nhs no 943 476 591 9",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn letter_o_for_zero_is_read() {
        // 401 023 2137 is valid; written with letter O.
        assert_flags("patient NHS no 4O1 O23 2137", R);
    }

    #[test]
    fn spelled_out_numbers_are_read() {
        assert_flags(
            "the NHS no is five seven one five six five zero one three five, she's in at 10",
            R,
        );
        assert_flags(
            "bloods for six three two one zero four zero nine eight three??",
            R,
        );
        // Invalid check digit.
        assert_clean("five seven one five six five zero one three four", R);
    }

    #[test]
    fn invalid_check_digits_are_ignored() {
        assert_clean("NHS number 943 476 5918", R);
        assert!(reminders("Order 943 476 5918 arrived", R).is_empty());
    }

    #[test]
    fn order_and_batch_numbers_with_valid_check_digits_are_ignored() {
        assert_clean("Order number 9434765919 arrived today", R);
        assert_clean("batch 9434765919 recalled by the MHRA", R);
        // A titled name just before it makes it a patient's.
        assert_flags(
            "Dr's letter for Mr Hywel Beynon 9434765919 needs countersigning before Friday",
            R,
        );
        // Spelled-out letters and a trailing letter O still name it.
        assert_flags(
            "n h s no. for the one we were arguing about is 7 7 3 2 0 7 7 3 5 O, ring me back Steph",
            R,
        );
        // A clinical word near an order number does not make it a patient's.
        assert_clean(
            "Order ref 9434765919 for the new ED chairs is still processing",
            R,
        );
        assert_flags("NHS no 9434765919, order ref for the ED wristband", R);
    }

    #[test]
    fn span_and_redaction_cover_the_number() {
        assert_span("NHS no 943 476 5919 pls", R, "943 476 5919");
        assert_redacts("NHS no 943 476 5919 pls", "NHS no [NHS number] pls");
    }

    #[test]
    fn a_list_of_small_numbers_is_not_one_number() {
        assert_clean(
            "Lottery syndicate numbers this week: 3 14 22 35 41 48. Nobody's coming in on Monday",
            R,
        );
        assert_flags("her number is 9 4 3 4 7 6 5 9 1 9, she's in bay 2", R);
    }

    #[test]
    fn a_number_named_after_it_is_flagged() {
        let f = assert_flags(
            "1605.73.1897 - this CHI keeps throwing an error, anyone seen that?",
            R,
        );
        assert!(f.message.contains("CHI"), "{}", f.message);
        assert_clean("Order 1605.73.1897 - this one keeps failing", R);
    }

    #[test]
    fn a_chi_number_in_a_draft_about_chi_is_one() {
        assert_span(
            "Scottish trainees: how are you logging CHI in your e-portfolio? I've been putting the whole thing in, e.g. 0405603320 from my last case",
            R,
            "0405603320",
        );
        let f = assert_flags(
            "Scottish trainees: how are you logging CHI in your e-portfolio? I've been putting the whole thing in, e.g. 0405603320 from my last case",
            R,
        );
        assert_eq!(f.severity, crate::finding::Severity::High);
    }

    #[test]
    fn chi_numbers_are_named() {
        let f = assert_flags("CHI 0101701233 for the patient on ward 3", R);
        assert!(f.message.contains("CHI"), "{}", f.message);
    }

    #[test]
    fn letter_o_runs_are_read() {
        assert_flags(
            "Whoever's holding the IR reg bleep: nephrostomy for CHI O5O76283O6 has been moved to 2pm",
            R,
        );
        assert_clean("Room BO1234567890 is booked", R);
        // 600 494 0356 is valid: two O's in a row, and one opening a group.
        assert_flags("note to self: 6OO 494 O356 needs repeat FBC Fri", R);
    }

    #[test]
    fn a_consignment_of_a_medicine_is_stock_not_a_patient() {
        assert_clean(
            "Consignment 8800214576: naloxone kits for the Perth outreach are on the way.",
            R,
        );
    }

    #[test]
    fn a_number_introduced_as_one_with_a_bad_check_digit_is_only_a_reminder() {
        for t in [
            "NHS no 485 777 3456 - whoever's got this gent's notes can you ring the AOS bleep pls",
            "Transfer from Glasgow arrived with CHI 0205871234 on a post-it and nothing else",
            "Belfast transfer came over with H&C 320 556 7812 and no notes.",
        ] {
            assert_clean(t, R);
            assert_eq!(reminders(t, R).len(), 1, "{t}");
        }
        // Unnamed, or named as an example: an order number, a teaching slide.
        assert_clean("Order 485 777 3456 for the new culture media has landed", R);
        assert_clean(
            "Training slide reminder: the example NHS number 943 476 5918 is deliberately invalid, the check digit is wrong.",
            R,
        );
    }

    #[test]
    fn a_number_disguised_with_letters_needs_no_other_context() {
        // 605 268 0970 is valid; no order number is ever written with letter O for zero.
        assert_flags("6O5268O97O has rung again about the same toenail", R);
        // Written plainly with no context, it is only a reminder.
        let text = "6052680970 has rung again about the same toenail";
        assert_clean(text, R);
        assert_eq!(crate::rules::testing::reminders(text, R).len(), 1);
    }

    #[test]
    fn a_code_with_letters_is_not_raised_for_its_letters() {
        assert_clean("Our new Wi-Fi code is 6O5268O97O, ask at reception", R);
    }
}
