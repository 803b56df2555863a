//! `threat`: threats and incitement to harm.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "threat",
    category: Category::BullyingHarassment,
    severity: Severity::High,
    policy: clauses::R11,
    suggestion: "Don't post this. If someone has made you this angry, talk to your manager, occupational health or your union today.",
    docs: RuleDocs {
        what: "Threats or wishes of harm aimed at someone: \"watch your back\", \"someone needs to slap him\", \"I know where she lives\".",
        why: "A threat online is harassment and can be a crime, whatever the intent. It ends careers faster than anything else here.",
        example: "Whoever keeps nicking my lunch, watch your back",
        rewrite: "Whoever keeps borrowing my lunch, please stop, I'm starving!",
        false_positives: "Figures of speech with no person (\"punch above our weight\").",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::Threat) {
        let phrase = &d.lower()[h.start..h.end];
        let explicit = phrase.contains(' ');
        let after = &d.lower()[h.end..];
        // "I've been asking for it for months": a request, not "she was asking for it".
        if phrase.starts_with("asking for") && d.lower_before(h.start, 8).ends_with("been ") {
            continue;
        }
        let before = d.lower_before(h.start, 12);
        // "slap Sudocrem on", "slip, slop, slap", "slap bang", "a slap-up meal", "the slide
        // deck", "all hands on deck": the word, not a blow.
        if !explicit
            && (after.starts_with(" some")
                || after.starts_with(" on ")
                || after.starts_with(" it on")
                || after.starts_with(" bang")
                || after.starts_with("-up")
                || after.starts_with(" up ")
                || [
                    "slide ", "on ", "top ", "lower ", "upper ", "slop, ", "finance ",
                ]
                .iter()
                .any(|w| ends_with_word(before, w)))
        {
            continue;
        }
        // "This trust is going to kill someone", "she's going to kill me": a warning or a
        // joke, not a threat to kill.
        if phrase.ends_with("kill")
            && [
                " someone",
                " somebody",
                " a ",
                " me",
                " myself",
                " people",
                " patients",
                " us",
            ]
            .iter()
            .any(|w| starts_with_word(after, w))
        {
            continue;
        }
        // "Whoever took my lunch from the staff fridge: I WILL FIND YOU": the office joke about
        // a culprit nobody knows, unless it comes with menace.
        if phrase.ends_with("find you")
            && CULPRIT.is_match(d.lower())
            && !MENACE.is_match(d.lower())
        {
            continue;
        }
        let aimed = d.person_near(h.start, h.end, 60).is_some()
            || super::second_person_near(d, h.start, h.end);
        if (explicit && !phrase.starts_with("be careful") && !phrase.starts_with("or else"))
            || aimed
        {
            out.push(rule.finding_at_hit(d, h, "\"{}\" reads as a threat."));
            return;
        }
    }
}

/// A culprit the author does not know: "whoever", "someone", "who took".
static CULPRIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:whoever|someone|somebody|who (?:took|stole|ate|keeps|changed|deleted|moved|nicked|parks|parked|left))(?-u:\b)")
        .expect("valid regex")
});

/// What turns "I will find you" into a threat: a knife, regret, "I know it's you".
static MENACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\x{1f52a}|(?-u:\b)(?:regret|end you|won't enjoy|i know it's you|know who you are|hurt|kill)")
        .expect("valid regex")
});

/// Whether `text` starts with `w` as whole words (" me" but not " megan").
fn starts_with_word(text: &str, w: &str) -> bool {
    text.strip_prefix(w)
        .is_some_and(|rest| w.ends_with(' ') || !rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// Whether `text` ends with `w` as whole words ("on " but not "jason ").
fn ends_with_word(text: &str, w: &str) -> bool {
    text.strip_suffix(w)
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "threat";

    #[test]
    fn flags_threats() {
        assert_flags("Whoever keeps nicking my lunch, watch your back", R);
        assert_flags("Someone needs to slap him before he kills a patient", R);
    }

    #[test]
    fn the_lunch_thief_joke_and_warnings_about_danger_are_not_threats() {
        assert_clean(
            "WHOEVER TOOK MY PASTA BAKE OUT OF THE PHARMACY FRIDGE I WILL FIND YOU",
            R,
        );
        assert_clean(
            "Two nurses for 28 patients again. This place is going to kill someone.",
            R,
        );
        assert_clean(
            "Caught Dave asleep in the office 😂 he's going to kill me",
            R,
        );
        assert_clean("All hands on deck today, the manager is in a state", R);
        assert_clean(
            "Sun safety: slip, slop, slap, and see your GP about moles",
            R,
        );
        // Menace keeps it a threat, and so does a named target for any other threat.
        assert_flags(
            "Whoever keeps reporting me to the manager, I know it's you. I will find you.",
            R,
        );
        assert_flags("If that porter touches me again I'll deck him", R);
        assert_flags("I'm going to kill him when he gets in", R);
        assert_flags("If she books me on nights again I'm going to kill Megan", R);
        assert_flags("Jason keeps pushing in. Next time I'll deck him", R);
    }

    #[test]
    fn figures_of_speech_are_clean() {
        assert_clean("Our little team really punches above its weight", R);
        assert_clean(
            "They've refused my study leave again and I've been asking for it since March",
            R,
        );
    }
}
