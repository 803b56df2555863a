//! `threat`: threats and incitement to harm.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "threat",
    category: Category::BullyingHarassment,
    severity: Severity::High,
    policy: clauses::R11,
    suggestion: "Don't post this. If someone has made you this angry, talk to your manager, occupational health or your union today.",
    docs: RuleDocs {
        what: "Threats or wishes of harm aimed at someone: \"watch your back\", \"someone needs to slap him\", \"I know where she lives\".",
        why: "A threat online is harassment and can be a crime, whatever the intent. It ends careers faster than anything else here.",
        example: "Whoever keeps nicking my lunch, watch your back",
        rewrite: "Whoever keeps borrowing my lunch, please stop, I'm starving!",
        false_positives: "Figures of speech with no person (\"punch above our weight\").",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::Threat) {
        let phrase = &d.lower()[h.start..h.end];
        let explicit = phrase.contains(' ');
        let after = &d.lower()[h.end..];
        // "I've been asking for it for months": a request, not "she was asking for it".
        if phrase.starts_with("asking for") && d.lower_before(h.start, 8).ends_with("been ") {
            continue;
        }
        if !explicit
            && (after.starts_with(" some")
                || after.starts_with(" on ")
                || after.starts_with(" it on"))
        {
            continue;
        }
        let aimed = d.person_near(h.start, h.end, 60).is_some()
            || super::second_person_near(d, h.start, h.end);
        if (explicit && !phrase.starts_with("be careful") && !phrase.starts_with("or else"))
            || aimed
        {
            out.push(rule.finding_at_hit(d, h, "\"{}\" reads as a threat."));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "threat";

    #[test]
    fn flags_threats() {
        assert_flags("Whoever keeps nicking my lunch, watch your back", R);
        assert_flags("Someone needs to slap him before he kills a patient", R);
    }

    #[test]
    fn figures_of_speech_are_clean() {
        assert_clean("Our little team really punches above its weight", R);
        assert_clean(
            "They've refused my study leave again and I've been asking for it since March",
            R,
        );
    }
}
