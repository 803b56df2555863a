//! `disparaging-patients`: demeaning labels for patients.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "disparaging-patients",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R05,
    suggestion: "Talk about patients with the respect you'd want for your own family, even unnamed, even when the shift was hard.",
    docs: RuleDocs {
        what: "Demeaning labels for patients or their families (\"frequent flyer\", \"bed blocker\", \"timewaster\", \"drug seeker\", \"nightmare family\"), and sweeping verdicts on a whole group of them (\"dads on the postnatal ward are the worst\", \"methadone patients are all the same\", \"they bring it on themselves\").",
        why: "Disparaging patients, even unnamed, tells every patient who reads it how they may be talked about. Regulators treat inappropriate comments about patients as a breach of professional standards.",
        example: "Our favourite frequent flyer is back in majors again 🙄",
        rewrite: "Some patients need us again and again; that's what we're here for",
        false_positives: "Frequent flyers on planes; a verdict denied (\"not all parents who ask questions are a nightmare\") or said of something else (\"deliveries that never turn up\").",
    },
    check,
};

/// A patient's symptom in scare quotes ("the same 'fall'", "her 'chest pain'"): calling them a
/// fake or a time-waster without a word for it.
static SCARE_QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"'(?:chest pain|fall|pain|confused|confusion|seizure|fit|collapse|allergy|allergic|anxiety|migraine|sick|dizzy|poorly|unwell|headache|back pain|funny turn)'").expect("valid regex")
});

/// A group of patients or their families, then a sweeping verdict on all of them in the same
/// sentence: "Dads on the postnatal ward at night are the worst", "Bangladeshi patients never
/// understand discharge instructions", "the entitled retirees who move down here treat us like
/// their personal maids". Group 1 is the group, group 2 the verdict.
static GROUP_VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    // The groups are the words of `lexicons/patient_group.toml` (the rule's gate), in its order.
    let groups = crate::lexicon::LEXICON_FILES
        .iter()
        .find(|(lex, _, _)| *lex == Lex::PatientGroup)
        .and_then(|(_, name, text)| crate::lexicon::parse_file(name, text).ok())
        .map(|file| {
            file.terms
                .iter()
                .map(|t| regex::escape(t))
                .collect::<Vec<_>>()
                .join("|")
        })
        .expect("the built-in patient_group lexicon is valid");
    Regex::new(&format!(
        r"(?-u:\b)((?:[a-z'-]+ ){{0,2}}(?:{groups})(?-u:\b))[^.!?\n]{{0,60}}?(?-u:\b)(are all the same|are the worst|are all (?:liars|useless|lazy|thick|idiots|a nightmare|entitled)|are (?:such|total|absolute) (?:moaners|nightmares|idiots|a pain)|such moaners|never (?:understand|listen|learn|bother|say thank|turn up|take their)|always (?:moan|complain|kick off|demand|lie)|(?:are )?the hardest to deal with|treat us like (?:their )?(?:personal )?(?:maids|servants|skivvies|slaves|dirt)|don't deserve (?:a|the|our|to)|shouldn't (?:get|be given|be allowed) (?:a |the |an |any )?(?:transplant|treatment|bed|operation|op|ivf|care)|bring it on themselves|(?:a |total |complete )?waste of (?:a bed|beds|my time|our time|resources|space))"
    ))
    .expect("valid regex")
});

/// A verdict denied or argued against: "not all parents are the same", "the myth that
/// families always complain".
static VERDICT_DENIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:not all|myth|isn't true|is not true|aren't|are not|stereotype|people think|people assume|people say|assume that|unfair to say)(?-u:\b)").expect("valid regex")
});

/// Words for staff before the group ("agency nurses' families", "staff parents"): a matter
/// about colleagues, which is bullying's.
const STAFF_BEFORE: &[&str] = &[
    "staff",
    "nurse",
    "nurses",
    "agency",
    "colleague",
    "student",
    "doctor",
];

