//! `jigsaw-identification`: details that together identify a patient.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "jigsaw-identification",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R02,
    suggestion: "Drop the details that narrow it down (age, bed or ward, day, town, role in the community, rare condition). Keep only what the point of the post needs, or make it a general lesson.",
    docs: RuleDocs {
        what: "A patient described by several details that together point to one person: age, bed or ward, day, condition, town, a role in the community (the mayor's wife, a local footballer), or rarity (the only patient in the county on a therapy). Each detail scores; a patient described with enough of them is flagged.",
        why: "No single detail names anyone, but the pieces fit together: family, neighbours and colleagues recognise the story, and a study of clinicians' patient-story tweets found a third to a half of them likely identifiable.",
        example: "The mayor's wife was in resus last night after a fall, hope she's OK",
        rewrite: "Falls in older people are a big part of our work in resus; here's what helps",
        false_positives: "Clinical education with no particular patient, and a single detail on its own (\"busy night in resus\").",
    },
    check,
};

static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d{1,3}[- ]?(?:year|yr)s?[- ]?old(?-u:\b)|(?-u:\b)aged? \d{1,3}(?-u:\b)|(?-u:\b)in (?:his|her|their) (?:late |early |mid-?)?\d0s(?-u:\b)|(?-u:\b)\d{1,3} ?(?:yo|y/o|yrs)(?-u:\b)|\(\d{1,3}!?\)|(?-u:\b)[Yy]ear (?:[1-9]|1[0-3]) (?:girl|boy|pupil|student|lad|lass)s?(?-u:\b)|(?-u:\b)(?:nonagenarian|octogenarian|centenarian)(?-u:\b)|[,:] \d{2,3},|(?-u:\b)turned \d{2,3}(?-u:\b)|(?-u:\b)\d{2,3}(?:st|nd|rd|th) birthday").expect("valid regex")
});

static BED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:bed|bay|side ?room|cubicle|room|resus|majors) ?\d{1,2}[a-z]?(?-u:\b)|(?-u:\b)ward \d{1,2}[a-z]?(?-u:\b)|(?-u:\b)ward [A-Z](?-u:\b)").expect("valid regex")
});

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:from|in|lives in|living in|in the village of|round|near|local to|outside|behind|opposite) ([A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)?)").expect("valid regex")
});

static STREET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:on|in|at|off) [A-Z][a-z]+ (?:Close|Road|Street|Avenue|Lane|Drive|Way|Crescent|Grove|Terrace|Gardens|Court|Place|Mews|Row|Square|Walk|Estate)(?-u:\b)").expect("valid regex")
});

/// A player or manager of a named club ("the Scunthorpe United manager", "Stockport County's
/// keeper", "the Leeds Rhinos prop", "a Wales international"): a public figure.
static CLUB_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[A-Z][a-z]+ (?:United|City|Town|Rovers|Wanderers|Athletic|County|Albion|Rhinos|Rangers|Celtic|Villa|Wednesday|Rugby|Cricket)|(?:rugby|football|cricket|hockey|netball|darts|snooker)|[A-Z][a-z]+ international)(?:'s)? (?:manager|keeper|goalie|striker|captain|player|prop|winger|full-back|centre-back|coach|star|legend|midfielder|defender)(?-u:\b)").expect("valid regex")
});

/// The author's own small world: "from our village", "at our church", "on our estate".
static LOCAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:from|in|at|on|round) (?:our|my) (?:little )?(?:village|town|estate|street|road|church|mosque|parish|school|close)(?-u:\b)").expect("valid regex")
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?-u:\b)|(?-u:\b)\d{1,2}/\d{1,2}(?:/\d{2,4})?(?-u:\b)").expect("valid regex")
});

