//! `patient-name`: a person named in a patient's context.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "patient-name",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Take the name out, and anything else that points to the person (bed, ward, age, town). \"A patient\" tells the story without telling whose it is.",
    docs: RuleDocs {
        what: "A name in a patient's context: a titled name near clinical words (\"Mr Patel in bed 12\"), a name introduced as a patient's (\"my patient Sarah\", \"a lady called Doris\"), or a name followed by a bed, bay or age (\"Doris (84)\").",
        why: "Naming a patient in public breaches their confidentiality, whatever the intent. Even a first name, with a ward or a day, is enough for family, neighbours or colleagues to recognise them.",
        example: "Mr Patel in bed 12 is refusing his warfarin again",
        rewrite: "A patient is refusing their warfarin again; any tips for supporting adherence?",
        false_positives: "Colleagues thanked or congratulated by name (\"well done Jo\"), doctors and other staff with their titles (Dr Khan, Sister Jones), and names with no clinical words near them.",
    },
    check,
};

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx|Master|MR|MRS|mr|mrs)\.?\s+([A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?)").expect("valid regex")
});

static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:my|our|the|a|this) (?:patient|pt|lady|gentleman|gent|man|woman|chap|fella|bloke|girl|boy|lad|resident|client|service user)s?,? (?:called |named |whose name is )?|(?-u:\b)(?:patient|pt|lady|man|gentleman|woman|chap|fella|bloke|girl|boy|lad|resident|baby) (?:called|named) |(?-u:\b)her name(?:'s| is) |(?-u:\b)his name(?:'s| is) )([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)").expect("valid regex")
});

static NAME_THEN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?),?\s+(?:(?:in|from|on) (?:bed|bay|side room|cubicle|room) \d{1,2}(?-u:\b)|\((?:bed|bay|side room|room) \d{1,2}|(?:back )?in (?:resus|majors|minors|A&E|ICU|ITU|HDU|recovery)(?-u:\b)|on (?:the )?(?:[A-Z][a-z]+ |children's |[a-z]+ )?[Ww]ard(?-u:\b)|\((?:\d{1,3}|\d{1,3}\s?(?:yo|y/o|yrs?|years?))\)|(?:aged|age) \d{1,3}(?-u:\b)|\d{1,3},? (?:yo|y/o|year old|years old)(?-u:\b)|\d{2,3},)").expect("valid regex")
});

fn is_staff(d: &Draft<'_>, s: usize) -> bool {
    const PRAISE: &[&str] = &[
        "well done",
        "congrats",
        "congratulations",
        "thank you",
        "thanks",
        "shout out",
        "shoutout",
        "big thanks",
        "huge thanks",
        "welcome",
        "farewell",
        "retirement",
        "leaving do",
        "happy birthday",
        "proud of",
        "legend",
        "superstar",
        "hero",
        "star",
    ];
    d.hits_in(s.saturating_sub(14), s)
        .any(|h| h.lex == Lex::StaffTitle && h.end <= s && s - h.end <= 2)
        || d.near_any(Lex::StaffTitle, s, s, 160)
            .is_some_and(|h| PRAISE.contains(&&d.lower()[h.start..h.end]))
}

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:frequent fl[iy]er|regular|bed blocker|timewaster)s? ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)").expect("valid regex")
});

