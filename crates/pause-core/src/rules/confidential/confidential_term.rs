//! `confidential-term`: the organisation's codenames and unannounced projects, from its policy.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_hits, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "confidential-term",
    category: Category::ConfidentialInformation,
    severity: Severity::High,
    policy: clauses::R16,
    suggestion: "Leave the codename out; it names work the organisation has not announced.",
    docs: RuleDocs {
        what: "A term the organisation's policy lists as confidential (`[confidential] terms`), such as a project codename.",
        why: "Codenames exist because the work is not public. Mentioning one online tells people something is coming and invites questions the organisation cannot answer yet.",
        example: "Long day on Project Falcon, can't wait till we can talk about it",
        rewrite: "Long day on a project I'm excited about",
        false_positives: "None by design: only terms the organisation listed are matched.",
    },
    check,
};

static CODENAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?-u:\b)(?:Project|Operation|Programme|Codename|Code name|Code-name) ['"]?[A-Z][a-z]+\b"#,
    )
    .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let before = out.len();
    flag_hits(
        d,
        rule,
        Lex::PolicyConfidential,
        "\"{}\" is one of your organisation's confidential terms.",
        out,
        |_| true,
    );
    if out.len() == before {
        // "Project Management", "Programme Board": a job or a meeting, not a codename.
        const GENERIC: &[&str] = &[
            "Management",
            "Manager",
            "Managers",
            "Board",
            "Lead",
            "Leads",
            "Team",
            "Officer",
            "Support",
            "Director",
            "Plan",
            "Planning",
            "Office",
            "Delivery",
            "Coordinator",
        ];
        if let Some(m) = CODENAME.find_iter(d.cased()).find(|m| {
            let name = m.as_str().rsplit([' ', '\'', '"']).next().unwrap_or("");
            !GENERIC.contains(&name)
        }) {
            let mut f = rule.finding_quoting(
                d,
                m.start(),
                m.end(),
                "\"{}\" looks like a project codename.",
            );
            f.severity = Severity::Medium;
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "confidential-term";

    #[test]
    fn flags_policy_terms_even_disguised() {
        assert_span("Long day on Project Falcon", R, "Project Falcon");
        assert_flags("Long day on Prоject Fаlcon", R);
    }

    #[test]
    fn other_projects_are_clean() {
        assert_clean("Long day on the falconry project at the zoo", R);
    }

    #[test]
    fn a_job_or_a_course_is_not_a_codename() {
        assert_clean(
            "Replying to the thread about Project Management courses: PRINCE2 was useful",
            R,
        );
        assert_flags("Long day on Operation Kestrel, can't say more", R);
    }
}
