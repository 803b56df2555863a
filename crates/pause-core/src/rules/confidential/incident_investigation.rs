//! `incident-investigation`: serious incidents and investigations while they run.

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

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let Some(h) = d.hits_of(Lex::Investigation).next() else {
        return;
    };
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
}
