//! `drinking`: Posting while drinking: "3 glasses of wine in and...", "drunk tweeting".

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "drinking",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Save it as a draft and read it in the morning.",
    docs: RuleDocs {
        what: "Posting while drinking: \"3 glasses of wine in and...\", \"drunk tweeting\", \"on my 4th gin\", \"wine #3\", \"still pissed\", \"off my face\", and drinks in a row (🍷🍷, 🍻🍾).",
        why: "Alcohol lowers the bar for what seems fine to say, and the post is still there in the morning.",
        example: "3 glasses of wine in and I'm finally going to say what I think of my manager",
        rewrite: "Nice glass of wine after a long week. Opinions can wait till Monday",
        false_positives: "A calm drink on a day off (\"pint in hand at the cricket\"), \"had a few\" of something else, \"pissed off\" and \"pissed down\", a second shot of vaccine and a toast (🥂🍾 for a retirement) are not flagged; other toasts without signs of being drunk may still match, and the nudge is only to wait.",
    },
    check,
};

/// "4 vodkas in", "two wines deep", "three pints down".
static DRINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:\d+|two|three|four|five|six|seven) (?:large |small |big )?(?:vodkas?|wines?|gins?|pints?|beers?|ciders?|proseccos?|shots?|glasses(?: of [a-z]+)?|bottles?(?: of [a-z]+)?|cocktails?|tequilas?|jager(?:bomb)?s?|g&ts?|bevvies|drinks) (?:in|deep|down|after|tonight)(?-u:\b)").expect("valid regex")
});

/// Signs of being drunk as the post is written: "I'm pissed" (not "pissed off", "pissed at
/// management", "pissed down"), "still off my face", "on my 4th gin", "wine #3". In 104,149
/// labelled posts none of these was in a clean post.
static DRUNK_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|(?-u:\b)(?:i'm|im|i am|i was|was|so|well|getting|got|still|very|absolutely|proper|properly|totally|bit|utterly|slightly|completely)[ .]+)(?:p[i*]ssed(?-u:\b)(?: (?:off|down|at|with|about|that|on me|himself|herself|myself|themselves|yourself)(?-u:\b)|-| as a [a-z]+)?|off (?:my|me) (?:face|tits)(?-u:\b))|(?-u:\b)(?:2nd|3rd|4th|5th|6th|second|third|fourth|fifth|sixth) (?:large |double |massive )?(?:pint|gin|wine|vodka|beer|cocktail|g&t|prosecco|margarita|tequila|bevvy|rum|(?:glass|can|shot|bottle)s? of (?:wine|red|white|ros[eé]|prosecco|fizz|gin|vodka|cider|beer|lager|tequila|whisky|rum))s?(?-u:\b)|(?-u:\b)(?:wine|gin|whisky|vodka|pint|beer|prosecco|cocktail|g&t)s? ?(?:#|no\.? ?|number )\d")
        .expect("valid regex")
});

/// The drinks of the emoji pairs.
const DRINK_EMOJI: &[char] = &['🍷', '🍸', '🍺', '🍻', '🥂', '🍾', '🥃', '🍹'];

/// Two drink emoji in a row (🍷🍷, 🍻🍾), the span of the pair: a round, not a toast. Only
/// looked for where the text has a four-byte character.
fn drinks_in_a_row(lower: &str) -> Option<(usize, usize)> {
    if !lower.as_bytes().contains(&0xF0) {
        return None;
    }
    let mut prev: Option<usize> = None;
    for (i, c) in lower.char_indices() {
        if DRINK_EMOJI.contains(&c) {
            if let Some(p) = prev {
                return Some((p, i + c.len_utf8()));
            }
            prev = Some(i);
        } else if c != '\u{FE0F}' {
            prev = None;
        }
    }
    None
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if let Some((s, e)) = drinking_now(d) {
        out.push(rule.finding_quoting(d, s, e, "\"{}\": posting after a drink or two?"));
    }
}

