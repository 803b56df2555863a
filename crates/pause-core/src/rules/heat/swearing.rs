//! `swearing`: swearing, including masked spellings.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "swearing",
    category: Category::HeatOfTheMoment,
    severity: Severity::Medium,
    policy: clauses::R19,
    suggestion: "Take the swearing out, and see if the post still needs sending once you've calmed down.",
    docs: RuleDocs {
        what: "Swearing, including masked and misspelt forms (f***, sh*t, fcuk, ffs, wtf) and look-alike letters. Whole words only: Scunthorpe, Middlesex, breast, rectal and other clinical and place names are never matched. Mild words (damn, bloody, crap) are a gentle reminder.",
        why: "Swearing in public posts is a common sign of posting in the heat of the moment and, from someone identifiable as a healthcare professional, reads as unprofessional.",
        example: "What an absolute sh*tshow of a shift, f*** this",
        rewrite: "What a shift. Home, tea, sleep",
        false_positives: "Clinical terms (\"bloody stools\"), quoted titles, the end of a compound (\"finger-prick\"); swearing in a celebration (\"holy sh*t, I passed\") is only a gentle reminder.",
    },
    check,
};

const MILD: &[&str] = &[
    "damn",
    "damned",
    "hell",
    "bloody",
    "bloody hell",
    "crap",
    "crappy",
    "sod",
    "bugger",
    "arse",
    "christ almighty",
    "jesus christ",
    "goddamn",
    "for christ's sake",
    "feck",
    "fecking",
    "piss",
];
const CLINICAL_AFTER: &[&str] = &[
    " stool",
    " diarrhoea",
    " diarrhea",
    " nose",
    " urine",
    " vomit",
    " discharge",
    " tap",
    " sputum",
    " show",
    " mary",
];

/// Swear words that are also given names.
const GIVEN_NAMES: &[&str] = &["dick", "willy", "fanny", "randy"];

/// Whether `cased[start..end]` is written as a name (a capital, then small letters) and a
/// capitalised word follows it.
fn capitalised_pair(cased: &str, start: usize, end: usize) -> bool {
    let name = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.next().is_some_and(|c| c.is_ascii_lowercase())
    };
    cased.get(start..end).is_some_and(name)
        && cased
            .get(end..)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(name)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let lower = d.lower();
    let mut mild: Option<Finding> = None;
    for h in d.hits_of(Lex::Swear) {
        let word = &lower[h.start..h.end];
        if CLINICAL_AFTER.iter().any(|c| lower[h.end..].starts_with(c)) {
            continue;
        }
        // The end of a compound ("finger-prick") is not the word on its own.
        let compound = lower[..h.start]
            .strip_suffix('-')
            .is_some_and(|b| b.chars().next_back().is_some_and(char::is_alphabetic));
        if compound || crate::draft::clinical_prick(lower, h.start, h.end) {
            continue;
        }
        // "Dick Whittington", "Dick Turpin": a given name before a surname, not a word.
        if GIVEN_NAMES.contains(&word) && capitalised_pair(d.cased(), h.start, h.end) {
            continue;
        }
        // "Holy sh*t, I passed!" is joy: a reminder, not a pause.
        if MILD.contains(&word) || super::joyful(d) {
            if mild.is_none() {
                let mut f = rule.finding_at_hit(d, h, "\"{}\": mild, but it sets the tone.");
                f.severity = Severity::Low;
                mild = Some(f);
            }
            continue;
        }
        out.push(rule.finding_at_hit(d, h, "\"{}\": swearing."));
        return;
    }
    out.extend(mild);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "swearing";

    #[test]
    fn flags_swearing_masked_or_disguised() {
        assert_flags("What an absolute sh*tshow", R);
        assert_flags("f*** this", R);
        assert_flags("ffs not again", R);
        assert_flags("fսck this", R);
        assert_flags("Everyone at work can kiss my a**e", R);
    }

    #[test]
    fn clinical_words_and_places_are_never_swearing() {
        for t in [
            "Breast cancer awareness month: check yourself",
            "Rectal diazepam training today",
            "Scunthorpe General pharmacy team rock",
            "Moving from Middlesex to Penistone",
            "Patient with bloody stools needs review",
            "Suicide prevention training for all staff",
            "Took the kids to Dick Whittington at the Grand. Oh yes we did",
        ] {
            assert_clean(t, R);
        }
        assert_flags("what a dick", R);
        assert_flags("Dick. Absolute dick", R);
    }

    #[test]
    fn joyful_swearing_is_a_reminder_not_a_pause() {
        assert_clean("Passed my driving test at the fourth go, holy sh*t 🎉", R);
        assert_flags("Holy sh*t, the state of this rota", R);
    }

    #[test]
    fn the_end_of_a_compound_word_is_not_swearing() {
        assert_clean("Switched to a sensor, so long finger-prick tests", R);
        assert_clean(
            "Yes the heel prick stings a bit. Feeding or skin-to-skin during it really helps.",
            R,
        );
    }
}
