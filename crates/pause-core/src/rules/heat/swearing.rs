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
        what: "Swearing, including masked and misspelt forms (f***, sh*t, w*nkers, fcuk, ffs, wtf), look-alike letters, and a dismissive \"my arse\". Whole words only: Scunthorpe, Middlesex, breast, rectal and other clinical and place names are never matched. Mild words (damn, bloody, crap) are a gentle reminder.",
        why: "Swearing in public posts is a common sign of posting in the heat of the moment and, from someone identifiable as a healthcare professional, reads as unprofessional.",
        example: "What an absolute sh*tshow of a shift, f*** this",
        rewrite: "What a shift. Home, tea, sleep",
        false_positives: "Clinical terms (\"bloody stools\"), quoted titles, the end of a compound (\"finger-prick\"), a masked name (\"Dr P*****\"), a letter (\"Bay F off the corridor\"), \"worked my arse off\"; swearing in a celebration (\"holy sh*t, I passed\") is only a gentle reminder.",
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

/// Titles before a name: "Dr P*****" is a person, whatever the stars stand for.
const TITLES: &[&str] = &[
    " mr ", " mrs ", " ms ", " mx ", " dr ", " sgt ", " nurse ", " sister ", " prof ", " cllr ",
    " pc ", " rev ",
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

/// Swear words as a masked spelling may hide them: "w*nkers", "b*llocking", "f**kwit". The
/// common masked forms are in the lexicon; these catch the rest, letter for letter.
const MASKABLE: &[&str] = &[
    "fuck",
    "fucks",
    "fucking",
    "fucked",
    "fucker",
    "fuckers",
    "fuckwit",
    "fuckin",
    "shit",
    "shits",
    "shite",
    "shitty",
    "shitting",
    "shithole",
    "wank",
    "wanker",
    "wankers",
    "wanking",
    "bollocks",
    "bollocking",
    "bastard",
    "bastards",
    "bitch",
    "bitches",
    "bitching",
    "cunt",
    "cunts",
    "twat",
    "twats",
    "arsehole",
    "arseholes",
    "asshole",
    "dickhead",
    "dickheads",
    "knobhead",
    "bellend",
    "bellends",
    "tosser",
    "tossers",
    "pisshead",
    "bawbag",
    "bawbags",
    "arse",
    "crap",
    "bloody",
    "piss",
    "bugger",
];

/// The word a masked spelling stands for: `lower[s..e]` holds at least one `*` and a letter,
/// and a word of [`MASKABLE`] of the same length has the same first letter and the same
/// letter wherever the spelling shows one.
fn unmask(masked: &str) -> Option<&'static str> {
    let m = masked.as_bytes();
    if m.len() < 3 || !m[0].is_ascii_alphabetic() || !m.contains(&b'*') {
        return None;
    }
    MASKABLE
        .iter()
        .copied()
        .find(|w| w.len() == m.len() && w.bytes().zip(m).all(|(a, &b)| b == b'*' || a == b))
}