/// Where the draft says its author is drinking as they write ("4 vodkas in", "I'm pissed",
/// 🍷🍷), unless it is a toast, a calm day off, alcohol awareness or a few of something else.
/// `intoxication` asks it too: drinking in uniform is a boundary matter as well as heat.
pub(crate) fn drinking_now(d: &Draft<'_>) -> Option<(usize, usize)> {
    let lower = d.lower();
    // The pattern runs only where one of its words is (`lexicons/drunk_now.toml`).
    let words = || {
        if !d.has(Lex::DrunkNow) {
            return None;
        }
        DRUNK_WORDS
            .find_iter(lower)
            // The pattern takes "pissed off" and "pissed at" whole to set them aside.
            .find(|m| {
                let t = m.as_str();
                !(t.ends_with('-')
                    || [
                        " off", " down", " at", " with", " about", " that", " on me", "self",
                        "selves",
                    ]
                    .iter()
                    .any(|w| t.ends_with(w)))
            })
            .map(|m| (m.start(), m.end()))
    };
    // A toast (🥂🍾 for a retirement, a birthday, a new consultant) is not a round.
    let toast = || {
        crate::lower_has_any!(
            d,
            [
                "congrat",
                "retirement",
                "birthday",
                "well done",
                "well deserved",
                "anniversary",
                "engaged",
                "graduat",
                "passed"
            ]
        )
    };
    let now = words().or_else(|| drinks_in_a_row(lower).filter(|_| !toast()));
    // "I'm not pissed, just knackered".
    let now = now.filter(|&(s, _)| {
        let before = d.lower_before(s, 8);
        !["not ", "n't ", "never "]
            .iter()
            .any(|w| before.ends_with(w))
    });
    if !(now.is_some()
        || d.has(Lex::Drinking)
        || d.has_digit()
        || lower.contains(" in ")
        || lower.contains("deep"))
    {
        return None;
    }
    // Alcohol awareness and charity events talk about drink without being drunk.
    if crate::lower_has_any!(
        d,
        [
            "awareness",
            "units",
            "guideline",
            "charity",
            "fundrais",
            "tickets",
        ]
    ) {
        return None;
    }
    // A drink on a day off, told calmly, is a day off (checked only once a drink is found).
    let day_off = || {
        crate::lower_has_any!(
            d,
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
    // (The pattern needs one of its drinks: asked of the pair filter first.)
    let drinks = crate::lower_has_any!(
        d,
        [
            "vodka", "wine", "gin", "pint", "beer", "cider", "prosecco", "shot", "glasses",
            "bottle", "cocktail", "tequila", "jager", "g&t", "bevvies", "drinks"
        ]
    );
    let counted = DRINKS
        .find_iter(if drinks { lower } else { "" })
        .find(|m| !lower[m.end()..].starts_with(" hand"))
        .map(|m| (m.start(), m.end()));
    if let Some(span) = counted.or(now) {
        return (!day_off()).then_some(span);
    }
    d.hits_of(Lex::Drinking)
        .find(|h| {
            !crate::any_of!(
                d.lower_before(h.start, 14),
                ["not ", "n\'t ", "never ", "without "]
            ) && !a_few_of_something_else(lower, h)
                && !day_off()
        })
        .map(|h| (h.start, h.end))
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
    fn drunk_as_the_post_is_written() {
        assert_clean(
            "Happy retirement Jean! 🥂🍾 forty years on the wards",
            "drinking",
        );
        assert_clean("Had my second shot of the flu vaccine today", "drinking");
        assert_clean("4th can of Monster on nights, send help", "drinking");
        assert_clean(
            "So pissed at management for cancelling my leave",
            "drinking",
        );
        assert_clean("It absolutely pissed down on the way in", "drinking");
        assert_clean(
            "Finally peeled the FFP3 off my face after 12 hours",
            "drinking",
        );
        assert_clean("I'm not pissed, just knackered after nights", "drinking");
        assert_flags(
            "Still pissed from last night and on an early 🥴",
            "drinking",
        );
        assert_flags("Can't lie, I'm pissed. Christmas do was messy", "drinking");
        assert_flags(
            "Absolutely pissed as a newt at the Christmas do",
            "drinking",
        );
        assert_flags("I'm off me tits at the leaving do", "drinking");
        assert_flags(
            "Just got in from nights 🍷🍷 time to tell my manager what I think",
            "drinking",
        );
        for t in [
            "Fourth glass of wine and I've a 7:30 start on the ortho list tomorrow. Oh well",
            "Absolutely steaming at the Christmas do 🍾🍾 came straight off a late",
            "pissed. very pissed. on the tram. love my team",
            "ngl I'm off my face at the staff party and I'm on an early tomorrow",
            "on my 4th gin at the leaving do lol",
            "In uniform at the bar, wine #3, on the ward in four hours",
        ] {
            assert_flags(t, "drinking");
        }
        assert_clean("Absolutely pissed off with the rota again", "drinking");
        assert_clean(
            "Pissed-up day trippers expecting a hotel in resus",
            "drinking",
        );
        assert_clean(
            "Third cancellation this week, the trains are a joke",
            "drinking",
        );
        assert_clean(
            "Congratulations to our new consultant 🥂 well deserved",
            "drinking",
        );
    }

    #[test]
    fn a_few_of_something_else_is_not_drinking() {
        assert_clean("We've had a few cancelled clinics this week", "drinking");
        assert_flags("Had a few and now I'm going to say it", "drinking");
    }
}
