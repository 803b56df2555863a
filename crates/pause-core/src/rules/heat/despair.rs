//! `despair`: Signs of despair and distress: can't do this anymore, crying in the car park, want to quit.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "despair",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Talk to someone first: a colleague, your manager, occupational health, your union, or the Samaritans on 116 123 (free, any time). The post can wait.",
    docs: RuleDocs {
        what: "Signs of despair and distress: can't do this anymore, crying in the car park, want to quit.",
        why: "When you are at the end of your tether, posting can feel like relief, but it is public and permanent, and it is not where help comes from. You deserve support first.",
        example: "Crying in the car park again, I can't do this anymore",
        rewrite: "Hard shift. Taking tonight off social media and talking to someone tomorrow",
        false_positives: "Tiredness told calmly (\"long day, bed now\"), or with a plan to rest (\"running on empty, early night and a bath\"), is not flagged.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let before = out.len();
    // Someone else's tears ("students end up crying in the sluice") are not the author's.
    let third_person = |h: &crate::lexicon::Hit| {
        crate::any_of!(
            d.lower_before(h.start, 25),
            [
                " she ",
                " he ",
                " they ",
                "students",
                " her ",
                " his ",
                "end up",
                "ends up",
                "the new ",
                "patients ",
                "patient ",
                "relatives ",
                "families ",
                "she's ",
                "he's ",
                "they're ",
                "people ",
                "snowflakes"
            ]
        ) || d.preceded_by(
            h.start,
            10,
            &["it is ", "it's ", "that's ", "this is ", "that is ", "who "],
        ) || crate::lower_has_any!(d, ["stoptober", "smoking", "nicotine", "vape"])
            // Looking back: "years ago I used to cry in the car park".
            || crate::any_of!(d.lower_before(h.start, 40), ["used to ", "years ago"])
    };
    flag_first(
        d,
        rule,
        Lex::Despair,
        "\"{}\": it sounds like you are having a really hard time.",
        out,
        |h| !third_person(h) && !tired_and_resting(d, h),
    );
    if out.len() > before
        && crate::lower_has_any!(
            d,
            [
                "😂",
                "🤣",
                " lol",
                "haha",
                "said my knees",
                "said my feet",
                "wordle",
                "nothing dramatic"
            ]
        )
        || d.has(Lex::Celebration)
    {
        for f in &mut out[before..] {
            f.severity = Severity::Low;
        }
    }
}

/// Tiredness told with a plan to rest ("running on empty, booked a massage"): looking after
/// yourself, not despair.
fn tired_and_resting(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    let tired = matches!(&d.lower()[h.start..h.end], "running on empty");
    tired
        && crate::lower_has_any!(
            d,
            [
                "booked a",
                "massage",
                "early night",
                "rest isn't",
                "rest is",
                "bath",
                "recharge",
                "phone off",
                "day off",
                "sofa"
            ]
        )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    const R: &str = "despair";

    #[test]
    fn flags_despair() {
        assert_flags(
            "Crying in the car park again, I can't do this anymore",
            "despair",
        );
        assert_flags(
            "Crying in the hospital car park again. Third time this week.",
            "despair",
        );
        assert_flags("just got home. numb. why do i even bother", "despair");
    }

    #[test]
    fn tiredness_told_calmly_is_clean() {
        assert_clean("Long day, bed now, back at it tomorrow", "despair");
    }

    #[test]
    fn a_moral_not_ok_is_not_despair() {
        assert_clean(
            "Women are being left to labour alone. It is not OK and the board knows.",
            "despair",
        );
    }

    #[test]
    fn tiredness_with_a_plan_to_rest_is_clean() {
        assert_clean(
            "Running on empty after four long days. Early night, bath, and the phone stays off tomorrow",
            "despair",
        );
        assert_flags("Running on empty and I can't do this anymore", "despair");
    }

    #[test]
    fn someone_elses_distress_is_not_the_authors() {
        assert_clean(
            "The new starter who can't cope with nights has asked to move",
            "despair",
        );
        assert_clean(
            "She's been crying in the sluice again, poor thing",
            "despair",
        );
        assert_flags(
            "I've been crying in the sluice again, I can't cope",
            "despair",
        );
    }

    #[test]
    fn good_news_and_looking_back_are_not_despair() {
        assert_clean(
            "Handed my notice in today... because I've got a band 7 job in Aberdeen!!",
            R,
        );
        assert_clean(
            "Years ago I used to cry in the car park after shifts. If that's you, you're not alone",
            R,
        );
    }
}
