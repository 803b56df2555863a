//! `date-of-birth`: a date introduced as someone's date of birth.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "date-of-birth",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Remove the date of birth. If age matters to the story, a broad range (\"in her 80s\") says enough without identifying anyone.",
    docs: RuleDocs {
        what: "A date introduced as a date of birth: \"DOB 14/03/1951\", \"d.o.b. 3rd May 1962\", \"born on 12.01.48\"; or a birthday wished in a post about care with a full date of a year long past a few words after it (\"Happy 30th birthday Luis, my favourite PrEP regular 🎂 14.03.95\").",
        why: "A date of birth is one of the three details (with name and postcode) that identify almost anyone in the UK. With anything else in the post it pins down a patient.",
        example: "Pt in bay 4, DOB 14/03/1951, keeps asking for her husband",
        rewrite: "A patient keeps asking for her husband",
        false_positives: "Birthdays of colleagues and the author's own birthday are not flagged unless written as a date of birth; nor a party's date this century (\"birthday drinks 14.03.25\") or a time (\"3.30-5.30\").",
    },
    check,
};

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static DOB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?:dob|d\.o\.b\.?|date of birth)(?:'s)?(?:[^.!?\n\d]{{0,30}}?,)?|born(?: on)?[^.!?\n]{{0,40}}?|birthday(?: is|,|:)|bday)\.?\s*[:=-]?\s*((?:\d{{1,2}}[/.\- ]\d{{1,2}}[/.\- ](?:\d{{4}}|\d{{2}}))|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+(?:\d{{4}}|'?\d{{2}}))|(?:christmas (?:day|eve)|boxing day|new year's (?:day|eve)|valentine's day|bonfire night),?\s+(?:19|20)\d{{2}})(?-u:\b)"
    ))
    .expect("valid regex")
});

/// A full date from before 1960: in a draft that talks of a date of birth, nobody's shift or
/// appointment, but an older patient's birthday ("bed 16's DOB ... it's 14/02/1943").
static OLD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,2}[/.-]\d{1,2}[/.-]19[0-5]\d(?-u:\b)").expect("valid regex")
});

/// A birthday wished with a full date of a year long past, a few words after it, in a post about
/// care: "Happy 30th birthday Luis, my favourite PrEP regular 🎂 14.03.95 — you told me in
/// clinic". One separator twice and a month of the year, so a time ("birthday tea 3.30-5.30")
/// is not a date; a year of the last twenty-five years ("birthday drinks 14.03.25") is a
/// party's date, not the day someone was born (a child's "14/03/2007" is written in full).
static BIRTHDAY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:birthday|bday)(?-u:\b)[^\n]{0,60}?(?:^|[^0-9.:/-])((?:0?[1-9]|[12]\d|3[01])(?:/(?:0?[1-9]|1[0-2])/|\.(?:0?[1-9]|1[0-2])\.|-(?:0?[1-9]|1[0-2])-)(?:19\d{2}|200\d|[3-9]\d))(?-u:\b)")
        .expect("valid regex")
});

/// A colleague whose birthday it is: "to our amazing ward sister Gemma".
static COLLEAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:sister|nurse|colleague|colleagues|manager|matron|hca|doctor|consultant|pharmacist|team|registrar|reg)(?-u:\b)")
        .expect("valid regex")
});

/// The author's own family: "my own wee one", "our little man", "my grandson". A birth told of
/// one of them ("born 3rd March 2020") is a family announcement, not a patient's date of birth.
static OWN_FAMILY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:my|our) (?:own |new |gorgeous |beautiful |baby |little |wee |first |second |third )?(?:wee one|wee man|wee lass|wee boy|wee girl|little one|little man|little lady|little girl|little boy|son|daughter|baby|babies|boy|girl|twins|kid|kids|grandson|granddaughter|grandchild|grandbaby|niece|nephew|youngest|eldest|rainbow baby)(?-u:\b)")
        .expect("valid regex")
});

