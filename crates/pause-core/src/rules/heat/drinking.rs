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
        false_positives: "Mentions of drinks at charity events or toasts without signs of being drunk may still match; the nudge is only to wait.",
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
    if let Some(m) = DRINKS.find(d.lower()) {
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
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn flags_drinking_while_posting() {
        assert_flags("3 glasses of wine in and I'm going to say it", "drinking");
    }

    #[test]
    fn wine_tasting_for_charity_is_clean() {
        assert_clean(
            "Wine tasting evening raised £400 for the hospice charity",
            "drinking",
        );
    }
}
