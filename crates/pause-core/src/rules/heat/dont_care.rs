//! `dont-care`: Saying the consequences do not matter: "I don't care who reads this", "sack me then", "going to the press".

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{flag_first, Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "dont-care",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "If you expect trouble from it, pause. Take the concern to your manager or the Freedom to Speak Up guardian, where it is protected.",
    docs: RuleDocs {
        what: "Saying the consequences do not matter: \"I don't care who reads this\", \"sack me then\", \"going to the press\".",
        why: "\"I don't care who reads this\" is the surest sign a post will be regretted: it usually means the author expects it to cause trouble.",
        example: "I don't care who reads this, this place is a joke",
        rewrite: "Frustrated today; I'm going to raise it properly rather than vent here",
        false_positives: "Quoting someone else's words.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    flag_first(
        d,
        rule,
        Lex::DontCare,
        "\"{}\": a sign this may be a post you regret.",
        out,
        |_| true,
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn flags_not_caring_who_reads() {
        assert_flags("I don't care who reads this", "dont-care");
        assert_flags("Sack me then", "dont-care");
    }

    #[test]
    fn ordinary_indifference_is_clean() {
        assert_clean(
            "I don't care what flavour cake, just bring cake",
            "dont-care",
        );
    }
}
