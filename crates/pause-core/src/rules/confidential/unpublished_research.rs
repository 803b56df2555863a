//! `unpublished-research`: results of research, trials and audits before publication.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "unpublished-research",
    category: Category::ConfidentialInformation,
    severity: Severity::Medium,
    policy: clauses::R16,
    suggestion: "Wait for publication or the embargo to lift; then link to the paper or abstract.",
    docs: RuleDocs {
        what: "Results of research, trials or audits shared before publication: \"interim results\", \"unpublished data\", \"our trial data shows\".",
        why: "Sharing results before publication can void a journal or conference embargo, mislead people with unchecked findings, and breach the study's confidentiality agreements.",
        example: "Interim results from our trial look amazing, 40% fewer readmissions!",
        rewrite: "Really looking forward to sharing our trial results once they're published",
        false_positives: "Published research, conference talks after they are given, and plans to publish.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    flag_first(
        d,
        rule,
        Lex::Unpublished,
        "\"{}\": results that are not published yet.",
        out,
        |_| true,
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "unpublished-research";

    #[test]
    fn flags_unpublished_results() {
        assert_flags("Interim results from our trial look amazing", R);
        assert_flags("Sneak preview of our unpublished audit data", R);
    }

    #[test]
    fn published_work_is_clean() {
        assert_clean(
            "Our paper on antimicrobial stewardship is out today in the BMJ",
            R,
        );
    }
}
