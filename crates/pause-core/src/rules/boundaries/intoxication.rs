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
        lower.match_indices(w).any(|(i, _)| {
            let rest = &lower[i + w.len()..];
            (i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric())
                // "the on-call manager": someone else's rota, not the author on call.
                && ![" manager", " team", " consultant", " reg", " pharmacist", " doctor"]
                    .iter()
                    .any(|x| rest.starts_with(x))
        })
    })
}

/// Someone else drunk or high: "the locum was drunk on shift", "Dr X is a drunk", "Gary has been
/// taking ketamine home". An accusation (defamation's business), not the author's own conduct.
fn someone_else(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    let (ss, _) = d.sentence(h.start);
    let before = &d.lower()[ss..h.start];
    let own = d
        .hits_in(ss, h.start)
        .any(|x| x.lex == Lex::SelfReference && x.start >= ss)
        || before.starts_with("i ")
        || before.contains(" i ")
        || before.contains(" we ")
        || before.starts_with("we ");
    let other = d.hits_in(ss, h.start).any(|x| {
        x.start >= ss
            && (x.lex == Lex::PersonRole
                    // A staff title, not an occasion ("leaving do", "retirement").
                    || (x.lex == Lex::StaffTitle
                        && !crate::any_of!(
                            &d.lower()[x.start..x.end],
                            ["do", "leaving", "retirement", "birthday", "farewell", "party"]
                        )))
    }) || d.people().iter().any(|&(s, _)| s > ss && s < h.start)
        || crate::any_of!(
            before,
            [" he ", " she ", "he's ", "she's ", " his ", " her "]
        )
        || before.starts_with("he ")
        || before.starts_with("she ");
    other && !own
}

/// A drug named as a treatment or a subject of study: "our ketamine trial", "ketamine for
/// procedural sedation".
fn as_medicine(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    let word = &d.lower()[h.start..h.end];
    word.starts_with("ket")
        && (crate::any_of!(
            d.lower_after(h.end, 16),
            [
                " trial",
                " pilot",
                " for ",
                " infusion",
                " sedation",
                " study",
                " depression",
                " clinic",
                " research",
                " data"
            ]
        ) || d.preceded_by(h.start, 12, &["our ", "session on ", "teaching on "]))
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
        || d.preceded_by(
            h.start,
            12,
            &[
                "fewer ", "less ", "of ", "no ", "night ", "day ", "time ", "shift ", "morning ",
                "years ", "months ", "weeks ", "hours ", "career ", "life ",
            ],
        )
}

/// Drinking as the author writes ("5 tequilas deep", 🍻🍻, "Drunk. Sorry. But ...") in uniform,
/// scrubs, a lanyard or on shift, or saying they are drunk: drunk and posting is a boundary
/// matter as well as heat. Not "3 glasses in and ready to tell the world what goes on at work"
/// (heat alone), "drunk with power", or someone else drunk.
fn drinking_in_uniform_or_drunk(d: &Draft<'_>) -> Option<(usize, usize)> {
    // In uniform or on shift, or a word of being drunk: asked before `drinking`'s own search, so
    // that search is not run twice for nothing (most drafts have none of these words).
    let uniform = crate::lower_has_any!(
        d,
        [
            "uniform",
            "scrubs",
            "lanyard",
            "tunic",
            "on shift",
            "name badge",
            "nhs badge"
        ]
    );
    if !uniform && !crate::lower_has_any!(d, ["drunk", "pissed", "hammered", "off m"]) {
        return None;
    }
    let now = crate::rules::heat::drinking::drinking_now(d)?;
    // Not someone else arriving drunk ("brought in drunk again") or asked about it ("Drunk again
    // in clinic, Dr Hollis?").
    let says_drunk = || {
        let (ss, se) = d.sentence(now.0);
        // The author's own state: the sentence opens with it ("pissed. on a wednesday"), or
        // the author is its subject ("3am and drunk", "I'm so drunk"); not "the patients from
        // the holiday parks: entitled, drunk and ...".
        let before = d.lower()[ss..now.0].trim_end();
        let theirs = before.is_empty()
            || before.contains("i'm")
            || before.contains("i am")
            || before.starts_with("i ")
            || before.contains(" i ")
            || crate::any_of!(before, ["am and", "pm and", "and crying and"]);
        theirs
            && crate::any_of!(
                &d.lower()[now.0..now.1],
                ["drunk", "pissed", "hammered", "off my face", "off me face"]
            )
            && !crate::lower_has_any!(d, ["with power", "on power"])
            && !d.preceded_by(
                now.0,
                12,
                &["brought in ", "came in ", "turned up ", "turns up "],
            )
            && !d.lower()[..se].trim_end().ends_with('?')
    };
    let own = !someone_else(
        d,
        &crate::lexicon::Hit {
            lex: Lex::Drinking,
            start: now.0,
            end: now.1,
        },
    );
    (own && (uniform || says_drunk())).then_some(now)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Drinking is a boundary matter, not only heat, when it happens in uniform or on call.
    let Some(h) = d
        .hits_of(Lex::Intoxication)
        .find(|h| !wasted_thing(d, h) && !someone_else(d, h) && !as_medicine(d, h))
        .or_else(|| {
            d.hits_of(Lex::Drinking)
                .find(|h| !wasted_thing(d, h) && !someone_else(d, h) && at_work(d.lower()))
        })
        .map(|h| (h.start, h.end))
        .or_else(|| drinking_in_uniform_or_drunk(d))
    else {
        return;
    };
    if d.has(Lex::Signposting) && !d.has(Lex::PhotoWord) && !d.lower().contains(" i ") {
        return;
    }
    let mut f = rule.finding_quoting(d, h.0, h.1, "\"{}\": drunk or high, in public.");
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
    fn drinks_counted_in_uniform_are_a_boundary_but_talk_of_work_is_not() {
        assert_flags(
            "Still in my scrubs at the pub, 6 jäger bombs deep, WHO'S COMING 🍻🍻",
            R,
        );
        assert_flags(
            "3 glasses of prosecco in, still in my uniform, and ready to tell you EXACTLY what I think 🍷🍷🍷",
            R,
        );
        assert_clean(
            "3 glasses of prosecco in and honestly ready to tell the world what REALLY goes on at work 🍷🍷🍷",
            R,
        );
    }

    #[test]
    fn saying_you_are_drunk_as_you_post_is_a_boundary_but_someone_else_drunk_is_not() {
        assert_flags(
            "3am and drunk and crying and I'm just gonna say it, the NHS broke me. Screenshot this idc",
            R,
        );
        assert_flags(
            "pissed. very pissed. on the tram. love my CF team more than life itself 🍻🍻",
            R,
        );
        assert_clean(
            "Head at one of the Poulton primaries brought in drunk again last night. Third time this month.",
            R,
        );
        assert_clean(
            "I have bought the practice a label maker. I am drunk with power.",
            R,
        );
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

    #[test]
    fn someone_else_drunk_a_drug_under_study_or_a_wasted_night_are_not_the_authors_conduct() {
        for t in [
            "The agency reg on AMU was drunk on shift and nobody did anything",
            "Our ketamine trial for treatment-resistant depression starts recruiting in May",
            "Three hours of my night wasted chasing a missing CD key",
            "4 pints in and I want to ring the on-call manager and tell him what I think",
        ] {
            assert_clean(t, R);
        }
        assert_flags("I was still drunk on shift this morning lol", R);
    }
}
