//! `endorsement`: paid endorsements, discount codes and affiliate links.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "endorsement",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R10,
    suggestion: "As a health professional your recommendation carries weight. Don't promote products for payment or codes; if you do recommend something, declare any interest plainly and never promote prescription medicines.",
    docs: RuleDocs {
        what: "Paid endorsements, discount codes, affiliate links, #ad and #sponsored posts, multi-level-marketing recruitment.",
        why: "People trust health professionals' recommendations. Being paid for them is a conflict of interest that must be declared, and promoting medicines or health products for gain can mislead patients and breach professional standards.",
        example: "Loving these vitamins for night shifts! Use my code PHARM20 for 20% off",
        rewrite: "What helps me on night shifts: sleep, water, and a proper meal before I start",
        false_positives: "Unpaid recommendations of books, courses and charities; sponsorship the post declares through the proper route (conflicts of interest, comms approval) or turns down.",
    },
    check,
};

static PERCENT_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d{1,2}\s?% off(?-u:\b)[^.!?\n]{0,40}(?-u:\b)(?:code|link|bio|use|with|using)(?-u:\b)|(?-u:\b)(?:code|link|bio)(?-u:\b)[^.!?\n]{0,40}(?-u:\b)\d{1,2}\s?% off(?-u:\b)").expect("valid regex")
});

/// Sponsorship that the post declares through the proper route ("declared under our conflicts
/// of interest policy", "approved by comms") or turns down ("Said no", "I don't do sponsored
/// posts").
fn declared_or_refused(d: &Draft<'_>) -> bool {
    crate::lower_has_any!(
        d,
        [
            "declared under",
            "declared on our",
            "declared in our",
            "conflicts of interest",
            "conflict of interest",
            "approved by comms",
            "approved by our comms",
            "cleared with our",
            "said no",
            "i said no",
            "don't do sponsored",
            "dont do sponsored",
            "never do sponsored",
            "i don't do ads",
            "turned it down",
            "turned them down",
        ]
    )
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // (Most drafts have neither an endorsement word nor a '%': no phrase search for them.)
    if !d.has(Lex::Endorsement) && !d.has_byte(b'%') || declared_or_refused(d) {
        return;
    }
    if flag_first(
        d,
        rule,
        Lex::Endorsement,
        "\"{}\": a paid endorsement or promotion.",
        out,
        |_| true,
    ) {
        return;
    }
    if !d.has_byte(b'%') {
        return;
    }
    if let Some(m) = PERCENT_OFF.find(d.cased()) {
        out.push(rule.finding(
            d,
            m.start(),
            m.end(),
            "A discount for your followers: a promotion.".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "endorsement";

    #[test]
    fn flags_codes_and_ads() {
        assert_flags("Use my code PHARM20 for 20% off these vitamins", R);
        assert_flags("#ad these compression socks saved my night shifts", R);
    }

    #[test]
    fn unpaid_recommendations_are_clean() {
        assert_clean(
            "Really recommend the RPS leadership course, it changed how I work",
            R,
        );
    }

    #[test]
    fn declared_or_refused_sponsorship_is_clean() {
        assert_clean(
            "Our hydration stall at the staff wellbeing day is sponsored by a local firm, declared under our conflicts of interest policy",
            R,
        );
        assert_clean(
            "A vitamin brand offered me a paid partnership. I said no: I recommend what the evidence supports, not who pays",
            R,
        );
    }
}
