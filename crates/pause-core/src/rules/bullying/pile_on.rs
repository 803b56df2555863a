//! `pile-on`: calling on others to join in against someone.

use std::sync::LazyLock;

use regex::Regex;

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
        what: "Calls for others to go after someone: \"everyone go and tell @x what you think\", \"RT so she sees it\", \"report her account\"; shutting a colleague out of the team's chat or night out.",
        why: "A pile-on multiplies one grievance into hundreds of messages at one person. It is harassment even if each message seems mild, and the one who started it is responsible.",
        example: "Everyone go and tell @NurseKaz what you think of her views",
        rewrite: "I disagree with some views I've seen today; here's why",
        false_positives: "Asking people to share good news or a campaign with no one targeted.",
    },
    check,
};

/// Shutting someone out of the team's social life on purpose: "left Jo out of the group chat",
/// "kept him off the leaving do invite".
static EXCLUDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:left|leave|leaving|kept|keep|keeping) (?:[a-z']+ ){1,2}(?:out of|off) (?:the |our |my )?(?:[a-z']+ ){0,3}(?:chat|group|do|party|drinks|night out|invite|whatsapp|lunch|meal)(?-u:\b)").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if crate::lower_has_any!(d, [" out of ", " off "]) {
        if let Some(m) = EXCLUDED.find(d.lower()) {
            if d.person_near(m.start(), m.end(), 40).is_some() {
                out.push(rule.finding_quoting(
                    d,
                    m.start(),
                    m.end(),
                    "\"{}\": shutting a colleague out on purpose.",
                ));
                return;
            }
        }
    }
    for h in d.hits_of(Lex::PileOn) {
        // "Send her good vibes", "send him all your love": kindness asked for, not a pile-on.
        let kind = d.lower()[h.start..h.end].starts_with("send")
            && crate::any_of!(
                d.lower_after(h.end, 20),
                [
                    "vibes",
                    "love",
                    "a card",
                    "cards",
                    "best wishes",
                    "strength",
                    "hugs",
                    "get well",
                    "positive",
                    "prayers",
                    "thoughts",
                    "a message",
                    "flowers"
                ]
            );
        if !kind && d.person_near(h.start, h.end, 80).is_some() && !d.has(Lex::PositiveNews) {
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

    #[test]
    fn flags_pointing_people_at_someone_and_shutting_them_out() {
        assert_flags("Hop over to @ward9_sister and tell her what you think", R);
        assert_flags(
            "We left Marek out of the leaving do chat, nobody likes him",
            R,
        );
        assert_clean(
            "Left the leftover cake out of the fridge for the night team",
            R,
        );
        assert_clean("Head over to our website for the new rota app", R);
    }

    #[test]
    fn asking_people_to_send_love_is_not_a_pile_on() {
        assert_clean(
            "Tom from our physio team has finally been told it's asthma. Relieved for him. Send him good vibes x",
            R,
        );
    }
}
