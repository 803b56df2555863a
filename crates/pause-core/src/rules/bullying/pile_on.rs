//! `pile-on`: calling on others to join in against someone.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "pile-on",
    category: Category::BullyingHarassment,
    severity: Severity::Medium,
    policy: clauses::R11,
    suggestion: "Don't rally others against a person. If they did something wrong, report it once, through the proper route.",
    docs: RuleDocs {
        what: "Calls for others to go after someone: \"everyone go and tell @x what you think\", \"RT so she sees it\", \"report her account\".",
        why: "A pile-on multiplies one grievance into hundreds of messages at one person. It is harassment even if each message seems mild, and the one who started it is responsible.",
        example: "Everyone go and tell @NurseKaz what you think of her views",
        rewrite: "I disagree with some views I've seen today; here's why",
        false_positives: "Asking people to share good news or a campaign with no one targeted.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::PileOn) {
        if d.person_near(h.start, h.end, 80).is_some() && !d.has(Lex::PositiveNews) {
            out.push(rule.finding_at_hit(
                d,
                h,
                "\"{}\": calling others to join in against someone.",
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "pile-on";

    #[test]
    fn flags_pile_ons() {
        assert_flags(
            "Everyone go and tell @NurseKaz what you think of her views",
            R,
        );
        assert_flags("RT so she sees it", R);
    }

    #[test]
    fn sharing_campaigns_is_clean() {
        assert_clean("RT if you've had your flu jab! Proud of our uptake", R);
    }
}
