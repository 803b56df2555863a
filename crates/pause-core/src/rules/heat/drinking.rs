//! `drinking`: Posting while drinking: "3 glasses of wine in and...", "drunk tweeting".

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "drinking",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Save it as a draft and read it in the morning.",
    docs: RuleDocs {
        what: "Posting while drinking: \"3 glasses of wine in and...\", \"drunk tweeting\".",
        why: "Alcohol lowers the bar for what seems fine to say, and the post is still there in the morning.",
        example: "3 glasses of wine in and I'm finally going to say what I think of my manager",
        rewrite: "Nice glass of wine after a long week. Opinions can wait till Monday",
        false_positives: "A calm drink on a day off (\"pint in hand at the cricket\") and \"had a few\" of something else are not flagged; toasts without signs of being drunk may still match, and the nudge is only to wait.",
    },
    check,
};

/// "4 vodkas in", "two wines deep", "three pints down".
static DRINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:\d+|two|three|four|five|six|seven) (?:large |small |big )?(?:vodkas?|wines?|gins?|pints?|beers?|ciders?|proseccos?|shots?|glasses(?: of [a-z]+)?|bottles?(?: of [a-z]+)?|cocktails?|tequilas?|jager(?:bomb)?s?|g&ts?|bevvies|drinks) (?:in|deep|down|after|tonight)(?-u:\b)").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !(d.has(Lex::Drinking)
        || d.has_digit
        || d.lower().contains(" in ")
        || d.lower().contains("deep"))
    {
        return;
    }
    // Alcohol awareness and charity events talk about drink without being drunk.
    let lower = d.lower();
    if crate::any_of!(
        lower,
        [
            "awareness",
            "units",
            "guideline",
            "charity",
            "fundrais",
            "tickets",
        ]
    ) {
        return;
    }
    // A drink on a day off, told calmly, is a day off (checked only once a drink is found).
    let day_off = || {
        crate::any_of!(
            lower,
            [
                "day off",
                "days off",
                "on holiday",
                "annual leave",
                "weekend off",
                "on leave"
            ]
        ) && ![
            Lex::Anger,
            Lex::Swear,
            Lex::Insult,
            Lex::Threat,
            Lex::NegativeClaim,
            Lex::DontCare,
            Lex::Despair,
            Lex::Accusation,
        ]
        .into_iter()
        .any(|l| d.has(l))
    };
    // "pint in hand" is holding a drink, not counting them.
    if let Some(m) = DRINKS
        .find_iter(lower)
        .find(|m| !lower[m.end()..].starts_with(" hand"))
    {
        if day_off() {
            return;
        }
        let text = d.original_text(m.start(), m.end());
        out.push(rule.finding(
            d,
            m.start(),
            m.end(),
            format!("\"{text}\": posting after a drink or two?"),
        ));
        return;
    }
    flag_first(
        d,
        rule,
        Lex::Drinking,
        "\"{}\": posting after a drink or two?",
        out,
        |h| {
            !crate::any_of!(
                d.lower_before(h.start, 14),
                ["not ", "n\'t ", "never ", "without "]
            ) && !a_few_of_something_else(lower, h)
                && !day_off()
        },
    );
}

/// "had a few rejected deliveries": "had a few" followed by what there were a few of.
fn a_few_of_something_else(lower: &str, h: &crate::lexicon::Hit) -> bool {
    if !lower[h.start..h.end].ends_with("a few") {
        return false;
    }
    let next = lower[h.end..]
        .strip_prefix(' ')
        .and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or("");
    !next.is_empty()
        && !matches!(
            next,
            "and"
                | "too"
                | "drinks"
                | "pints"
                | "glasses"
                | "wines"
                | "beers"
                | "bevvies"
                | "now"
                | "so"
                | "already"
                | "tonight"
                | "lol"
                | "more"
                | "but"
                | "in"
        )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn flags_drinking_while_posting() {
        assert_flags("3 glasses of wine in and I'm going to say it", "drinking");
        assert_flags("third can on the bus home after a double", "drinking");
    }

    #[test]
    fn wine_tasting_for_charity_is_clean() {
        assert_clean(
            "Wine tasting evening raised £400 for the hospice charity",
            "drinking",
        );
    }

    #[test]
    fn a_calm_drink_on_a_day_off_is_clean() {
        assert_clean("Day off, sun out, pint in hand at the cricket", "drinking");
        assert_clean("Gin o'clock on annual leave with my cousins 🍸", "drinking");
        assert_flags(
            "Day off and 4 wines in, time to tell my manager what I really think of her, useless cow",
            "drinking",
        );
    }

    #[test]
    fn a_few_of_something_else_is_not_drinking() {
        assert_clean("We've had a few cancelled clinics this week", "drinking");
        assert_flags("Had a few and now I'm going to say it", "drinking");
    }
}