fn has_part(parts: &[(&str, usize, usize, u32)], kind: &str) -> bool {
    parts.iter().any(|p| p.0 == kind)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    let patientish = d.has(Lex::PatientContext)
        || (d.has(Lex::HospitalPlace)
            && (d.has(Lex::CommunityRole)
                || d.has(Lex::Rarity)
                || (d.has_digit && AGE.is_match(cased))));
    if !patientish {
        return;
    }
    let mut parts: Vec<(&str, usize, usize, u32)> = Vec::new();
    let age_words = d.has_digit || d.has(Lex::AgeAnchor);
    if let Some(m) = AGE.find(if age_words { cased } else { "" }) {
        parts.push(("age", m.start(), m.end(), 1));
    }
    if let Some(m) = BED.find(if d.has(Lex::BedAnchor) { cased } else { "" }) {
        parts.push(("bed or ward", m.start(), m.end(), 2));
    } else if let Some(h) = d.hits_of(Lex::HospitalPlace).next() {
        parts.push(("ward or unit", h.start, h.end, 1));
    }
    if let Some(h) = d.hits_of(Lex::TimeReference).next() {
        parts.push(("day or time", h.start, h.end, 1));
    } else if let Some(m) = DATE.find(
        if d.has_digit && (cased.contains('/') || d.has(Lex::MonthName)) {
            cased
        } else {
            ""
        },
    ) {
        parts.push(("date", m.start(), m.end(), 1));
    }
    if let Some(h) = d.hits_of(Lex::ClinicalCondition).next() {
        parts.push(("condition", h.start, h.end, 1));
    }
    let employer = |s: usize, e: usize| d.hits_in(s, e).any(|h| h.lex == Lex::PolicyEmployer);
    if let Some(c) = PLACE.captures_iter(cased).find(|c| {
        c.get(1).is_some_and(|m| {
            !crate::draft::is_common_word(m.as_str()) && !employer(m.start(), m.end())
        })
    }) {
        if let Some(m) = c.get(1) {
            parts.push(("town", m.start(), m.end(), 1));
        }
    }
    if let Some(m) = STREET_NAME.find(if d.has_upper { cased } else { "" }) {
        parts.push(("street", m.start(), m.end(), 2));
    }
    if let Some(h) = d.hits_of(Lex::CommunityRole).next() {
        parts.push(("role in the community", h.start, h.end, 3));
    } else if d.has_upper {
        if let Some(m) = CLUB_ROLE.find(cased) {
            parts.push(("role in the community", m.start(), m.end(), 3));
        }
    }
    // Only drafts that say "our" or "my" can name the author's own village or church.
    let lower = d.lower();
    if !has_part(&parts, "town") && (lower.contains("our ") || lower.contains("my ")) {
        if let Some(m) = LOCAL.find(lower) {
            parts.push(("town", m.start(), m.end(), 1));
        }
    }
    if let Some(h) = d.hits_of(Lex::Rarity).next() {
        parts.push(("rarity", h.start, h.end, 2));
    }
    let score: u32 = parts.iter().map(|p| p.3).sum();
    let kinds = parts.len();
    // Who the patient is (age, role, rarity, town) must be part of it: a bed, a day and a
    // condition alone describe a shift, not a person.
    let has = |k: &str| parts.iter().any(|p| p.0 == k);
    // Who the patient is must be part of it; a coy hint ("guess who") counts only with a
    // clinical detail beside it.
    let personal = has("age")
        || has("role in the community")
        || has("town")
        || (has("rarity") && (has("bed or ward") || has("ward or unit")));
    if score < 3 || kinds < 2 || !personal {
        return;
    }
    let start = parts.iter().map(|p| p.1).min().unwrap_or(0);
    let end = parts.iter().map(|p| p.2).max().unwrap_or(start);
    let names: Vec<&str> = parts.iter().map(|p| p.0).collect();
    let mut f = rule.finding(
        d,
        start,
        end,
        format!(
            "Together these details could identify the patient: {}.",
            names.join(", ")
        ),
    );
    if score <= 3 {
        f.severity = Severity::Medium;
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "jigsaw-identification";

    #[test]
    fn flags_community_roles_with_clinical_details() {
        assert_flags("The mayor's wife was in resus last night after a fall", R);
        assert_flags(
            "Local footballer came in with a broken leg today, gutted for him",
            R,
        );
    }

    #[test]
    fn flags_age_bed_and_condition() {
        assert_flags("92 year old in bed 4 with sepsis, still cracking jokes", R);
        assert_flags(
            "Only patient in the county on this gene therapy, from Settle, doing well",
            R,
        );
    }

    #[test]
    fn general_education_is_clean() {
        assert_clean(
            "Reminder: check renal function before starting metformin in older patients",
            R,
        );
        assert_clean("Busy night in resus", R);
    }

    #[test]
    fn flags_players_of_named_clubs() {
        assert_flags(
            "Wife of the Scunthorpe United manager had her baby with us at 4am",
            R,
        );
        assert_flags(
            "took the Leeds Rhinos prop down to MRI this afternoon, knee's in bits",
            R,
        );
    }

    #[test]
    fn flags_the_authors_own_village_and_school_years() {
        assert_flags(
            "Just dispensed for the Olympic rower from our village, hope she's fit",
            R,
        );
        assert_flags(
            "Did the referral for the Year 11 girl whose dad is the vicar",
            R,
        );
    }

    #[test]
    fn flags_ages_after_a_colon_and_exclaimed() {
        assert_flags("Bed 4 on Ward 17 this week: 61, from Hull, won't move", R);
        assert_flags("Our oldest patient (105!) came in for her flu jab today", R);
    }

    #[test]
    fn football_talk_without_a_patient_is_clean() {
        assert_clean("Scunthorpe United manager sacked after five defeats", R);
    }
}