/// A group of patients judged all at once: the first such verdict, unless it is denied.
fn group_verdict(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) -> bool {
    let lower = d.lower();
    let Some(c) = GROUP_VERDICT.captures(lower) else {
        return false;
    };
    let (Some(group), Some(verdict)) = (c.get(1), c.get(2)) else {
        return false;
    };
    let (ss, se) = d.sentence(group.start());
    // The verdict said of something else in a clause of its own: "charge patients for
    // deliveries that never turn up".
    let between = &lower[group.end()..verdict.start()];
    if crate::any_of!(
        between,
        [" that ", " when ", " which ", " because ", " whose "]
    ) || VERDICT_DENIED.is_match(&lower[ss..se])
        || group.as_str().split(' ').any(|w| STAFF_BEFORE.contains(&w))
    {
        return false;
    }
    let mut f = rule.finding(
        d,
        group.start(),
        verdict.end(),
        format!(
            "\"{}\": a whole group of patients or their families run down.",
            d.original_text(group.start(), verdict.end())
        ),
    );
    f.severity = Severity::Medium;
    out.push(f);
    true
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // A sweeping verdict on a group of patients, with or without a label.
    if d.has(Lex::PatientGroup) && group_verdict(d, rule, out) {
        return;
    }
    // Nothing to flag without a label or a quoted symptom: skip the context checks.
    if !d.has(Lex::DisparagingPatient) && !d.has_byte(b'\'') {
        return;
    }
    // A colleague as the subject is a bullying matter, not a patient one.
    if !d.has(Lex::PatientContext)
        && d.has(Lex::PersonRole)
        && !crate::lower_has_any!(
            d,
            ["patient", "bay", "bed", "cubicle", "relatives", "families"]
        )
    {
        return;
    }
    if crate::lower_has_any!(
        d,
        ["our cat", "my cat", "the cat", "our dog", "my dog", "the dog"]
    ) {
        return;
    }
    // Calling out the label is not using it ("can we retire the phrase 'bed blocker'?").
    if crate::lower_has_any!(
        d,
        [
            "the phrase",
            "stop saying",
            "stop calling",
            "don't call",
            "dont call",
            "the term",
            "labels like",
            "stigmatise",
            "stigmatises",
            "stigmatising",
            "stigmatize",
            "used to joke about",
            "used to call",
            "' label",
            "is a phrase",
            "is a term",
            "is a label",
            "we should retire"
        ]
    ) {
        return;
    }
    let flagged = flag_first(
        d,
        rule,
        Lex::DisparagingPatient,
        "\"{}\": a demeaning label for a patient.",
        out,
        |h| {
            let term = &d.lower()[h.start..h.end];
            !d.lower()[h.end..].starts_with(" miles")
                && !d.lower()[h.end..].starts_with(" points")
                && !about_staff_or_kind(d, term, h.start, h.end)
        },
    );
    if flagged || !d.has(Lex::PatientContext) && !d.has(Lex::HospitalPlace) {
        return;
    }
    if let Some(m) = SCARE_QUOTED.find(if d.has_byte(b'\'') { d.lower() } else { "" }) {
        let mut f = rule.finding_quoting(
            d,
            m.start(),
            m.end(),
            "{}: a patient's symptom in scare quotes.",
        );
        f.severity = Severity::Medium;
        out.push(f);
    }
}

/// What follows "some people just" when the sigh is about someone's fitness for the job, not
/// about patients: "aren't cut out for nights", "peaked early".
static NOT_CUT_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^.{0,24}(?:cut out for|built for|(?-u:\b)peak|ceiling|had it in them)")
        .expect("valid regex")
});

