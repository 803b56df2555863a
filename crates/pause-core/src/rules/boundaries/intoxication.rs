//! `intoxication`: drunken or drug-taking behaviour that undermines professional standing.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "intoxication",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R23,
    suggestion: "Keep nights out off your public profile, and never in uniform or near work. Posts about being drunk or high are read by patients and employers as about your fitness to practise.",
    docs: RuleDocs {
        what: "Being drunk or high, especially in uniform or around work: \"absolutely hammered in my scrubs\", \"still drunk on shift\", drug use.",
        why: "The public trusts healthcare professionals with their lives and with controlled drugs. Posts about drunkenness or drug use, above all in uniform or near a shift, undermine that trust and lead to disciplinary and fitness-to-practise cases.",
        example: "Absolutely hammered at the Christmas do, still in my uniform 🍻",
        rewrite: "Lovely Christmas do with the team 🎄",
        false_positives: "Clinical and education posts about alcohol and drugs (overdose management, harm reduction).",
    },
    check,
};

const WORK: &[&str] = &[
    "uniform",
    "scrubs",
    "lanyard",
    "on shift",
    "at work",
    "on the ward",
    "in work",
    "badge",
    "on call",
    "on-call",
];

/// Whether the draft places the author at work or in uniform: a [`WORK`] phrase starting a word
/// ("what working" does not hold "at work").
fn at_work(lower: &str) -> bool {
    WORK.iter().any(|w| {
        lower
            .match_indices(w)
            .any(|(i, _)| i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric())
    })
}

/// "wasted" said of a thing rather than a person: "fewer wasted trips", "road signs are wasted
/// on children", "wasted time".
fn wasted_thing(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    let word = &d.lower()[h.start..h.end];
    // Posters "plastered everywhere", a wall "plastered with" notices.
    if word == "plastered" {
        let after = d.lower_after(h.end, 12);
        return [
            " everywhere",
            " all over",
            " with",
            " on ",
            " across",
            " over ",
        ]
        .iter()
        .any(|w| after.starts_with(w));
    }
    if word != "wasted" {
        return false;
    }
    let after = d.lower_after(h.end, 16);
    [
        " on ",
        " trip",
        " time",
        " money",
        " journey",
        " effort",
        " food",
        " stock",
        " dose",
        " appointment",
        " bed",
        " hour",
        " day",
        " minute",
        " resource",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || d.preceded_by(h.start, 12, &["fewer ", "less ", "of ", "no "])
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Drinking is a boundary matter, not only heat, when it happens in uniform or on call.
    let Some(h) = d
        .hits_of(Lex::Intoxication)
        .find(|h| !wasted_thing(d, h))
        .or_else(|| {
            d.hits_of(Lex::Drinking)
                .find(|h| !wasted_thing(d, h) && at_work(d.lower()))
        })
    else {
        return;
    };
    if d.has(Lex::Signposting) && !d.has(Lex::PhotoWord) && !d.lower().contains(" i ") {
        return;
    }
    let mut f = rule.finding_at_hit(d, h, "\"{}\": drunk or high, in public.");
    if at_work(d.lower()) {
        f.severity = Severity::High;
        f.message.push_str(" Near work or in uniform.");
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "intoxication";

    #[test]
    fn flags_drunkenness_and_drugs() {
        assert_flags(
            "Absolutely hammered at the Christmas do, still in my uniform",
            R,
        );
        assert_flags("still drunk on shift lol", R);
    }

    #[test]
    fn wasted_things_are_clean_but_wasted_people_are_not() {
        assert_clean("Road signs are wasted on children", R);
        assert_clean("New handhelds mean fewer wasted trips for the porters", R);
        assert_clean(
            "his 'wellbeing' posters plastered everywhere on the unit",
            R,
        );
        assert_flags("so wasted right now, still in my uniform", R);
    }

    #[test]
    fn drugs_and_hangovers_at_work_are_flagged() {
        assert_flags("High as a kite and still in my tunic from clinic", R);
        assert_flags("hungover doing a drug round, blame the tequila", R);
    }

    #[test]
    fn nights_out_without_drunkenness_are_clean() {
        assert_clean("Lovely Christmas do with the team", R);
    }

    #[test]
    fn flags_drinking_in_uniform_or_on_call() {
        assert_flags("Pissed as a newt with my trust badge still on", R);
        assert_flags("On my 3rd gin in uniform at the retirement do", R);
        assert_flags("2 bottles of wine down and on call in the morning 🍷", R);
        assert_clean("Glass of wine with tea, day off tomorrow", R);
    }
}
