//! `incident-investigation`: serious incidents and investigations while they run.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "incident-investigation",
    category: Category::ConfidentialInformation,
    severity: Severity::Medium,
    policy: clauses::R16,
    suggestion: "Leave the investigation to run its course; share learning once it is published and anonymised.",
    docs: RuleDocs {
        what: "A particular serious incident, never event, root cause analysis or investigation: \"the RCA into last week's never event\", \"she's been suspended pending the investigation\".",
        why: "Investigations are confidential while they run: the people involved have a right to a fair process, families must hear first, and early accounts are often wrong.",
        example: "Our RCA into last week's never event on ward 9 is going to be grim",
        rewrite: "Learning from incidents matters; our patient safety team shares lessons once reviews are done",
        false_positives: "Teaching about incident reporting in general (\"how to write a good Datix\") and published reports.",
    },
    check,
};

/// The post says the outcome is already public: "published today", "the report is out", "the
/// determination is public", "on the NMC website".
static PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\w+ )?(?:published|is out|are out|is public|are public|publicly available|announced|on (?:the|their|its) (?:\w+ )?website|annual report|national report)(?-u:\b)").expect("valid regex")
});

/// Whether the draft says the investigation's outcome is public, and does not deny it
/// ("not published yet").
fn already_public(d: &Draft<'_>) -> bool {
    PUBLIC.captures_iter(d.lower()).any(|c| {
        !c.get(1).is_some_and(|w| {
            matches!(
                w.as_str().trim(),
                "not" | "never" | "yet" | "unpublished" | "isn't" | "wasn't"
            )
        })
    })
}

/// A wish, not an investigation: "should be struck off".
fn wished_for(d: &Draft<'_>, start: usize) -> bool {
    d.preceded_by(
        start,
        24,
        &[
            "should be ",
            "ought to be ",
            "deserves to be ",
            "needs to be ",
        ],
    )
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let Some(h) = d
        .hits_of(Lex::Investigation)
        .find(|h| !wished_for(d, h.start))
    else {
        return;
    };
    if already_public(d) {
        return;
    }
    // A particular incident: ours, recent, on a ward, or about a patient; not teaching.
    let lower = d.lower();
    let particular = d.has(Lex::TimeReference)
        || d.has(Lex::EmployerGeneric)
        || d.has(Lex::PolicyEmployer)
        || d.has(Lex::HospitalPlace)
        || d.has(Lex::PatientContext)
        || lower.contains("our ")
        || lower.contains(" we ")
        || d.person_near(h.start, h.end, 100).is_some();
    let teaching = d.has(Lex::Signposting) && !d.has(Lex::TimeReference);
    if particular && !teaching {
        out.push(rule.finding_at_hit(
            d,
            h,
            "\"{}\": details of an investigation that is not public.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "incident-investigation";

    #[test]
    fn flags_particular_investigations() {
        assert_flags(
            "Our RCA into last week's never event on ward 9 is going to be grim",
            R,
        );
        assert_flags(
            "She's been suspended pending the serious incident review",
            R,
        );
    }

    #[test]
    fn teaching_is_clean() {
        assert_clean("Great training session: what makes a good root cause analysis? Evidence and guidance here", R);
    }

    #[test]
    fn published_outcomes_are_clean() {
        assert_clean(
            "The tribunal decision on the nurse from Leeds was published this week and the full determination is on the NMC website",
            R,
        );
        assert_clean(
            "The HSSIB report on our sector is out today, worth a read",
            R,
        );
        assert_flags(
            "Our RCA into Tuesday's never event is done but not published yet, it's grim",
            R,
        );
    }

    #[test]
    fn a_wish_is_not_an_investigation() {
        assert_clean("That agency nurse should be struck off, honestly", R);
    }
}
