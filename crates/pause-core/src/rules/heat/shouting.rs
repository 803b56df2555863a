//! `shouting`: words in capitals that read as shouting.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "shouting",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Read it back in your normal voice. If it still needs saying, say it calmly; capitals make readers hear anger, not the point.",
    docs: RuleDocs {
        what: "Three or more words in capitals (not acronyms such as NHS, ICU, A&E), or a post written mostly in capitals. Two words is a gentle reminder, which becomes a nudge when the post is heated in other ways.",
        why: "Capitals read as shouting. They are one of the clearest signs a post was written in the heat of the moment, and they make a fair point look like a rant.",
        example: "I AM SO DONE WITH THIS PLACE",
        rewrite: "Really tough week; taking the weekend to recharge",
        false_positives: "Acronyms, drug names in capitals on labels, a single word of emphasis, and celebrations (\"I PASSED MY EXAM\") in a post that is not also angry or hostile.",
    },
    check,
};

/// A quotation: from an opening quote after a space, a colon or a bracket, to the next quote.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:^|[\s:(])['"\x{2018}\x{201c}][^'"\x{2019}\x{201d}]{2,160}['"\x{2019}\x{201d}]"#,
    )
    .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    if !d.has_upper {
        return;
    }
    // Quick pass: two capitalised runs ("NHS", "STOP") at least, or mostly capitals. A run counts
    // where two capitals are followed by a byte that is not a letter, or by the end. Counted
    // without branches, so the compiler vectorises it.
    let b = cased.as_bytes();
    let up = |c: u8| c.wrapping_sub(b'A') < 26;
    let low = |c: u8| c.wrapping_sub(b'a') < 26;
    let upper = b.iter().fold(0u32, |a, &c| a + u32::from(up(c)));
    let letters = upper + b.iter().fold(0u32, |a, &c| a + u32::from(low(c)));
    let n = b.len();
    let mut runs: u32 = if n >= 3 {
        b[..n - 2]
            .iter()
            .zip(&b[1..n - 1])
            .zip(&b[2..])
            .fold(0u32, |a, ((&x, &y), &z)| {
                a + u32::from(up(x) & up(y) & !up(z) & !low(z))
            })
    } else {
        0
    };
    runs += u32::from(n >= 2 && up(b[n - 1]) && up(b[n - 2]));
    if runs < 2 && !(letters >= 20 && upper * 10 >= letters * 7) {
        return;
    }
    let quoted: Vec<(usize, usize)> = QUOTED
        .find_iter(cased)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut upper_letters = 0usize;
    let mut letters = 0usize;
    let bytes = cased.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        let w = &cased[s..i];
        // Capitals inside quotes are someone else's words or a sign: "shouting at the telly
        // 'WHERE IS YOUR SWAB COUNT'", "the milk labelled 'DO NOT TOUCH'".
        if quoted.iter().any(|&(qs, qe)| qs <= s && i <= qe) {
            continue;
        }
        let alpha = w.bytes().filter(u8::is_ascii_alphabetic).count();
        letters += alpha;
        let caps = w.bytes().filter(u8::is_ascii_uppercase).count();
        upper_letters += caps;
        let acronym = d
            .hits_in(s, i)
            .any(|h| h.lex == Lex::Acronym && h.start == s);
        if alpha >= 2
            && caps == alpha
            && !acronym
            && !(alpha <= 3 && w.len() <= 3 && is_initialism(w))
        {
            words.push((s, i));
        }
    }
    let mostly = letters >= 20 && upper_letters * 10 >= letters * 7;
    // "I PASSED MY EXAM" is joy at the top of your voice, not anger.
    if (words.len() >= 2 || mostly) && super::joyful(d) {
        return;
    }
    if words.len() >= 3 || mostly {
        let (s, e) = (
            words.first().map_or(0, |w| w.0),
            words.last().map_or(cased.len(), |w| w.1),
        );
        out.push(rule.finding(
            d,
            s,
            e,
            format!("{} words in capitals: this reads as shouting.", words.len()),
        ));
    } else if words.len() == 2 {
        let mut f = rule.finding(
            d,
            words[0].0,
            words[1].1,
            "Words in capitals read as shouting.".into(),
        );
        f.severity = Severity::Low;
        out.push(f);
    }
}

/// Short all-capital words people use as names, not shouting (ward codes, initials).
fn is_initialism(w: &str) -> bool {
    !matches!(
        w,
        "WHY"
            | "HOW"
            | "NOT"
            | "YOU"
            | "THE"
            | "AND"
            | "ARE"
            | "ALL"
            | "NOW"
            | "WTF"
            | "OMG"
            | "SO"
            | "NO"
            | "DO"
            | "IS"
            | "ME"
            | "MY"
            | "WE"
            | "UP"
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "shouting";

    #[test]
    fn flags_shouting() {
        assert_flags("I AM SO DONE WITH THIS PLACE", R);
        assert_flags("Why does NOBODY EVER LISTEN to us", R);
    }

    #[test]
    fn acronyms_are_not_shouting() {
        assert_clean(
            "NHS ICU A&E CQC GPhC NICE BNF MHRA all in one slide deck",
            R,
        );
        assert_clean("Great to see the NHS and CQC working together", R);
    }

    #[test]
    fn celebrations_in_capitals_are_joy_not_shouting() {
        assert_clean(
            "JUST HEARD I GOT THE JOB!! Starting on the stroke unit in March 🎉",
            R,
        );
        assert_clean("HAPPY BIRTHDAY TO OUR LOVELY WARD CLERK", R);
        assert_flags(
            "I PASSED MY EXAM AND STILL NOBODY CARES, useless the lot of them",
            R,
        );
    }

    #[test]
    fn capitals_in_quotes_are_someone_else_s_words() {
        assert_clean(
            "Watching Grey's and shouting at the telly 'WHERE IS YOUR SWAB COUNT'",
            R,
        );
        assert_clean(
            "Someone has labelled the milk 'DO NOT TOUCH - SISTER'S'. Nobody has touched it.",
            R,
        );
        assert_flags("I AM SO SICK OF THIS PLACE, NOBODY LISTENS", R);
    }
}
