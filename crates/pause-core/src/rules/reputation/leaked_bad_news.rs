//! `leaked-bad-news`: a leak whose news is bad for the author's own organisation.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "leaked-bad-news",
    category: Category::OrganisationReputation,
    severity: Severity::Medium,
    policy: clauses::R14,
    suggestion: "If the change worries you, for patients or for staff, say so inside: at the consultation, to your manager, or to your Freedom to Speak Up guardian. Leaked first, the story is the organisation's failure and your breach.",
    docs: RuleDocs {
        what: "A leak (an embargoed announcement, an internal memo, private board papers, an investigation) whose news is bad for the service or its staff: a closure, a freeze, cuts, redundancies, a poor rating, patients not told.",
        why: "News of cuts or a poor rating that reaches the public through a leak, before the organisation can explain it or consult on it, lands as a story about the organisation failing its patients and staff, on top of the breach of confidence.",
        example: "Private board papers say they're closing the birth centre in June. Families haven't been told.",
        rewrite: "Private board papers go to the board in June: I'll wait for the announcement",
        false_positives: "Good news under embargo (a new unit, research that cut readmissions by a third), relocations (\"closing and moving to the new site\"), and bad news about another organisation, a commissioner, the council or the government.",
    },
    check,
};

/// The confidential rules whose findings make the post a leak of the organisation's own news.
const LEAKS: &[&str] = &[
    "embargoed-news",
    "internal-documents",
    "incident-investigation",
    "confidential-term",
];

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Cheapest first: most posts have no service-cut word at all. Then a leak found by a
    // confidential rule at whatever severity the policy gives it (a rule the policy turns off
    // finds nothing, and this rule is silent with it), and no reputation finding yet.
    if !d.has(Lex::ServiceCut)
        || !out.iter().any(|f| LEAKS.contains(&f.rule))
        || super::already_told(out)
        || OTHER_BODY.is_match(d.lower())
    {
        return;
    }
    let Some(h) = d
        .hits_of(Lex::ServiceCut)
        .find(|h| !not_a_loss(d, h.start, h.end))
    else {
        return;
    };
    let word = d.original_text(h.start, h.end);
    out.push(rule.finding(
        d,
        h.start,
        h.end,
        format!(
            "\"{word}\" in a leak: bad news about your own organisation before it is announced."
        ),
    ));
}

/// The news is a move, or it is another body's: "closing and moving to the new site", "the
/// council is cutting the contract", "the neighbouring trust" (whole words: "international"
/// is not "national").
static OTHER_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:moving (?:to|into|onto) (?:the |a )?(?:new|bigger|main|other)|relocat(?:ing|ion|ed)|new site|new build|new block|neighbouring|another trust|other trust|other site|national (?:policy|guidance|review|strategy|cuts?)|nhs england|nhse|the government|government is|dhsc|department of health|the icb|icb is|icb are|the council|council is|council are|commissioners?|up the road|across town|one of the care homes|a trust up north)(?-u:\b)").expect("valid regex")
});

/// A cut that is a result: of a measure ("cut waits", "cut readmissions"), or by an amount
/// ("cut mortality by 30%", "by nearly a third"; not "cut by April").
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:[a-z0-9-]+ ){0,3}?(?:waits?|waiting|readmissions?|admissions|attendances|conveyances?|infections?|falls|delays?|absence|errors?|recurrence|length of stay|heart attacks|strokes|exacerbations|cancellations|dnas|no-shows|mortality|appointments)(?-u:\b)|^[^.!?]{0,45}? by (?:\d|a third|a quarter|a fifth|half|nearly|almost|over|more than|around|about|roughly|up to)").expect("valid regex")
});

/// A service-cut word that is no loss: a cut that is a result ("cut readmissions by 31%", "a
/// 31% cut in falls", "cut-off"), "half cut", a wound closure, a closing date, "no job losses".
fn not_a_loss(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let term = &d.lower()[start..end];
    let after = d.lower_after(end, 48);
    let before = d.lower_before(start, 12);
    // "no job losses", "without redundancies", "no job cuts": the news is that there is none
    // (a word or two back, for the shorter term inside a longer one).
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    if words
        .iter()
        .any(|w| matches!(*w, "no" | "without" | "zero"))
    {
        return true;
    }
    match term {
        "cut" | "cuts" | "cutting" => {
            MEASURE.is_match(after)
                || (before.trim_end().ends_with('%') && after.starts_with(" in "))
                || after.starts_with('-')
                || after.starts_with(" out")
                || before.ends_with("half ")
        }
        "closure" => crate::any_of!(before, ["wound", "skin", "loop", "gap"]),
        "closing" => {
            after.starts_with(" date")
                || after.starts_with(" the gap")
                || after.starts_with(" remarks")
                || after.starts_with(" ceremony")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "leaked-bad-news";

    #[test]
    fn a_leak_of_cuts_is_bad_news_about_the_employer() {
        let f = assert_flags(
            "Heard at the exec briefing today that they're closing the birth centre in June. Not public yet so you didn't hear it from me",
            R,
        );
        assert_eq!(f.category.id(), "organisation-reputation");
        assert_span(
            "Internal memo today: all band 6 vacancies on the liver unit frozen till March. Screenshot below",
            R,
            "frozen",
        );
        // Real cuts, whatever follows them, and an international post is not national news.
        assert_flags(
            "Internal memo: 40 nursing posts will be cut by April. Screenshot below",
            R,
        );
        assert_flags(
            "Internal memo: all international nurse posts frozen from Monday. Not announced yet",
            R,
        );
    }

    #[test]
    fn good_news_moves_and_other_bodies_are_not() {
        assert_clean(
            "Embargoed till Thursday but our pilot cut 30-day readmissions by 31%!!",
            R,
        );
        assert_clean(
            "Not supposed to say yet but Ward 22 is closing in June and moving to the new block. Not announced yet so shhh",
            R,
        );
        assert_clean(
            "Leaked email: the council is closing the outreach service in April. Not announced yet",
            R,
        );
        assert_clean(
            "Embargoed till Monday: our new pathway has cut waiting times to six weeks",
            R,
        );
        assert_clean(
            "Internal memo: closing date for the staff award nominations is Friday",
            R,
        );
        assert_clean(
            "Embargoed till the conference: our trial of a new wound closure technique halved infections",
            R,
        );
        assert_clean(
            "Internal memo: the GP team is being redeployed in the trust, no job losses. Not announced yet",
            R,
        );
        assert_clean(
            "Internal memo: GP team restructure agreed, no job cuts. Not announced yet",
            R,
        );
        // Bad news that is not a leak is `employer-criticism`'s to judge, not this rule's.
        assert_clean("They're closing the birth centre in June and I'm gutted", R);
    }
}