/// Masked words ("w*nkers") that the lexicon does not spell out: each run of letters and stars
/// holding a star, with the word it stands for.
fn masked_words(lower: &str) -> impl Iterator<Item = (usize, usize, &'static str)> + '_ {
    let b = lower.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !(b[i].is_ascii_lowercase() || b[i] == b'*') {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && (b[i].is_ascii_lowercase() || b[i] == b'*') {
                i += 1;
            }
            // Whole words only: not the tail of a word or a number.
            let whole = s == 0 || !b[s - 1].is_ascii_alphanumeric();
            if whole && (i == b.len() || !b[i].is_ascii_alphanumeric()) {
                if let Some(w) = unmask(&lower[s..i]) {
                    return Some((s, i, w));
                }
            }
        }
        None
    })
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let lower = d.lower();
    let mut mild: Option<Finding> = None;
    if d.has_byte(b'*') {
        for (s, e, w) in masked_words(lower) {
            // "Dr P*****", "mr s**** in bed 4": an initial and then stars after a title hides a
            // name, not a word; so does a capital and stars inside a sentence ("ask B****** at
            // Trinity Road").
            let cased = d.cased().as_bytes();
            let initial = cased[s + 1..e].iter().all(|&c| c == b'*');
            let before = format!(" {}", d.lower_before(s, 8));
            let titled = TITLES.iter().any(|t| before.ends_with(t));
            let name =
                initial && (titled || (cased[s].is_ascii_uppercase() && d.sentence(s).0 != s));
            if name || d.hits_of(Lex::Swear).any(|h| h.start < e && s < h.end) {
                continue;
            }
            let text = d.original_text(s, e);
            if MILD.contains(&w) || super::joyful(d) {
                if mild.is_none() {
                    let mut f =
                        rule.finding(d, s, e, format!("\"{text}\": mild, but it sets the tone."));
                    f.severity = Severity::Low;
                    mild = Some(f);
                }
                continue;
            }
            out.push(rule.finding(d, s, e, format!("\"{text}\": swearing, masked.")));
            return;
        }
    }
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
        // "Freedom to Speak Up my arse." dismisses; "fell on my arse", "worked my arse off" and
        // "laughed my arse off" do not: the dismissal ends its sentence or clause.
        let fell = word.starts_with("my ")
            && ([" on ", " off ", " of "]
                .iter()
                .any(|p| d.lower_before(h.start, 5).ends_with(p))
                || crate::any_of!(
                    d.lower_before(h.start, 10),
                    [
                        "kicked ",
                        "kicking ",
                        "worked ",
                        "working ",
                        "laughed ",
                        "laughing ",
                        "froze ",
                        "freezing ",
                        "busted ",
                        "sweated ",
                        "sweating ",
                        "kicks "
                    ]
                )
                || lower[h.end..].chars().next().is_some_and(|c| {
                    c.is_alphanumeric() || c == ' ' && !lower[h.end..].starts_with(" 🙃")
                }));
        // "Bay F off the main corridor", "a 72 F this morning": a letter, not a word.
        let letter = word.starts_with("f ")
            && d.lower_before(h.start, 10)
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| {
                    w.bytes().any(|b| b.is_ascii_digit())
                        || matches!(
                            w,
                            "yo" | "y/o"
                                | "old"
                                | "an"
                                | "ward"
                                | "bay"
                                | "block"
                                | "level"
                                | "grade"
                                | "zone"
                                | "unit"
                                | "pod"
                                | "theatre"
                                | "gate"
                                | "room"
                                | "wing"
                                | "type"
                        )
                });
        if letter {
            continue;
        }
        // "Holy sh*t, I passed!" is joy: a reminder, not a pause.
        if MILD.contains(&word) || fell || super::joyful(d) {
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
    fn masked_words_the_lexicon_does_not_spell_are_swearing() {
        assert_flags("W*nkers. Every last one of them on the 4th floor.", R);
        assert_flags("got a b*llocking for being 10 mins late", R);
        assert_flags("Absolute b**tards, the lot", R);
        // A star that masks nothing we know, or a footnote, is not.
        assert_clean("Band 6 posts* available now (*subject to funding)", R);
        assert_clean("Rated 5* by our patients, thank you all", R);
        assert_clean("The p*tient was fine", R);
        assert_clean(
            "Sgt B****** at Trinity Road lies on every form he fills in",
            R,
        );
        assert_clean("mr s**** in bed 4 is going home today", R);
        assert_flags("W******. All of them.", R);
    }

    #[test]
    fn dismissing_with_my_arse_is_swearing_not_mild() {
        assert_flags("Freedom to Speak Up my arse.", R);
        assert_flags("'Commercial in confidence' my a*** 🙃", R);
        assert_clean("Fell on my arse on the ice, dignity gone 😂", R);
        assert_clean("Worked my arse off for 13 hours and nobody noticed", R);
        assert_clean("That shift kicked my arse", R);
        assert_flags("Bad back my arse, she was at Zumba on Thursday", R);
    }

    #[test]
    fn a_letter_f_is_not_swearing() {
        assert_clean("Moved to Bay F off the main corridor", R);
        assert_clean("Saw a 72 F this morning with chest pain", R);
        assert_clean("Saw a 72yo F this morning with chest pain", R);
        assert_clean("82 y/o F off legs, ?UTI", R);
        assert_flags("F this. F all of it.", R);
    }

    #[test]
    fn a_masked_mild_word_is_a_reminder() {
        assert_clean("What a cr*p day, home now", R);
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
