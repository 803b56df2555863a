//! `leader-accused`: wrongdoing pinned on one of the author's own organisation's leaders.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::defamation::accusation;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "leader-accused",
    category: Category::OrganisationReputation,
    severity: Severity::Medium,
    policy: clauses::R14,
    suggestion: "If you believe a manager is doing wrong, report it where it can be investigated: counter-fraud, your Freedom to Speak Up guardian, or the director above them. In public it becomes a story about your employer, and about you.",
    docs: RuleDocs {
        what: "An accusation of wrongdoing (the `accusation` rule's) whose target is a leader of your own organisation: \"our chief pharmacist\", \"our finance director\", \"my ward manager\", \"the practice partners\", \"HR\".",
        why: "When a manager or director of your own trust is said to lie, cover up or fiddle the figures, readers take it as a claim about the organisation they run, not only about one person: it damages the employer's reputation as well as being a possible defamation.",
        example: "Our estates director took backhanders from the contractor",
        rewrite: "I've raised a concern about how some finance decisions were made with our counter-fraud team",
        false_positives: "A former employer (\"my old manager\"), a manager at an outside firm (\"our account manager at Acme Pharma\"), leaders of another organisation, and a leader who is the subject of praise, not an accusation.",
    },
    check,
};

/// "our" or "my", then up to two words, right before the target: "our new ward manager".
static OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z])(?:our|my) (?:[a-z'-]+ ){0,2}$").expect("valid regex")
});

/// A leader's role, somewhere in the target.
static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:managers?|directors?|matron|chief|head|heads|execs?|executives?|board|ceo|hr|partners|management|superintendent|leads?|procurement|finance)(?-u:\b)").expect("valid regex")
});

/// Not the author's organisation now: a former one, or a manager at an outside firm.
static NOT_OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:old|former|ex|previous|account|icb|commissioner)(?-u:\b)|lead apron")
        .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // `employer-criticism` (registered just before) already tells the author this post is a
    // claim about their employer: one finding is enough.
    if out
        .iter()
        .any(|f| f.rule == super::employer_criticism::RULE.id && f.severity >= Severity::Medium)
    {
        return;
    }
    let Some(a) = accusation::accused(d) else {
        return;
    };
    let (ts, te) = a.target;
    let target = &d.lower()[ts..te];
    let before = d.lower_before(ts, 24);
    let own = target.starts_with("our ")
        || target.starts_with("my ")
        || (OWN.is_match(before) && !before.ends_with("the ") && !before.contains("my words"));
    // The role word and what follows it ("our lead apron", "our account manager at Acme").
    let after = d.lower_after(te, 16);
    let context = format!("{before}{target}{after}");
    if !own
        || !LEADER.is_match(target)
        || NOT_OWN.is_match(&context)
        || after.trim_start().starts_with("at ")
    {
        return;
    }
    let who = d.original_text(ts, te);
    let word = d.original_text(a.start, a.end);
    out.push(rule.finding(
        d,
        ts,
        te,
        format!("\"{word}\" said of {who}, a leader of your own organisation."),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "leader-accused";

    #[test]
    fn an_own_leader_accused_is_a_claim_about_the_employer() {
        let f = assert_flags("Our finance director is a liar and a fraud", R);
        assert_eq!(f.category.id(), "organisation-reputation");
        assert_span(
            "Our estates director took backhanders from the contractor",
            R,
            "Our estates director",
        );
        assert_flags(
            "Everyone on the unit knows our new ward manager lied at the inquest",
            R,
        );
    }

    #[test]
    fn one_reputation_finding_when_employer_criticism_already_fired() {
        let text =
            "Our finance director has been fiddling the books for years and everyone knows it";
        assert_flags(text, "employer-criticism");
        assert_clean(text, R);
    }

    #[test]
    fn outsiders_former_employers_and_colleagues_are_not_the_employer() {
        // A supplier, and an ordinary colleague: an accusation, not a claim about the employer.
        assert_clean(
            "MediSupply Ltd are crooks who knowingly sold us short-dated stock",
            R,
        );
        assert_clean("Dr Shah is a crook and a liar", R);
        assert_clean("Mark my words the new PCN manager lied on her CV", R);
        assert_clean(
            "My old manager Sharon took kickbacks from the agency for years",
            R,
        );
        assert_clean(
            "Our account manager at Bridgewater Pharma Distribution is pocketing the expedite fees",
            R,
        );
        // Praise with no accusation.
        assert_clean("Our chief pharmacist is a legend, thank you Priya", R);
    }
}
