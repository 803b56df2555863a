//! `shaming`: photos and posts that shame a colleague in public.

use std::sync::LazyLock;

use regex::Regex;

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
        what: "Shaming someone in public: a photo of a colleague caught asleep or in a bad moment, a sneaky pic, a screenshot shared to mock, or \"name and shame\".",
        why: "Shaming photos humiliate people who cannot answer back, often break the employer's rules on photos at work, and are a form of bullying.",
        example: "Caught her asleep on nights again, pic below 📸",
        rewrite: "Night shifts are brutal; make sure you take your breaks",
        false_positives: "Photos of colleagues who are celebrated (\"look at this amazing team\").",
    },
    check,
};

/// Whether the photo just before `end` is of a person: "sneaky pic of Jo", "of the new reg",
/// "snapped her" (not "of the cake").
fn of_a_person(d: &Draft<'_>, end: usize) -> bool {
    let rest = d.cased()[end..]
        .strip_prefix(" of ")
        .unwrap_or(&d.cased()[end..]);
    let next = rest
        .trim_start()
        .split([' ', ',', '.'])
        .next()
        .unwrap_or("");
    let named =
        next.starts_with(|c: char| c.is_ascii_uppercase()) && !crate::draft::is_common_word(next);
    named
        || d.hits_in(end, end + 18)
            .any(|r| r.lex == Lex::PersonRole && r.start >= end)
}

/// Someone exposed on purpose: "tagged her so the whole company sees", "pic attached so everyone
/// can see", "posting the rota so everyone can see which lazy cow swapped".
static EXPOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:tag(?:ged|ging)?|post(?:ed|ing)?|pic|photo|picture|video|screenshot(?:ting|ted)?|shar(?:e|ed|ing)|stitch(?:ing|ed)?|rt|badge|sticking it|stuck it)(?-u:\b)[^.!?\n]{0,60}?(?-u:\b)so (?:everyone|everybody|the whole [a-z]+|all of you|you all) (?:knows|know|can see|sees|see|can laugh|can enjoy)(?-u:\b)")
        .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // A rota or a login pinned up "so everyone can book" is not aimed at anyone.
    let lower = d.lower();
    let exposing = crate::lower_has_any!(
        d,
        ["so every", "so the whole", "so all of you", "so you all"]
    );
    if let Some(m) = EXPOSED.find(if exposing { lower } else { "" }) {
        let aimed = d.person_near(m.start(), m.end(), 80).is_some()
            || crate::lower_has_any!(
                d,
                [" her ", " him ", " she ", " he ", "who ", "whoever", "which ", "@"]
            );
        if aimed && !d.has(Lex::PositiveNews) {
            out.push(rule.finding_quoting(
                d,
                m.start(),
                m.end(),
                "\"{}\": shaming someone in public.",
            ));
            return;
        }
    }
    for h in d.hits_of(Lex::Shaming) {
        let phrase = &d.lower()[h.start..h.end];
        let strong = phrase.contains("shame")
            || phrase.contains("asleep")
            || phrase.contains("sleeping")
            || phrase.starts_with("caught")
            || phrase.contains("state of")
            || ((phrase.contains("sneaky") || phrase.contains("secret")) && of_a_person(d, h.end));
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
    fn exposing_someone_so_everyone_sees_is_shaming() {
        assert_flags(
            "Kayleigh asleep on the stock boxes at break 😂😂 tagged her so the whole company sees",
            R,
        );
        assert_flags(
            "Posting the Christmas rota so everyone can see which lazy cow swapped out of Christmas Day AGAIN",
            R,
        );
        assert_clean(
            "Login for the booking system is on the staff room noticeboard so everyone can book",
            R,
        );
    }

    #[test]
    fn celebration_is_clean() {
        assert_clean("Look at this amazing team after the audit!", R);
    }

    #[test]
    fn flags_covert_photos_and_mocking_screenshots() {
        assert_flags("Sneaky pic of the new reg napping in the doctors' mess", R);
        assert_flags(
            "Screenshot of Tom's discharge letter, look at the grammar, how did he even qualify",
            R,
        );
        assert_clean(
            "Sneaky pic of the cake we made for Jo's retirement, she loved it",
            R,
        );
    }
}