/// Whether a date introduced by "born" (not "DOB") is the birth of the author's own family, with
/// nothing about care near it: "my own wee one is 5 today, born 3rd March 2020".
fn own_family_birth(d: &Draft<'_>, whole: usize, s: usize, e: usize) -> bool {
    d.lower()[whole..].starts_with("born")
        && OWN_FAMILY.is_match(d.lower())
        && !super::patient_context(d, s, e)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has_digit() || !d.has(Lex::DobAnchor) {
        return;
    }
    let mut push = |s: usize, e: usize, message: &str| {
        let mut f = rule.finding(d, s, e, message.into());
        f.replacement = Some("[date of birth]");
        out.push(f);
    };
    let mut found = false;
    for c in DOB.captures_iter(d.cased()) {
        let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if own_family_birth(d, whole.start(), m.start(), m.end()) {
            // Told as the family's news: no other reading of the date either.
            found = true;
            continue;
        }
        push(m.start(), m.end(), "A date of birth.");
        found = true;
    }
    if found {
        return;
    }
    if let Some(m) = BIRTHDAY_DATE
        .captures(d.cased())
        .and_then(|c| c.get(1))
        .filter(|m| {
            super::patient_context(d, m.start(), m.end())
                // "our amazing ward sister Gemma": a colleague's birthday, unless a patient is
                // in the post.
                && (!COLLEAGUE.is_match(d.lower()) || d.lower().contains("patient"))
        })
    {
        push(m.start(), m.end(), "A date of birth.");
    } else if let Some(m) = OLD_DATE.find(d.cased()) {
        push(m.start(), m.end(), "A date of birth, in a post about one.");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "date-of-birth";

    #[test]
    fn a_birthday_with_its_year_is_a_date_of_birth() {
        assert_span(
            "Turns out my dysphagia patient on ward 4 shares my birthday, 22/07/1961, we celebrated with IDDSI level 4 cake",
            R,
            "22/07/1961",
        );
        assert_clean("My birthday is next week and I am on nights, typical", R);
        // A few words after the birthday, with a year long past: the day they were born.
        assert_span(
            "Happy 30th birthday Luis, my favourite PrEP regular 🎂 14.03.95 — you told me in clinic",
            R,
            "14.03.95",
        );
        // A year of this century is the party's date; a time is not a date; a colleague's
        // birthday, with no care in the post, is not a patient's.
        assert_clean(
            "Birthday drinks for Sam on 14.03.25 at the Crown, all welcome",
            R,
        );
        assert_clean("Birthday tea for Sheila in the seminar room 3.30-5.30", R);
        assert_clean("My birthday is on nights again 🙄 shift 19.30-07.30", R);
        assert_clean(
            "Happy 40th birthday to our amazing ward sister Gemma 🎉 14.03.85",
            R,
        );
        assert_span(
            "Happy 18th birthday Ella, our CF patient 🎂 14/03/2007",
            R,
            "14/03/2007",
        );
    }

    #[test]
    fn a_date_a_few_words_after_dob_is_one() {
        assert_span(
            "Jodie off my caseload sent me a friend request, turns out her DOB's the same as mine, 14/03/91, small world",
            R,
            "14/03/91",
        );
        assert_span(
            "Caller tonight had the exact same DOB as me, 14/03/1987, gave me chills",
            R,
            "14/03/1987",
        );
        // A sentence ends between them: the date is not the date of birth.
        assert_clean(
            "Always check the DOB on the wristband. Audit results out 14/03/2025",
            R,
        );
    }

    #[test]
    fn an_old_date_in_a_post_about_a_date_of_birth_is_one() {
        assert_span(
            "Can't believe the reg put bed 16's DOB in the ward WhatsApp (it's 14/02/1943 btw)",
            R,
            "14/02/1943",
        );
        assert_clean("DOB checks on every drug round from 01/04/2025, please", R);
        assert_clean(
            "Our hospital opened on 05/07/1948, the day the NHS began",
            R,
        );
    }

    #[test]
    fn flags_dates_of_birth() {
        assert_span("Pt in bay 4, DOB 14/03/1951, confused", R, "14/03/1951");
        assert_flags("d.o.b. 3rd May 1962", R);
        assert_flags("born on 12.01.48 and still driving", R);
    }

    #[test]
    fn ignores_other_dates() {
        assert_clean("Conference on 14/03/2026 in Leeds", R);
        assert_clean("Happy birthday to our Priya!", R);
    }

    #[test]
    fn redacts() {
        assert_redacts("DOB 14/03/1951 ok", "DOB [date of birth] ok");
    }

    #[test]
    fn the_birth_of_the_authors_own_family_is_not_a_patients() {
        assert_clean(
            "Can't believe my own wee one is 5 today 🥹 born 3rd March 2020 just before the world shut down. Happy birthday Ellie 🎂",
            R,
        );
        assert_clean(
            "Our little man arrived! Born 14/02/2025, 8lb 1oz, and already louder than the night shift",
            R,
        );
        assert_clean(
            "My grandson was born on 12.01.2025 and I am over the moon",
            R,
        );
        // A birth on the unit, with nobody's family but the patient's.
        assert_span(
            "Baby born 3rd March 2025 on our delivery suite to a mum from Lisburn, 22, first baby",
            R,
            "3rd March 2025",
        );
        // The author's family in the post, a patient's date of birth beside it.
        assert_span(
            "Missed my son's nativity for this: Mrs K in bed 4, born 3rd March 1941, wouldn't settle",
            R,
            "3rd March 1941",
        );
        // A date of birth written as one is always flagged.
        assert_span(
            "My son's little friend on the ward, DOB 03/03/2019",
            R,
            "03/03/2019",
        );
    }

    #[test]
    fn flags_birthdays_named_by_a_holiday_and_year() {
        assert_span(
            "Mrs K, born Boxing Day 1941, asked for her daughter",
            R,
            "Boxing Day 1941",
        );
        assert_clean(
            "Christmas Day 2025 on the ward again, best shift of the year",
            R,
        );
    }
}
