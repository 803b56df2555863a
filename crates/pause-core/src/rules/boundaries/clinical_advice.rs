//! `clinical-advice`: individual clinical advice in public or by DM.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "clinical-advice",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R07,
    suggestion: "Don't advise an individual without their full history. Signpost instead: \"speak to your pharmacist or GP, or call NHS 111\".",
    docs: RuleDocs {
        what: "Advice to one person about their medicines, doses or symptoms, in public or by private message: \"you can double up your sertraline\", \"DM me and I'll tell you what to take\".",
        why: "Advice without the person's history, allergies and other medicines can harm them, and you are accountable for it as a professional. Regulators expect you to stay within a proper consultation.",
        example: "@sam_k you can double up your sertraline if you missed yesterday, you'll be fine",
        rewrite: "@sam_k sorry to hear that; a pharmacist can advise on missed doses, or call NHS 111",
        false_positives: "General education for the public or colleagues, with signposting (\"speak to your pharmacist\").",
    },
    check,
};

/// Someone's own test results or scans: "your blood results", "blood test results".
fn own_results(text: &str) -> bool {
    crate::any_of!(
        text,
        [
            "blood test",
            "blood results",
            "your bloods",
            "test results",
            "scan results",
            "your results",
            "your scan",
            "your x-ray",
            "your ecg",
            "your mri"
        ]
    )
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // A reply: the draft opens on a handle or on the person answered ("@sam ...", "Hey @sam ...",
    // "Replying to Lisa ...", "To the mum asking about ...").
    let opening = d.lower_after(0, 24);
    let replying = d.cased().trim_start().starts_with('@')
        || opening.contains(" @")
        || opening.trim_start().starts_with("replying to")
        || opening.trim_start().starts_with("to the ");
    for h in d.hits_of(Lex::AdviceVerb) {
        let phrase = &d.lower()[h.start..h.end];
        // "Please don't just stop it without talking to your GP": the safe advice, negated.
        if d.preceded_by(h.start, 12, &["don't ", "dont ", "do not ", "never "]) {
            continue;
        }
        let private = [
            "dm",
            "message",
            "inbox",
            "pm",
            "send me",
            "i'll",
            "ill ",
            "i'd",
            "id ",
            "told ",
            "happy to",
            "second opinion",
            "grab",
            "whatsapp",
            "text me",
        ]
        .iter()
        .any(|p| phrase.starts_with(p));
        let window = if private { 90 } else { 140 };
        let medicine = d.near_any(Lex::Medicine, h.start, h.end, window).is_some();
        // Offered in private, someone's own results are clinical too: "DM me your blood results".
        let results = private
            && [
                d.lower_before(h.start, window),
                d.lower_after(h.start, window),
            ]
            .iter()
            .any(|t| own_results(t));
        let clinical = medicine
            || results
            || d.near_any(Lex::ClinicalCondition, h.start, h.end, window)
                .is_some();
        if !clinical {
            continue;
        }
        let infinitive = d.lower_before(h.start, 4).ends_with("to ");
        let imperative = !infinitive
            && [
                "just ",
                "take ",
                "try ",
                "crush",
                "double",
                "stop ",
                "skip",
                "halve",
                "keep ",
                "chew",
                "sleep",
                "no need",
                "don't bother",
                "dont bother",
                "alternate",
            ]
            .iter()
            .any(|p| phrase.starts_with(p));
        // "He can stop his statin": permission given to one person, whoever is told.
        let addressed = imperative
            || phrase.contains("can stop")
            || phrase.contains("you")
            || phrase.contains("your")
            || replying
            || d.near(Lex::SecondPerson, h.start, h.end, 80).is_some();
        // "Don't bother ringing 111" dismisses the service it names: that is not signposting.
        let signposted = d.has(Lex::Signposting)
            && !crate::lower_has_any!(
                d,
                [
                    "don't bother ringing",
                    "dont bother ringing",
                    "don't bother calling",
                    "don't bother with a&e",
                    "don't bother with the gp",
                    "no need to ring",
                    "no need to call",
                    "waste the gp",
                    "waste your gp",
                    "waste your time with the gp",
                ]
            );
        let offered_privately = private
            && (medicine
                || results
                || (clinical
                    && [
                        "opinion", "look", "photo", "pic", "results", "tell you", "nothing", "chat",
                    ]
                    .iter()
                    .any(|w| phrase.contains(w)))
                || phrase.contains("photo")
                || phrase.contains("pic")
                || phrase.contains("opinion"));
        if offered_privately || (!private && addressed && !signposted) {
            out.push(rule.finding_at_hit(d, h, "\"{}\": individual clinical advice."));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "clinical-advice";

    #[test]
    fn reading_someones_results_in_private_is_advice() {
        assert_flags(
            "Second opinions on your blood test results now available £50 a message, DM me!",
            R,
        );
        assert_clean(
            "Blood test results take 48 hours to come back at our practice. Please don't DM me about them, ring reception.",
            R,
        );
    }

    #[test]
    fn stopping_doubling_and_skipping_told_to_one_reader_is_advice() {
        assert_flags(
            "If your teenager's on fluoxetine and you're worried, honestly just stop it over a weekend, they won't notice",
            R,
        );
        assert_flags(
            "Quick tip for carers: if the rescue med hasn't stopped the seizure after 5 mins just give a second dose, no need to wait for the paramedics",
            R,
        );
        assert_flags(
            "Kidney group folks: ibuprofen for a few days is fine even on dialysis, don't let the doctors scare you",
            R,
        );
        // The safe advice, negated.
        assert_clean(
            "If you miss a methotrexate dose, please don't double up. Call the rheumatology helpline.",
            R,
        );
        assert_clean(
            "New medication keeping you awake? Mention it to whoever prescribed it. Please don't just stop it without talking to them.",
            R,
        );
    }

    #[test]
    fn flags_individual_advice() {
        assert_flags(
            "@sam_k you can double up your sertraline, you'll be fine",
            R,
        );
        assert_flags("DM me and I'll tell you what dose of co-codamol to take", R);
        assert_flags(
            "Send me a pic of the rash and I'll tell you if it's shingles",
            R,
        );
    }

    #[test]
    fn education_with_signposting_is_clean() {
        assert_clean("Missed a dose of your antidepressant? Speak to your pharmacist: the leaflet explains what to do", R);
        assert_clean(
            "Reminder for colleagues: check renal function before metformin",
            R,
        );
    }

    #[test]
    fn dismissing_the_service_named_is_not_signposting() {
        assert_flags(
            "If your little one has a temp just alternate calpol and nurofen every 2 hours. Don't bother ringing 111",
            R,
        );
    }

    #[test]
    fn doses_given_in_a_reply_are_flagged() {
        assert_flags(
            "Hey @sam_runs saw your post. Sounds like costochondritis. 400mg ibuprofen three times a day for a fortnight",
            R,
        );
        assert_flags(
            "Replying to Lisa: with your history just stop the metformin for a week before the scan",
            R,
        );
        assert_clean(
            "Amoxicillin is usually taken three times a day; your pharmacist can explain the leaflet",
            R,
        );
    }

    #[test]
    fn flags_sleep_it_off_and_dont_bother_advice() {
        assert_flags("Chest pain? Chew an aspirin and sleep it off", R);
        assert_flags(
            "Friend sent me a pic of a mole. Told her it's nothing, don't bother the GP",
            R,
        );
        assert_flags(
            "WhatsApp me for a private chat about your meds, quicker than your GP",
            R,
        );
    }

    #[test]
    fn flags_advice_to_stop_halve_or_swap_medicines() {
        assert_flags(
            "@mumof2 you can stop the amoxicillin once he feels better, no need to finish",
            R,
        );
        assert_flags("Pharmacist tip: cut your amlodipine in half on hot days", R);
        assert_flags(
            "Replying to @sam: lemon and ginger is all you need, ibuprofen is overrated",
            R,
        );
        assert_clean("Never stop antibiotics early without asking your GP", R);
    }
}
