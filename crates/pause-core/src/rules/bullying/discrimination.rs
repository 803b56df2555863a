//! `discrimination`: slurs and demeaning generalisations about protected characteristics.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::{Hit, Lex};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "discrimination",
    category: Category::BullyingHarassment,
    severity: Severity::High,
    policy: clauses::R12,
    suggestion: "Don't post this. Comments about people's race, nationality, religion, sex, sexuality, age, weight or disability hurt colleagues and patients, and are a serious breach of professional standards.",
    docs: RuleDocs {
        what: "Slurs, and demeaning generalisations about a group defined by a protected characteristic (race, nationality, religion, sex, sexuality, age, weight, disability, pregnancy): \"the foreign nurses can't even speak English\"; a colleague labelled by one in a jibe or complaint (\"the Polish porters vanish at lunch again\", \"autistic much?\"); mocking a colleague's religion, age or language.",
        why: "Discriminatory remarks are unlawful at work and breach every regulator's standards; patients and colleagues from that group read them too.",
        example: "Half the foreign nurses can't even speak English properly",
        rewrite: "Our international nurses bring so much; let's make induction better for everyone",
        false_positives: "Clinical and equality language (\"support for disabled staff\", \"menopause policy\"), and reporting discrimination as a topic. A characteristic beside a role in good news (\"proud of our Kenyan nurses\") or about patients is not a jibe.",
    },
    check,
};

/// Pronouns are roles to the shared detectors, but "she" beside "pregnant" is not a colleague
/// labelled by a characteristic.
fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "him" | "her" | "they" | "them")
}

/// A colleague labelled by a protected characteristic, the word right beside their role or name:
/// "the Polish porters", "our deaf receptionist", "Gay Gareth", "the pharmacist in a wheelchair".
fn labels_a_colleague(d: &Draft<'_>, g: &crate::lexicon::Hit) -> bool {
    const GAP: usize = 16;
    let (ss, se) = d.sentence(g.start);
    let (lo, hi) = (g.start.saturating_sub(GAP).max(ss), (g.end + GAP).min(se));
    let role = d.hits_in(lo, hi).any(|r| {
        r.lex == Lex::PersonRole
            && r.start >= lo
            && r.end <= hi
            && !is_pronoun(&d.lower()[r.start..r.end])
            && !d.is_organisation(r.start, r.end)
    });
    role || d.people().iter().any(|&(s, e)| {
        s >= lo && e <= hi && !(s >= g.start && e <= g.end) && !d.is_organisation(s, e)
    })
}

/// A judgement passed on a group or an exclusion of it: "Muslim doctors always manage to get
/// out of the Friday late", "Indian doctors on the psych rota can't do a proper MSE", "the
/// Polish night staff ... send them home", "can we stop hiring nurses who wear a hijab".
static JUDGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:always|never|can't|cannot|can not|don't get|just don't|shouldn't|should not be|stop hiring|send them|go back to|go home|like robots|will want|can barely|useless|lazy|hopeless|clueless|so dramatic|drama queen|too emotional|gossiping|flouncing|puts the \w+ off|no wonder)(?-u:\b)")
        .expect("valid regex")
});

/// A language jibe ("can barely speak English") at a colleague named by role, not a patient.
fn language_jibe_at_colleague(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    d.lower()[h.start..h.end].contains("english")
        && !d.has(Lex::PatientContext)
        && d.hits_in(h.start.saturating_sub(120), h.start)
            .any(|r| r.lex == Lex::PersonRole && !is_pronoun(&d.lower()[r.start..r.end]))
}

/// Whether `start..end` is written title-case (a capital, then small letters) inside a sentence.
fn place_name(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let word = &d.cased()[start..end];
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| !c.is_uppercase())
        && !d.cased()[d.sentence(start).0..start].trim().is_empty()
}

