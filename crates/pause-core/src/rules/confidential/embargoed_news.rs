//! `embargoed-news`: news shared before it is announced, or in confidence.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "embargoed-news",
    category: Category::ConfidentialInformation,
    severity: Severity::High,
    policy: clauses::R16,
    suggestion: "Wait until it is announced, then share the official news. If you were told in confidence, keep it that way.",
    docs: RuleDocs {
        what: "Words that mark news as embargoed, unannounced or told in confidence: \"embargoed until\", \"not announced yet\", \"off the record\", \"don't tell anyone but\", \"leaked\".",
        why: "Embargoed and unannounced news belongs to the organisation (or a conference, or a journal) until it is released. Leaking it breaks trust, can breach contracts and market rules, and is a disciplinary matter under NHS trust policies.",
        example: "Not announced yet but the maternity unit is closing in March, keep it quiet",
        rewrite: "Looking forward to hearing the trust's plans for maternity services",
        false_positives: "Public announcements and embargoes that have lifted (the post says \"the embargo has lifted\").",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has(Lex::Embargo) {
        return;
    }
    if crate::lower_has_any!(
        d,
        [
            "embargo has lifted",
            "embargo lifted",
            "embargo is lifted",
            "embargo has been lifted",
            "now been announced",
            "now public",
            "officially announced today",
            "once the embargo lifts",
            "when the embargo lifts",
            "no spoilers",
            "i'll post the link",
        ]
    ) {
        return;
    }
    flag_first(
        d,
        rule,
        Lex::Embargo,
        "\"{}\": this reads as news that is not public yet.",
        out,
        |_| true,
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "embargoed-news";

    #[test]
    fn flags_embargoed_and_unannounced_news() {
        assert_span(
            "Not announced yet but the maternity unit is closing",
            R,
            "Not announced",
        );
        assert_flags(
            "Embargoed till 00:01 Thursday: our trial hit its endpoint",
            R,
        );
        assert_flags("off the record, the CEO is leaving", R);
    }

    #[test]
    fn public_news_is_clean() {
        assert_clean(
            "The trust announced today that the new cancer centre opens in May",
            R,
        );
        // A bag checked before it leaves the dispensary is not news.
        assert_clean(
            "pls recheck the bag before it goes out, wrong strength on the label",
            R,
        );
    }
}
