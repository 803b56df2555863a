//! `discrimination`: slurs and demeaning generalisations about protected characteristics.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "discrimination",
    category: Category::BullyingHarassment,
    severity: Severity::High,
    policy: clauses::R12,
    suggestion: "Don't post this. Comments about people's race, nationality, religion, sex, sexuality, age, weight or disability hurt colleagues and patients, and are a serious breach of professional standards.",
    docs: RuleDocs {
        what: "Slurs, and demeaning generalisations about a group defined by a protected characteristic (race, nationality, religion, sex, sexuality, age, weight, disability, pregnancy): \"the foreign nurses can't even speak English\".",
        why: "Discriminatory remarks are unlawful at work and breach every regulator's standards; patients and colleagues from that group read them too.",
        example: "Half the foreign nurses can't even speak English properly",
        rewrite: "Our international nurses bring so much; let's make induction better for everyone",
        false_positives: "Clinical and equality language (\"support for disabled staff\", \"menopause policy\"), and reporting discrimination as a topic.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if let Some(h) = d.hits_of(Lex::DiscriminatoryPhrase).next() {
        out.push(rule.finding_at_hit(d, h, "\"{}\" is discriminatory."));
        return;
    }
    if let Some(h) = d.hits_of(Lex::Slur).next() {
        out.push(rule.finding_at_hit(d, h, "\"{}\" is a slur."));
        return;
    }
    for h in d.hits_of(Lex::Stereotype) {
        if let Some(g) = d
            .near(Lex::ProtectedGroup, h.start, h.end, 90)
            .or_else(|| d.near_any(Lex::ProtectedGroup, h.start, h.end, 130))
        {
            let (s, e) = (h.start.min(g.start), h.end.max(g.end));
            let group = d.original_text(g.start, g.end);
            out.push(rule.finding(
                d,
                s,
                e,
                format!("A demeaning generalisation about {group}."),
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "discrimination";

    #[test]
    fn flags_slurs_and_stereotypes() {
        assert_flags(
            "Half the foreign nurses can't even speak English properly",
            R,
        );
        assert_flags("Women shouldn't be surgeons, too hormonal", R);
        assert_flags("what a retard", R);
    }

    #[test]
    fn equality_language_is_clean() {
        assert_clean(
            "Proud to support our international nurses through their OSCEs",
            R,
        );
        assert_clean("New menopause policy for staff launched today", R);
    }
}