/// Patients or families of a group served in their own language ("our Vietnamese patients now
/// get leaflets in their own language"): a service, not a jibe about a colleague's language.
fn served_in_their_language(d: &Draft<'_>, h: &Hit, g: &Hit) -> bool {
    d.lower()[h.start..h.end].contains("language")
        && crate::any_of!(
            d.lower_after(g.end, 16),
            [
                " patients",
                " families",
                "-speaking",
                " speaking",
                " service users",
                " communit",
                " parents",
                " speakers"
            ]
        )
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if let Some(h) = d.hits_of(Lex::DiscriminatoryPhrase).next() {
        out.push(rule.finding_at_hit(d, h, "\"{}\" is discriminatory."));
        return;
    }
    // A slur's letters title-cased inside a sentence are a place's name: "Devil's Dyke",
    // "Dyke Road".
    if let Some(h) = d
        .hits_of(Lex::Slur)
        .find(|h| !place_name(d, h.start, h.end))
    {
        out.push(rule.finding_at_hit(d, h, "\"{}\" is a slur."));
        return;
    }
    for h in d.hits_of(Lex::Stereotype) {
        if let Some(g) = d
            .near(Lex::ProtectedGroup, h.start, h.end, 90)
            .or_else(|| d.near_any(Lex::ProtectedGroup, h.start, h.end, 130))
            .filter(|g| !served_in_their_language(d, h, g))
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
        if language_jibe_at_colleague(d, h) {
            out.push(rule.finding_at_hit(d, h, "\"{}\": mocking a colleague's language."));
            return;
        }
    }
    // A characteristic as a sarcastic label ("autistic much?"), or as the label of a colleague in
    // a jibe or a complaint ("Polish porters vanish at lunch", "our deaf receptionist ... AGAIN
    // lol"). Good news about a group ("so proud of our Filipino nurses") is not a jibe.
    if d.has(Lex::PositiveNews) {
        return;
    }
    for g in d.hits_of(Lex::ProtectedGroup) {
        let sarcastic = d.lower()[g.end..].starts_with(" much?");
        let (ss, se) = d.sentence(g.start);
        let judged = d.lower().get(ss..se).is_some_and(|t| JUDGED.is_match(t))
            && !d.has(Lex::PatientContext);
        let jibe = (d.has(Lex::Mockery) || judged) && labels_a_colleague(d, g);
        if sarcastic || jibe {
            let label = d.original_text(g.start, g.end);
            out.push(rule.finding(
                d,
                g.start,
                g.end,
                format!("\"{label}\": a colleague singled out by a protected characteristic."),
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
    fn nationality_sex_parenthood_and_age_put_downs() {
        assert_flags(
            "Lol at the Portuguese pharmacist trying to say 'Birkenhead'. How you going to renally dose anything if you can't speak the language",
            R,
        );
        assert_flags(
            "if you're a fella in nursing and you picked renal, what happened, too soft for A&E?",
            R,
        );
        assert_flags(
            "Funny how every time there's a night vacancy the mums on our team suddenly have 'childcare issues'. Convenient.",
            R,
        );
        assert_flags(
            "Trainee call handler asked me what 'agonal' means. In week 3. I cannot with this generation",
            R,
        );
        // A patient's language, and mothers who are patients, are not a group put down.
        assert_clean(
            "Our Vietnamese patients now get leaflets in their own language.",
            R,
        );
        assert_clean(
            "Kurdish-speaking families in our area have so few services in their own language",
            R,
        );
        assert_clean(
            "No interpreter for 3 days for a Punjabi-speaking patient on our unit so we went through consent on Google Translate.",
            R,
        );
        assert_clean(
            "Four hours' sleep before a long day on the labour ward, and not one of the mums has noticed",
            R,
        );
    }

    #[test]
    fn a_place_is_not_a_slur() {
        assert_clean(
            "Took the ward team up to Devil's Dyke for a wellbeing walk today. No phones, just views.",
            R,
        );
        assert_clean("Long run up Dyke Road before my late shift", R);
    }

    #[test]
    fn a_judgement_passed_on_colleagues_by_a_characteristic_is_flagged() {
        assert_flags(
            "Muslim doctors always manage to get out of the Friday late, every single rota. Funny that.",
            R,
        );
        assert_flags(
            "No offence but the Eastern European support workers just don't get PBS.",
            R,
        );
        assert_flags(
            "Is anyone else's 111 hub full of overseas nurses who read the Pathways screen like robots?",
            R,
        );
        // Good news about a group, and a patient's characteristic, are not jibes.
        assert_clean(
            "So proud of our Filipino nurses, never a shift without a smile",
            R,
        );
    }

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

    #[test]
    fn flags_a_colleague_labelled_by_a_characteristic_in_a_jibe() {
        assert_span(
            "The Romanian cleaners disappear for an hour at lunch, every time",
            R,
            "Romanian",
        );
        assert_flags("Our deaf ward clerk missed the bleep again lol", R);
        assert_flags(
            "Lesbian Lucy from theatres is sulking about the rota again 🙄",
            R,
        );
        assert_flags(
            "Male nurse on the birth centre today, why do they even bother",
            R,
        );
        assert_flags("Dyslexic much? Read the chart before you sign it", R);
    }

    #[test]
    fn a_characteristic_in_news_or_care_is_not_a_jibe() {
        assert_clean("So proud of our Kenyan nurses passing their OSCEs again", R);
        assert_clean(
            "Our deaf receptionist runs the BSL sessions for patients on Thursdays",
            R,
        );
        assert_clean("The Polish patients waited again for an interpreter 🙄", R);
    }

    #[test]
    fn flags_mocking_religion_age_and_language() {
        assert_flags("The new reg is off 'praying' in the linen room again", R);
        assert_flags("Our new HCA is 65 if she's a day, time to retire love", R);
        assert_flags(
            "Bank nurses tonight: one asleep, the other can barely speak English",
            R,
        );
        assert_flags(
            "Whoever wears a headscarf in theatres can go and work somewhere else",
            R,
        );
        assert_clean(
            "Patient can barely speak English so we booked an interpreter",
            R,
        );
    }
}
