//! `leaked-bad-news`: a leak whose news is bad for the author's own organisation.

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
    let leaked = out
        .iter()
        .any(|f| LEAKS.contains(&f.rule) && f.severity >= Severity::Medium);
    // Another reputation rule has already told the author: one finding is enough.
    let told = out
        .iter()
        .any(|f| f.category == Category::OrganisationReputation && f.severity >= Severity::Medium);
    if !leaked || told || not_own_bad_news(d) {
        return;
    }
    let Some(h) = d
        .hits_of(Lex::ServiceCut)
        .find(|h| !good_cut(d, h.start, h.end))
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
/// council is cutting the contract", "the neighbouring trust".
fn not_own_bad_news(d: &Draft<'_>) -> bool {
    crate::any_of!(
        d.lower(),
        [
            "moving to",
            "moving into",
            "moving onto",
            "relocating",
            "relocation",
            "relocated",
            "new site",
            "new build",
            "new block",
            "neighbouring",
            "another trust",
            "other trust",
            "other site",
            "national",
            "nhs england",
            "nhse",
            "government",
            "dhsc",
            "department of health",
            "icb",
            "council",
            "commissioner",
            "commissioners",
            "up the road",
            "across town",
            "one of the care homes",
            "a trust up north"
        ]
    )
}

/// A cut that is a result, not a loss: "cut readmissions by 31%", "a 31% cut in falls",
/// "cut-off", "not cut out for this".
fn good_cut(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let term = &d.lower()[start..end];
    if !matches!(term, "cut" | "cuts" | "cutting") {
        return false;
    }
    let after = d.lower_after(end, 45);
    let before = d.lower_before(start, 3);
    after.contains(" by ")
        || after.starts_with(" in ")
        || after.starts_with(['-', '\u{2011}'])
        || after.starts_with(" out")
        || after.starts_with(" off")
        || before.trim_end().ends_with('%')
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
            "Leaked email from the council: the outreach contract is being cut by 40% next year. Not announced yet",
            R,
        );
        // Bad news that is not a leak is `employer-criticism`'s to judge, not this rule's.
        assert_clean("They're closing the birth centre in June and I'm gutted", R);
    }
}
