//! `insult`: insults and demeaning remarks aimed at colleagues or anyone else.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "insult",
    category: Category::BullyingHarassment,
    severity: Severity::High,
    policy: clauses::R11,
    suggestion: "Say what went wrong, not what you think of them, and say it to them or their manager in private. Public put-downs are bullying, whoever they are aimed at.",
    docs: RuleDocs {
        what: "An insult or demeaning word (idiot, useless, lazy, waste of space, muppet...) aimed at a person, a role or a group: \"our locum is an idiot\", \"the new F1s are useless\", \"@jo you're thick\".",
        why: "Insulting colleagues in public is bullying, even without a name: the team knows who is meant. Regulators treat online bullying as seriously as bullying on the ward, and it damages the culture everyone works in.",
        example: "Our new locum is an absolute idiot, couldn't organise a tea round",
        rewrite: "Tough shift; going to talk to the locum agency about induction for new starters",
        false_positives: "Self-deprecation (\"I'm such an idiot\"), insults aimed at things (\"this printer is useless\"), and clinical words.",
    },
    check,
};

/// Whether the insult is said of a place or a thing ("this ward is a disgrace", "the rota is a
/// joke"): criticism of the workplace, not bullying.
fn said_of_a_thing(d: &Draft<'_>, start: usize) -> bool {
    const FILLERS: &[&str] = &[
        "a",
        "an",
        "absolute",
        "absolutely",
        "such",
        "total",
        "totally",
        "complete",
        "utter",
        "bloody",
        "just",
        "still",
    ];
    let mut before = d.lower_before(start, 48).trim_end();
    while let Some(rest) = FILLERS
        .iter()
        .filter_map(|f| before.strip_suffix(f))
        .find(|rest| rest.is_empty() || rest.ends_with(' '))
    {
        before = rest.trim_end();
    }
    let Some(rest) = before
        .strip_suffix(" is")
        .or_else(|| before.strip_suffix(" was"))
        .or_else(|| before.strip_suffix("'s"))
    else {
        return false;
    };
    // An experience, not a person: "Being a new grad is terrifying", "Coming back was
    // terrifying", "a new role, which is terrifying".
    let first = rest.split_whitespace().next().unwrap_or("");
    if rest.ends_with("which") || (first.len() > 4 && first.ends_with("ing")) {
        return true;
    }
    [
        "ward",
        "hospital",
        "trust",
        "place",
        "service",
        "system",
        "rota",
        "department",
        "unit",
        "printer",
        "computer",
        "it",
        "this",
        "that",
        "software",
        "app",
        "website",
        "policy",
        "car park",
        "canteen",
        "building",
        "parking",
        "traffic",
        "road",
        "commute",
        "journey",
        "weather",
        "wifi",
    ]
    .iter()
    .any(|w| {
        rest.ends_with(w) && (rest.len() == w.len() || rest[..rest.len() - w.len()].ends_with(' '))
    })
}

/// Person words that do not name a colleague: titles, pronouns, "the man".
const NOT_A_COLLEAGUE: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "he",
    "she",
    "him",
    "her",
    "they",
    "them",
    "the man",
    "the woman",
    "the lady",
    "the bloke",
    "the guy",
];

/// "The way our trust treats its nurses": how people are treated or spoken to.
static MANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)the way (?:[a-z']+ ){0,4}(?:treats?|treated|speaks?|spoke|talks?|talked|handles?|handled)(?-u:\b)")
        .expect("valid regex")
});

/// "In bed 9", "on bay 3", "in side room 2": where a patient lies.
static IN_A_BED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,? (?:in|on) (?:bed|bay|room|side ?room|cubicle|chair|recovery) ?\d")
        .expect("valid regex")
});

/// Whether the person at `start..end` is a patient named by title and bed: "Mr Adeyemi in bed
/// 9", "Mrs Kaur in recovery 2".
fn patient_in_a_bed(d: &Draft<'_>, start: usize, end: usize) -> bool {
    const TITLES: [&str; 4] = ["mr", "mrs", "ms", "miss"];
    let target = d.lower()[start..end].trim_end_matches('.');
    let before = d.lower_before(start, 5);
    let alone = TITLES.contains(&target);
    let titled = alone
        || TITLES.iter().any(|t| {
            before.strip_suffix(' ').is_some_and(|b| b.ends_with(t))
                || target.strip_prefix(t).is_some_and(|r| r.starts_with(' '))
        });
    // A title alone ("Mr") is followed by the surname.
    let mut after = d.lower_after(end, 40);
    if alone {
        after = after.strip_prefix(' ').map_or(after, |r| {
            r.trim_start_matches(|c: char| c.is_alphabetic() || c == '-')
        });
    }
    titled && IN_A_BED.is_match(after)
}