static LOWER_TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)((?:mr|mrs|ms|miss)\.?\s+[a-z][a-z'-]+)\s*,?\s+(?:in|on|from) (?:bed|bay|side room)(?-u:\b)",
    )
    .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    if !cased.bytes().any(|b| b.is_ascii_uppercase()) {
        return;
    }
    let mut push = |s: usize, e: usize, msg: &str| {
        let name = d.original_text(s, e);
        let mut f = rule.finding(d, s, e, msg.replace("{}", name));
        f.replacement = Some("[patient name]");
        out.push(f);
    };
    let introduced = d.has(Lex::NameIntroducer);
    let titled =
        (d.lower().contains("patient") || !d.has(Lex::Accusation)) && d.has(Lex::Honorific);
    let placed = d.has_digit || d.lower().contains("ward") || d.lower().contains("age");
    for c in INTRODUCED.captures_iter(if introduced { cased } else { "" }) {
        if let Some(m) = c.get(1) {
            // "a patient I'd grown fond of": the author, not a name.
            let pronoun = m.as_str().starts_with("I'") || m.as_str().starts_with("I\u{2019}");
            if !pronoun && !crate::draft::is_common_word(m.as_str()) {
                push(m.start(), m.end(), "\"{}\" is named as a patient.");
            }
        }
    }
    for c in NAME_THEN_PLACE.captures_iter(if placed { cased } else { "" }) {
        if let Some(m) = c.get(1) {
            let lone_at_start = !m.as_str().contains(' ')
                && d.cased()[d.sentence(m.start()).0..m.start()]
                    .trim()
                    .is_empty()
                && c.get(0)
                    .is_some_and(|w| w.as_str().to_ascii_lowercase().contains("ward"));
            // A bed in brackets after the name ("Mrs K (bed 3)") makes a patient even in a thank
            // you: staff have no beds.
            let bedded = c.get(0).is_some_and(|w| {
                let w = w.as_str();
                w.contains("(bed")
                    || w.contains("(bay")
                    || w.contains("(side room")
                    || w.contains("(room")
            });
            if !crate::draft::is_common_word(m.as_str())
                && !lone_at_start
                && (bedded || !is_staff(d, m.start()))
                && (c
                    .get(0)
                    .is_some_and(|w| w.as_str().contains('(') || w.as_str().contains("age"))
                    || super::patient_context(d, m.start(), m.end()))
            {
                push(
                    m.start(),
                    m.end(),
                    "\"{}\" is named with a bed, room or age.",
                );
            }
        }
    }
    for c in LABELLED.captures_iter(if d.has(Lex::DisparagingPatient) {
        cased
    } else {
        ""
    }) {
        if let Some(m) = c.get(1) {
            if !crate::draft::is_common_word(m.as_str()) {
                push(
                    m.start(),
                    m.end(),
                    "\"{}\" is named with a label for a patient.",
                );
            }
        }
    }
    for c in LOWER_TITLED.captures_iter(if titled { d.lower() } else { "" }) {
        if let Some(m) = c.get(1) {
            push(
                m.start(),
                m.end(),
                "\"{}\" is named in a patient's context.",
            );
        }
    }
    for c in TITLED.captures_iter(if titled { cased } else { "" }) {
        if let Some(m) = c.get(1) {
            if crate::draft::is_common_word(m.as_str()) {
                continue;
            }
            if is_staff(d, m.start())
                || crate::any_of!(
                    d.lower_after(m.end(), 24),
                    [", our ", ", the ", " our consultant", ", consultant"]
                )
            {
                continue;
            }
            let title_start = c.get(0).map_or(m.start(), |t| t.start());
            if super::patient_context(d, title_start, m.end()) {
                push(
                    title_start,
                    m.end(),
                    "\"{}\" is named in a patient's context.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "patient-name";

    #[test]
    fn the_author_after_patient_is_not_a_name() {
        assert_clean(
            "Lost a patient I'd looked after all week. Had a cry, had a tea.",
            R,
        );
        assert_clean("The patient I'll never forget taught me to slow down.", R);
        assert_flags("My patient Sarah Jenkins is asking for you", R);
    }

    #[test]
    fn flags_titled_names_near_clinical_words() {
        assert_span("Mr Patel in bed 12 is refusing his warfarin", R, "Mr Patel");
        assert_flags("Mrs Okafor was admitted last night with chest pain", R);
    }

    #[test]
    fn flags_names_introduced_as_patients() {
        assert_span("my patient Sarah Jenkins made my day", R, "Sarah Jenkins");
        assert_flags("A lady called Doris came to the counter", R);
    }

    #[test]
    fn flags_names_with_beds_or_ages() {
        assert_flags("Doris (84) was so grateful", R);
        assert_flags("Frank in bed 6 sang all night", R);
    }

    #[test]
    fn colleagues_thanked_by_name_are_not_patients() {
        assert_clean("Well done Jo and Priya on passing your exams!", R);
        assert_clean("Dr Khan gave a brilliant talk on sepsis", R);
        assert_clean("Mr Smith, our new chief pharmacist, starts Monday", R);
    }

    #[test]
    fn redacts_names() {
        assert_redacts(
            "Mr Patel in bed 12 is refusing his warfarin",
            "[patient name] in bed 12 is refusing his warfarin",
        );
    }

    #[test]
    fn a_title_before_a_name_in_brackets_with_a_bed_is_still_a_name() {
        assert_flags(
            "Mrs Abernethy (bed 7, Ward 12) asked me to post a huge thank you to the team",
            R,
        );
        assert_clean(
            "Huge thank you to Sister Abernethy on Ward 12 for the cake",
            R,
        );
    }
}
