//! `internal-documents`: memos, internal e-mails, draft reports and board papers.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "internal-documents",
    category: Category::ConfidentialInformation,
    severity: Severity::Medium,
    policy: clauses::R16,
    suggestion: "Don't share or quote internal documents. If something in one worries you, raise it with your manager or the Freedom to Speak Up guardian.",
    docs: RuleDocs {
        what: "Internal memos, all-staff e-mails, draft reports, private board business, and screenshots of them.",
        why: "Internal documents are the organisation's information, shared with staff to do their jobs. Posting or quoting them, especially drafts that may change, breaches the employer's policy and can mislead the public.",
        example: "Leaked memo says the trust wants 40 posts cut from pharmacy by April",
        rewrite: "Worried about what workforce plans mean for pharmacy; I'll ask at the staff briefing",
        false_positives: "Published board papers and reports, and internal documents mentioned without their content.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let Some(h) = d.hits_of(Lex::InternalDocument).next() else {
        return;
    };
    let published = crate::lower_has_any!(
        d,
        [
            "published",
            "announced",
            "launched",
            "now public",
            "out today"
        ]
    );
    if published && !crate::lower_has_any!(d, ["leak", "draft", "not yet", "before"]) {
        return;
    }
    let mut f = rule.finding_at_hit(
        d,
        h,
        "\"{}\": internal material that is not for publication.",
    );
    if d.near(Lex::PhotoWord, h.start, h.end, 80).is_some()
        || d.lower()[h.start..h.end].contains("leak")
    {
        f.severity = Severity::High;
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "internal-documents";

    #[test]
    fn flags_internal_documents() {
        assert_flags("Leaked memo says 40 posts to go from pharmacy", R);
        assert_flags("Screenshot of the email from the chief exec below", R);
        assert_flags("The draft CQC report is brutal", R);
    }

    #[test]
    fn everyday_phrases_are_clean() {
        assert_clean("Clearly I didn't get the memo about the dress code", R);
    }
}
