//! `anti-public-health`: advice or claims against public-health guidance.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "anti-public-health",
    category: Category::ProfessionalBoundaries,
    severity: Severity::High,
    policy: clauses::R08,
    suggestion: "As a health professional your words carry weight. Share evidence-based guidance (NHS, UKHSA, NICE); if you have doubts about it, discuss them with colleagues, not the public.",
    docs: RuleDocs {
        what: "Claims or advice against public-health guidance: \"don't bother with the flu jab, it gives you flu\", \"vaccines cause autism\", \"chemo is poison\".",
        why: "Misinformation from a health professional is believed, and it costs lives. Regulators expect health information you give to be accurate and evidence-based.",
        example: "Don't bother with the flu jab, it gives you flu",
        rewrite: "Flu jab done! It can't give you flu; book yours at your pharmacy",
        false_positives: "Posts that quote a myth in order to debunk it may still match.",
    },
    check,
};

/// A treatment or protection dismissed: "the jab isn't necessary", "masks never did anything",
/// "statins are a con".
static DISMISSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:jabs?|vaccines?|vaccinations?|immunisations?|boosters?|statins?|antibiotics|chemo(?:therapy)?|insulin|masks?|screening|smear tests?|mmr|hpv)(?-u:\b)[^.!?\n]{0,40}?(?-u:\b)(?:isn'?t necessary|not necessary|unnecessary|(?:is|are) pointless|(?:is|are) a (?:con|scam|waste)|never did anything|(?:is|are) poison|(?:is|are) dangerous|cause[sd]? (?:autism|cancer|infertility)|(?:do|does|doing|did|causing|cause) more harm than good)").expect("valid regex")
});

/// Advice against a vaccine or screening: "don't bother with the flu jab", "don't waste your
/// time with the HPV jab".
static DISCOURAGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:don'?t|do not|no need to|never|skip) (?:bother (?:with|getting)|waste your time (?:with|on)|get|have|give (?:your|them|her|him|the) (?:kids?|daughters?|sons?|children|baby) |let (?:them|her|him) have)?\s?(?:the |your |a |their )?(?:[a-z]+ ){0,2}(?:jabs?|vaccines?|vaccinations?|boosters?|mmr|smear tests?|screening)(?-u:\b)").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if d.has(Lex::Debunk) {
        return;
    }
    if flag_first(
        d,
        rule,
        Lex::AntiPublicHealth,
        "\"{}\": against public-health guidance.",
        out,
        |_| true,
    ) {
        return;
    }
    if !d.has(Lex::Medicine) {
        return;
    }
    // Each pattern needs one of its words in the draft: most drafts with a medicine have none,
    // and the substring scans cost far less than the regexes.
    let dismissed = || {
        crate::lower_has_any!(
            d,
            [
                "necessary",
                "pointless",
                "a con",
                "scam",
                "waste",
                "never did",
                "poison",
                "dangerous",
                "cause",
                "more harm"
            ]
        )
        .then(|| DISMISSED.find(d.cased()))
        .flatten()
    };
    let discouraged = || {
        crate::lower_has_any!(d, ["don", "do not", "no need", "never", "skip"])
            .then(|| DISCOURAGED.find(d.cased()))
            .flatten()
    };
    if let Some(m) = dismissed().or_else(discouraged) {
        out.push(rule.finding_quoting(
            d,
            m.start(),
            m.end(),
            "\"{}\": against public-health guidance.",
        ));
    }
}

#[cfg(test)]
mod tests {

    use crate::rules::testing::*;

    const R: &str = "anti-public-health";

    #[test]
    fn flags_misinformation() {
        assert_flags("Don't bother with the flu jab, it gives you flu", R);
        assert_flags("vaccines cause autism, do your own research", R);
    }

    #[test]
    fn myth_busting_is_clean() {
        assert_clean(
            "Myth: the flu jab gives you flu. Fact: it can't give you flu",
            R,
        );
    }

    #[test]
    fn flags_vaccines_said_to_do_more_harm_than_good() {
        assert_flags(
            "Flu jabs are doing more harm than good, I've seen it on the wards",
            R,
        );
        assert_clean("The restructure did more harm than good, if you ask me", R);
    }
}
