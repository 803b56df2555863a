//! `anger`: Words of rage and fury: livid, fuming, sick to death of, how dare they.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "anger",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Save it as a draft and read it again after a break. If something needs to change, raise it with your manager or the Freedom to Speak Up guardian.",
    docs: RuleDocs {
        what: "Words of rage and fury: livid, fuming, sick to death of, how dare they.",
        why: "Posts written in anger say more than we mean, to more people than we picture. Most people who regret a post wrote it angry; an hour later it reads differently.",
        example: "Absolutely fuming, sick to death of being treated like dirt",
        rewrite: "Tough day. Going to sleep on it and talk to my manager tomorrow",
        false_positives: "Mild annoyance and anger described calmly after the fact can still match; the nudge is only to wait.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let before = out.len();
    // A lone angry emoji ("gutted Leeds lost 😤") is not a rant; it needs words with it.
    let words = d
        .hits_of(Lex::Anger)
        .any(|h| d.lower()[h.start..h.end].is_ascii());
    flag_first(
        d,
        rule,
        Lex::Anger,
        "\"{}\": this sounds like it was written angry.",
        out,
        |h| {
            // "so cross-infection patients end up in bays": a compound, not a temper.
            !d.lower()[h.end..].starts_with('-')
                // "for anyone who's had enough": someone else's day, met with kindness;
                // "had enough energy": enough of something.
                && !(d.lower()[h.start..h.end].ends_with("had enough")
                    && (d.preceded_by(h.start, 12, &["who's ", "who has ", "who have ", "who've "])
                        || crate::any_of!(
                            d.lower_after(h.end, 8),
                            [" energy", " sleep", " time", " money", " to eat"]
                        )))
                && (words
                    || d.has(Lex::Insult)
                    || d.has(Lex::Swear)
                    || d.has(Lex::Threat)
                    || d.has(Lex::NegativeClaim)
                    || d.person_in_post(h.start, h.end, 200).is_some())
        },
    );
    // Laughing at yourself ("fuming that the vending machine ate my £1 😂") is not rage.
    let joking = out.len() > before
        && crate::lower_has_any!(
            d,
            [
                "😂",
                "🤣",
                "lol",
                "haha",
                "😅",
                "😆",
                "first world problems",
                "no spoilers",
                "bake off",
                "chippy",
                "the weather",
                "weather gods",
                "the ending",
                "finale",
                "line of duty",
                "strictly",
                "jk",
                "autocorrect",
                "gentle rant",
                "the rain",
                "kettle",
                "my car is"
            ]
        );
    if joking {
        for f in &mut out[before..] {
            f.severity = Severity::Low;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    const R: &str = "anger";

    #[test]
    fn flags_rage() {
        assert_flags("Absolutely fuming, sick to death of this", "anger");
    }

    #[test]
    fn calm_posts_are_clean() {
        assert_clean("Lovely calm shift, everyone had their breaks", "anger");
    }

    #[test]
    fn kindness_to_anyone_who_has_had_enough_is_not_rage() {
        assert_clean(
            "Cwtch for anyone working today who's had enough. You're doing brilliantly.",
            "anger",
        );
        assert_clean(
            "Best thing about pacing: she finally had enough energy to be properly cross about things again",
            "anger",
        );
        assert_flags("I've had enough. Handing my notice in tomorrow", "anger");
    }

    #[test]
    fn a_lone_angry_emoji_about_football_is_clean() {
        assert_clean(
            "Properly gutted we lost 3-0 at home 😤 back to work tomorrow",
            "anger",
        );
    }

    #[test]
    fn fuming_at_the_telly_or_the_weather_is_not_rage() {
        assert_clean(
            "Fuming at the weather gods, third washout barbecue this summer",
            "anger",
        );
        assert_clean("Absolutely livid about that finale, who wrote it", "anger");
        assert_flags(
            "Absolutely livid, management cancelled our leave again",
            "anger",
        );
    }

    #[test]
    fn joking_anger_is_a_reminder() {
        assert_clean(
            "Fuming that someone ate my yoghurt from the staff fridge (jk, it was me)",
            R,
        );
        assert_clean(
            "Gentle rant: wrong cuff, wrong BP, wrong treatment. Use the large cuffs. Rant over.",
            R,
        );
    }
}
