//! `sick-leave`: a sick day posted alongside a day out.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "sick-leave",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R23,
    suggestion: "If you're off sick, stay off social media about it. A post that looks like a day out while off sick can start a disciplinary case, even if you were genuinely unwell.",
    docs: RuleDocs {
        what: "A sick day mentioned together with signs of a day out or a holiday: \"off sick today 🤒 (the beach is lovely though)\", \"pulled a sickie for the festival\".",
        why: "Posts that suggest sick leave was not genuine are a common route into disciplinary action and questions of honesty, which regulators take seriously; colleagues covering the shift read them too.",
        example: "Off sick today 🤒 (the beach is lovely though 🏖️)",
        rewrite: "Off sick today, resting up and hoping to be back soon",
        false_positives: "Genuine illness described with the weather (\"stuck in bed while the sun's out\") may still match; the nudge is only to think how it reads.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let Some(h) = d.hits_of(Lex::SickLeave).next() else {
        return;
    };
    // Some sick days say on their own that they were not genuine: "faked a migraine", "wrote my
    // own sick note", "'D&V' wink wink".
    let phrase = &d.lower()[h.start..h.end];
    let sickie = [
        "sickie",
        "fake",
        "own sick note",
        "wink",
        "pretend",
        "none the wiser",
        "'",
    ]
    .iter()
    .any(|w| phrase.contains(w));
    if sickie || d.has(Lex::Leisure) {
        out.push(rule.finding_at_hit(
            d,
            h,
            "\"{}\" alongside a day out: it can read as sick leave that was not genuine.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "sick-leave";

    #[test]
    fn flags_sick_days_out() {
        assert_flags("Off sick today 🤒 (the beach is lovely though 🏖️)", R);
        assert_flags("Pulled a sickie, see you at the festival", R);
    }

    #[test]
    fn genuine_illness_is_clean() {
        assert_clean("Off sick today with flu, sorry team", R);
    }

    #[test]
    fn flags_sick_days_that_say_they_were_faked() {
        assert_flags("Faked a chest infection to get the bank holiday off 😎", R);
        assert_flags("Calling in sick Friday with 'flu', gig tickets sorted!!", R);
        assert_flags("Wrote my own sick note again, nobody reads them", R);
        assert_clean("Calling in sick, temperature of 39 and can't stand up", R);
    }
}
