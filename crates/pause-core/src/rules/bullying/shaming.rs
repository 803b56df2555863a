//! `shaming`: photos and posts that shame a colleague in public.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "shaming",
    category: Category::BullyingHarassment,
    severity: Severity::Medium,
    policy: clauses::R11,
    suggestion: "Don't post photos of colleagues without their consent, least of all to shame them. If there is a real problem, tell their manager.",
    docs: RuleDocs {
        what: "Shaming someone in public: a photo of a colleague caught asleep or in a bad moment, or \"name and shame\".",
        why: "Shaming photos humiliate people who cannot answer back, often break the employer's rules on photos at work, and are a form of bullying.",
        example: "Caught her asleep on nights again, pic below 📸",
        rewrite: "Night shifts are brutal; make sure you take your breaks",
        false_positives: "Photos of colleagues who are celebrated (\"look at this amazing team\").",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::Shaming) {
        let phrase = &d.lower()[h.start..h.end];
        let strong = phrase.contains("shame")
            || phrase.contains("asleep")
            || phrase.contains("sleeping")
            || phrase.starts_with("caught")
            || phrase.contains("state of");
        let photo = d.has(Lex::PhotoWord);
        let person = d.person_near(h.start, h.end, 80).is_some();
        let praise = d.has(Lex::PositiveNews);
        let mocked = photo && person && d.has(Lex::Insult);
        let named =
            mocked || phrase.contains("name and shame") || phrase.contains("naming and shaming");
        if (strong && (photo || person) && !praise) || named {
            out.push(rule.finding_at_hit(d, h, "\"{}\": shaming someone in public."));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "shaming";

    #[test]
    fn flags_shaming() {
        assert_flags("Caught her asleep on nights again, pic below 📸", R);
        assert_flags("Time to name and shame the agency that sent him", R);
    }

    #[test]
    fn celebration_is_clean() {
        assert_clean("Look at this amazing team after the audit!", R);
    }
}