/// Whether the word is not an insult here: part of a hyphenated word ("finger-prick"), a
/// title-cased word inside a sentence (a name or a title: "our ward clerk Precious", "the Ugly
/// Sisters", a quiz team called "The Bleeping Idiots"), or a term of endearment said as praise
/// ("an absolute sweetheart").
fn not_an_insult(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let cased = d.cased();
    let lower = d.lower();
    let compound = lower[..start].ends_with('-')
        || lower[end..].starts_with('-')
        || lower[end..].starts_with(" test")
        || crate::draft::clinical_prick(lower, start, end);
    let word = &cased[start..end];
    let mut chars = word.chars();
    let title_case = chars.next().is_some_and(char::is_uppercase)
        && chars.any(char::is_lowercase)
        && !cased[d.sentence(start).0..start]
            .trim_end_matches(['\'', '"', ' ', '(', '\u{2018}', '\u{201c}'])
            .is_empty();
    let endearment = ["sweetheart", "sweetie", "precious", "darling"].contains(&&lower[start..end])
        && d.preceded_by(
            start,
            24,
            &[
                "a ",
                "an absolute ",
                "absolute ",
                "such a ",
                "total ",
                "proper ",
            ],
        );
    // "Princess Parkway", "Princess Royal Hospital": a title in a proper name.
    let proper_name = [
        "Princess", "Prince", "Queen", "King", "Duchess", "Lady", "Lord",
    ]
    .contains(&word)
        && cased[end..].strip_prefix(' ').is_some_and(|r| {
            let mut c = r.chars();
            c.next().is_some_and(|c| c.is_ascii_uppercase())
                && c.next().is_some_and(|c| c.is_ascii_lowercase())
        });
    if proper_name {
        return true;
    }
    // "A lazy eye", "lazy bowel": clinical words. "Dim the lights": a verb.
    let next = |words: &[&str]| words.iter().any(|w| lower[end..].starts_with(w));
    if (&lower[start..end] == "lazy" && next(&[" eye", " bowel"]))
        || (&lower[start..end] == "dim" && next(&[" the ", " your ", " down", " light"]))
    {
        return true;
    }
    // "Agency nurses: sit on their phones all day. Every single one of them." sums a jibe up;
    // inside a sentence it is praise as often ("proud of every single one of them").
    if &lower[start..end] == "every single one of them"
        && !cased[d.sentence(start).0..start].trim().is_empty()
    {
        return true;
    }
    // "Thick and thin films": a blood film, not a person.
    if lower[start..].starts_with("thick and thin") {
        return true;
    }
    // "Don't let work bully you into it": a verb, its object after it.
    if &lower[start..end] == "bully"
        && next(&[
            " you", " them", " us ", " me ", " him", " her ", " people", " staff",
        ])
    {
        return true;
    }
    // "Malaria parasites on a film", "gut parasites": the organisms.
    if lower[start..end].starts_with("parasite")
        && (d.preceded_by(
            start,
            16,
            &[
                "malaria ",
                "malarial ",
                "blood ",
                "gut ",
                "intestinal ",
                "worm ",
            ],
        ) || next(&[
            " on a film",
            " on the film",
            " in the blood",
            " seen",
            " on film",
        ]))
    {
        return true;
    }
    // "fog so thick", "thick fog", "dense legal content": a thing's texture.
    let word_lower = &lower[start..end];
    let texture = ["thick", "dense"].contains(&word_lower)
        && [d.lower_before(start, 24), d.lower_after(end, 24)]
            .iter()
            .any(|t| {
                crate::any_of!(
                    t,
                    [
                        "fog",
                        "mist",
                        "snow",
                        "smoke",
                        "traffic",
                        "accent",
                        "legal",
                        "content",
                        "paperwork",
                        "folder",
                        "file"
                    ]
                )
            });
    // "a physio's nightmare": the one who suffers it, not the one called it.
    let sufferer = lower[..start].ends_with("'s ") && word_lower == "nightmare";
    // The author's own feelings: "I still feel useless", "no idea what I was doing", "you
    // can't get rid of me".
    let own = d.preceded_by(start, 10, &["feel ", "felt ", "feeling "])
        || (word_lower == "get rid of" && lower[end..].starts_with(" me"))
        || (word_lower == "no idea what" && lower[end..].starts_with(" i "));
    // A word in quotes is mentioned, not used: the 'stupid' question, the 'lazy paramedics'
    // comments.
    let quoted = {
        let (ss, _) = d.sentence(start);
        let before = &lower[ss..start];
        let opened = before.matches(['\'', '\u{2018}']).count() % 2 == 1
            && before.trim_end().ends_with(['\'', '\u{2018}']);
        opened
            && lower[end..]
                .chars()
                .take(24)
                .any(|c| c == '\'' || c == '\u{2019}')
    };
    // "The way our trust treats its nurses is a disgrace": a judgement on how people are
    // treated, not a name for a person.
    let manner = MANNER.is_match(&lower[d.sentence(start).0..start]);
    compound || title_case || endearment || texture || sufferer || own || quoted || manner
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::Insult) {
        if d.self_directed(h.start, 24)
            || said_of_a_thing(d, h.start)
            || not_an_insult(d, h.start, h.end)
        {
            continue;
        }
        let target = d
            .person_near(h.start, h.end, 70)
            .or_else(|| d.person_in_post(h.start, h.end, 160));
        let addressed = super::second_person_near(d, h.start, h.end);
        if target.is_none() && !addressed {
            continue;
        }
        // Insults at companies are a defamation risk, not bullying; but a colleague named by
        // role beside the employer's name ("Metropolis General ... the new chief exec, overpaid
        // idiot") is still the target.
        let mut target = target;
        if let Some((s, e)) = target {
            // "Mr Adeyemi in bed 9 is a nightmare": a patient, which is a matter of professional
            // boundaries, not bullying; unless a colleague is the one meant ("Agency nurse let
            // Mr Ashworth in bed 14 fall. Useless.").
            if patient_in_a_bed(d, s, e) {
                let colleague = d
                    .hits_of(Lex::PersonRole)
                    .filter(|r| r.end + 160 >= h.start && r.start <= h.end + 160)
                    .filter(|r| {
                        // A title, a pronoun or "the man" may be the patient again.
                        !NOT_A_COLLEAGUE.contains(&d.lower()[r.start..r.end].trim_end_matches('.'))
                            && !d.is_organisation(r.start, r.end)
                            && !patient_in_a_bed(d, r.start, r.end)
                    })
                    .min_by_key(|r| r.start.abs_diff(h.start));
                match colleague {
                    Some(r) => target = Some((r.start, r.end)),
                    None => continue,
                }
            }
        }
        if let Some((s, e)) = target {
            if d.is_organisation(s, e) {
                match d.near(Lex::PersonRole, h.start, h.end, 70) {
                    Some(r) if !d.is_organisation(r.start, r.end) => {
                        target = Some((r.start, r.end));
                    }
                    _ => continue,
                }
            }
        }
        let word = d.original_text(h.start, h.end);
        let msg = match target {
            Some((s, e)) => format!("\"{word}\" aimed at {}.", d.original_text(s, e)),
            None => format!("\"{word}\" aimed at the person you are addressing."),
        };
        out.push(rule.finding(d, h.start, h.end, msg));
        return;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "insult";

    #[test]
    fn mocking_how_someone_walks_is_an_insult() {
        assert_flags(
            "The practice manager waddled in at 9.30 again. Must be nice 🐧",
            R,
        );
    }

    #[test]
    fn masked_insults_and_put_downs_of_a_team() {
        assert_span(
            "Anyone else's dispensary manager a total p***k? Asking for me.",
            R,
            "p***k",
        );
        assert_flags(
            "a***holes. every one of them. every manager in this building.",
            R,
        );
        assert_flags(
            "Our trainee's lovely but proper dense. Asked me if co-codamol had codeine in it",
            R,
        );
        assert_flags("I am SICK of being the only one who reads the care plans. The rest of you are passengers.", R);
        assert_clean(
            "Dense breast tissue on the mammogram report, so she's booked for an ultrasound",
            R,
        );
    }

    #[test]
    fn flags_insults_at_people_roles_and_groups() {
        assert_flags("Our new locum is an absolute idiot", R);
        assert_flags("The new F1s are useless, every single one", R);
        assert_flags("@jo_smith you're thick as mince", R);
        assert_flags("Dave is an id10t", R);
    }

    #[test]
    fn self_deprecation_and_things_are_clean() {
        assert_clean("I'm such an idiot, left my lanyard at home again", R);
        assert_clean("This printer is useless", R);
        assert_clean(
            "Breast clinic ran late, skin thickness measurements all done",
            R,
        );
    }

    #[test]
    fn a_patient_in_a_bed_and_how_people_are_treated_are_not_bullying() {
        assert_clean(
            "Mr Pritchard in bed 7 is a nightmare tonight, buzzer every five minutes",
            R,
        );
        assert_clean(
            "Mr Pritchard in bed 7 is a nightmare, he buzzes every five minutes",
            R,
        );
        assert_clean(
            "The way our trust treats its porters is a disgrace. No breaks, no thanks.",
            R,
        );
        // "By the way" is not how anyone is treated.
        assert_flags("By the way, our new locum is an absolute idiot", R);
        // A colleague in the same post is still the target.
        assert_flags(
            "Bank HCA left Mrs Dale in bed 4 wet for two hours. Useless.",
            R,
        );
    }

    #[test]
    fn a_role_beside_the_employers_name_is_still_the_target() {
        assert_flags(
            "I work at Metropolis General and it's gone downhill since the new chief exec arrived, overpaid idiot that he is",
            R,
        );
        assert_clean("MediSupply Ltd are useless, third late delivery", R);
    }

    #[test]
    fn insults_said_of_places_and_things_are_clean() {
        assert_clean(
            "Physio referral still not actioned for the man in bed 3. This ward is a disgrace",
            R,
        );
        assert_clean("Our locum did her best but the rota is an absolute joke", R);
        assert_flags("Our locum is a disgrace", R);
    }

    #[test]
    fn clinical_compounds_are_not_abuse() {
        assert_clean(
            "Our new nurse did the finger-prick glucose for bay 2, and the allergy clinic's prick test list is full",
            R,
        );
    }

    #[test]
    fn a_lazy_eye_and_dimmed_screens_are_not_abuse() {
        assert_clean(
            "My mate's little one has a lazy eye, the orthoptist says patch it 3 hours a day",
            R,
        );
        assert_clean(
            "Pacing ideas for our patients: chunk your screen time, dim the brightness, one tab at a time",
            R,
        );
        assert_flags("The new reg is a bit dim, asked me what a TTO was", R);
    }

    #[test]
    fn every_single_one_of_them_sums_up_a_jibe_but_not_praise() {
        assert_flags(
            "Agency OTs: turn up late, write three lines in the notes, leave at 4. Every single one of them.",
            R,
        );
        assert_clean(
            "Trach change training done, 6 new carers signed off. Proud of every single one of them.",
            R,
        );
    }

    #[test]
    fn names_titles_and_praise_are_clean() {
        assert_clean(
            "Our porter Precious found the missing notes trolley again",
            R,
        );
        assert_clean(
            "Minus 6 this morning and the district nurses still made every visit. Heroes, the lot of them.",
            R,
        );
        assert_clean(
            "The physios were brilliant as the Ugly Sisters in the Christmas panto",
            R,
        );
        assert_clean("The lady in bed 6 was an absolute sweetheart today", R);
        assert_flags("Sit down, sweetheart, the consultant is talking", R);
        assert_flags("Our new registrar is USELESS", R);
    }

    #[test]
    fn an_experience_is_not_a_person() {
        assert_clean(
            "Starting as a new F1 is terrifying. To the new doctors this week: ask for help.",
            R,
        );
        assert_clean(
            "Moving to a management role, which is terrifying, thanks to my old team",
            R,
        );
    }

    #[test]
    fn textures_sufferers_own_feelings_and_quoted_words_are_not_insults() {
        for t in [
            "Fog on the A66 so thick I could barely see the lorry in front, late for the ward round",
            "Parking at the Oak Wing is still a nightmare, sorry in advance",
            "Check your mum's slippers: backless ones are an OT's nightmare",
            "Is it normal to feel useless in your first month as a band 5 on the ward?",
            "Preceptees, find the nurse you can ask the 'stupid' question. Mine is Shona.",
        ] {
            assert_clean(t, R);
        }
        assert_flags("The new band 5 they sent us is thick as mince", R);
    }

    #[test]
    fn a_title_in_a_place_name_and_a_blood_film_are_not_insults() {
        assert_clean(
            "Princess Parkway on a Monday morning should be studied by scientists",
            R,
        );
        assert_clean(
            "Clinical pearl: fever after travel is malaria until proven otherwise. Thick and thin films, three sets.",
            R,
        );
        assert_clean(
            "That moment you spot malaria parasites on a film and your whole body goes 'oh'. Training kicks in.",
            R,
        );
        assert_flags("You lot are parasites, the lot of you", R);
    }

    #[test]
    fn bully_as_a_verb_is_not_name_calling() {
        assert_clean(
            "Not had the flu jab in 5 years and never will. Don't let work bully you into it either.",
            R,
        );
        assert_flags("You're a bully and everyone on the ward knows it", R);
    }
}