/// Whether the label's use here is not about patients: "some people just aren't cut out for
/// this" of a colleague, the kind reassurance "you're never wasting our time" or an apology
/// quoted ("sorry for 'wasting our time'"), the fire brigade or "in the brigade" (the army's).
fn about_staff_or_kind(d: &Draft<'_>, term: &str, start: usize, end: usize) -> bool {
    let before = d.lower_before(start, 32);
    (term.starts_with("some people") && NOT_CUT_OUT.is_match(d.lower_after(end, 40)))
        || (term.starts_with("wasting")
            && ([
                "apologis",
                "sorry",
                "never",
                "no such thing",
                " not ",
                "weren't",
                "aren't",
            ]
            .iter()
            .any(|w| before.contains(w))
                || before.ends_with(['\'', '"', '\u{2018}', '\u{201c}'])))
        || (term == "brigade" && (before.ends_with("fire ") || before.ends_with("in the ")))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "disparaging-patients";

    #[test]
    fn flags_demeaning_labels() {
        assert_flags("Our favourite frequent flyer is back in majors again", R);
        assert_flags("Bed blocker in bay 4 refusing the care home", R);
    }

    #[test]
    fn flags_a_sigh_about_some_people_and_demeaning_comparisons() {
        for t in [
            "Mr Singh in bed 22 refusing his dex again and the family blaming us. Some people just want to be difficult.",
            "Nan in the 10:30 needed a hoist and four of us and still moaned the whole way through. Some people are never grateful.",
            "Honestly, hoarders are my least favourite visits. Some of these people live like animals.",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn a_sigh_about_a_colleague_and_kind_reassurance_are_not_about_patients() {
        assert_clean(
            "Third cannula attempt and the new SHO still needed help. Some people just aren't cut out for nights on the acute unit 🙃",
            R,
        );
        assert_clean(
            "A lady in clinic kept apologising for wasting our time with her chest pain. You never are.",
            R,
        );
        assert_clean(
            "Fire drill on the ward today and the fire brigade came in for a brew",
            R,
        );
        assert_flags(
            "Same bay, same lady, same 'pain'. Some people just want a bed for the weekend.",
            R,
        );
        assert_flags(
            "Bay 4's back on the buzzer. She's wasting our time again, she's fine.",
            R,
        );
        assert_flags(
            "Some people just can't speak to staff without shouting, bed 6 again",
            R,
        );
    }

    #[test]
    fn a_sweeping_verdict_on_a_group_of_patients_is_flagged() {
        for t in [
            "Dads on the postnatal ward at night are the worst. Useless, snoring, nicking our toast.",
            "Bangladeshi patients never understand discharge instructions, total waste of my time explaining.",
            "The entitled retirees who move down to Cornwall treat us like their personal maids. Every single one of them.",
            "Our homecare families out in the villages are such moaners.",
            "I'll say it: people who keep skipping dialysis sessions are patients who don't deserve a transplant.",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn a_verdict_denied_or_about_staff_is_not() {
        assert_clean(
            "Not all parents who ask lots of questions are a nightmare; most are just scared. Be kind.",
            R,
        );
        assert_clean(
            "Families are the hardest part of the job to get right, and the most important",
            R,
        );
        assert_clean(
            "Agency nurses' families are the worst hit by the pay cap",
            R,
        );
        assert_clean(
            "Patients always say thank you on this ward, it makes the shift",
            R,
        );
    }

    #[test]
    fn air_miles_are_clean() {
        assert_clean("Finally used my frequent flyer miles for a holiday", R);
    }

    #[test]
    fn challenging_the_label_is_clean() {
        assert_clean(
            "Words like 'frequent flyer' stigmatise people; 'frequent attender' is better",
            R,
        );
        assert_clean(
            "I used to joke about 'time wasters' in ED until my own dad waited 9 hours",
            R,
        );
    }

    #[test]
    fn flags_symptoms_in_scare_quotes() {
        assert_flags(
            "Back again, third time this week with the same 'fall' in bay 4",
            R,
        );
        assert_clean(
            "Falls prevention week: what counts as a 'fall' in our audit?",
            R,
        );
    }

    #[test]
    fn flags_demeaning_descriptions_of_patients() {
        assert_flags(
            "Saturday nights the self-harmers in majors clog up every cubicle",
            R,
        );
        assert_flags("The man in bed 4 is the rudest old git on the ward", R);
        assert_clean("Our self-harm liaison team are brilliant with patients", R);
    }

    #[test]
    fn talking_about_the_label_is_clean() {
        assert_clean(
            "Honest reflection: the 'frequent attender' label is unfair, most people who call often need more help, not less",
            R,
        );
        assert_clean(
            "'Bed blocker' is a phrase we should retire from handovers. Delays are the system's, not the patient's.",
            R,
        );
    }
}
