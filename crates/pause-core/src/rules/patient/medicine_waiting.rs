//! `medicine-waiting`: someone told in public that their medicine or results are waiting for
//! them, as the pharmacy or the surgery calls out to a patient it cannot reach.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "medicine-waiting",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Keep trying the phone, or send a letter. A public post tells everyone who reads it what the person takes and that they are your patient.",
    docs: RuleDocs {
        what: "A person picked out in public (a name, a handle, \"the lady who runs the tearoom\", \"if you're reading this\") and told that their medicine, prescription, dressings or results are in or ready: \"Derek if you're reading this, your dressings are ready\", \"@wolds_gardener_bob your warfarin's been ready since Monday\".",
        why: "A call-out meant to be helpful tells the whole town that this person is a patient and what they take: the pill, the HRT, the methadone. Anyone who recognises them from the description learns their health.",
        example: "To the lady with the purple hair who works in the bakery: your Dianette's been ready for two weeks my lover, come and get it",
        rewrite: "Reminder: if we've been trying to ring you about a prescription, give the pharmacy a call on our public number",
        false_positives: "General reminders to no one in particular (\"if your prescription's ready we'll text you\"), talk about the messages themselves (\"the new 'your meds are ready' text\"), and anything not about medicine or results (\"your call is in the queue\").",
    },
    check,
};

/// Something of theirs waiting: "your warfarin's been ready since Monday", "your Creon's in".
/// Group 1 is what is waiting.
static WAITING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)your ([a-z][a-z'-]*(?: [a-z][a-z'-]*)?)(?:'s|\x{2019}s| is| are| has| have)(?: been| now| finally| just| all)* (?:ready|in|here|back|waiting|come in|arrived|landed)(?-u:\b)")
        .expect("valid regex")
});

/// Things a pharmacy or a surgery holds for one person, beside the medicine lexicon.
const HELD: &[&str] = &[
    "prescription",
    "prescriptions",
    "script",
    "scripts",
    "repeat",
    "repeats",
    "meds",
    "medication",
    "medicines",
    "dressings",
    "pens",
    "needles",
    "strips",
    "test strips",
    "inhalers",
    "blister pack",
    "blister packs",
    "dosette",
    "dosettes",
    "results",
    "test results",
    "bloods",
    "blood results",
    "feeds",
    "stoma bags",
    "bags",
    "patches",
    "pills",
    "tablets",
    "injections",
    "hrt",
];

/// The person picked out: someone reading, a description, or a name or handle just before.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:if (?:you're|you are|youre|ur|you) (?:reading|read|see|seeing)(?: this)?|if [A-Z][a-z'-]+(?: [A-Z][a-z'-]+)? (?:sees|is reading|reads|sees this)|(?:sees|reading) this|to the (?:lady|gentleman|gent|man|woman|bloke|fella|fellow|girl|lad|chap|guy|couple|young man|young lady|young woman)|the (?:lady|gentleman|gent|man|woman|bloke|fella|girl|lad|chap|guy) (?:who|with|from|at|in|that|on))")
        .expect("valid regex")
});

/// A name or a handle straight before "your": "Aaliyah Rahman your prescription's been ready",
/// "@dannyb_mcr mate your script's ready".
static NAMED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:@[A-Za-z0-9_]{2,}|(?:Mr|Mrs|Ms|Miss|Mx)\.? [A-Z][a-z'-]+|[A-Z][a-z'-]+ [A-Z][a-z'-]+)[,:\x{2013}\x{2014} -]*(?:(?:mate|hun|hon|babe|pal|love|pet|son)[, ]+)?$")
        .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has(Lex::SecondPerson) {
        return;
    }
    let lower = d.lower();
    let cased = d.cased();
    for c in WAITING.captures_iter(cased) {
        let (Some(whole), Some(what)) = (c.get(0), c.get(1)) else {
            continue;
        };
        // A reminder to no one in particular, or the words of a message quoted: "if your
        // prescription's ready", "the new 'your meds are ready' text".
        let before = d.lower_before(whole.start(), 14);
        if crate::any_of!(
            before,
            [
                "if ",
                "whether ",
                "when ",
                "once ",
                "tell you ",
                "until ",
                "'",
                "\u{2018}",
                "\""
            ]
        ) && !before.ends_with("reading this ")
        {
            continue;
        }
        let item = &lower[what.start()..what.end()];
        // A brand written with its capital, one word ("your Dianette's", "your Creon's"; not
        // "your Tesco order"), a word of the medicine lexicon, or something a pharmacy holds
        // ("your special-order baclofen": ordered in for one person).
        let held = HELD.contains(&item)
            || item.starts_with("special")
            || (!item.contains(' ')
                && cased[what.start()..].starts_with(|ch: char| ch.is_ascii_uppercase()))
            || d.hits_in(what.start(), what.end())
                .any(|h| h.lex == Lex::Medicine && h.start >= what.start());
        if !held {
            continue;
        }
        let (ss, _) = d.sentence(whole.start());
        let from = d.sentence(ss.saturating_sub(2)).0.min(ss);
        let addressed = ADDRESSED.is_match(&cased[from..whole.start()])
            || NAMED_BEFORE.is_match(&cased[from..whole.start()]);
        if !addressed {
            continue;
        }
        out.push(rule.finding(
            d,
            whole.start(),
            whole.end(),
            "Someone told in public that their medicine is waiting.".into(),
        ));
        return;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "medicine-waiting";

    #[test]
    fn a_described_person_told_their_medicine_is_ready() {
        assert_span(
            "Kingsbridge: the lady with the purple hair who works in the bakery — your Dianette's been ready for two weeks my lover, come and get it 😂",
            R,
            "your Dianette's been ready",
        );
        assert_flags(
            "If Margaret Tennant sees this – your Creon's in! Your mobile keeps going to voicemail, love",
            R,
        );
        assert_flags(
            "To the lady in Chulmleigh with MS - your special-order baclofen has finally come in! Pop by whenever 😊",
            R,
        );
        assert_flags(
            "Mrs Nicholson if you're reading this your repeat's been ready all week, we've tried four times! 📞",
            R,
        );
        assert_flags(
            "The gentleman at Wells with the leg ulcer... Derek if you're reading this, your dressings are ready for collection",
            R,
        );
    }

    #[test]
    fn a_name_or_a_handle_told_their_medicine_is_ready() {
        assert_flags(
            "@wolds_gardener_bob your warfarin's been ready since Monday 🙄 come and get it",
            R,
        );
        assert_flags(
            "Aaliyah Rahman your prescription's been ready since Monday, pop in",
            R,
        );
    }

    #[test]
    fn reminders_to_no_one_and_quoted_messages_are_not() {
        assert_clean(
            "If you see me in Booths: yes I'm off duty, no I can't tell you if your prescription's ready 😅",
            R,
        );
        assert_clean(
            "The new 'your meds are ready' text to patients is a game changer. Nice one IT 👏",
            R,
        );
        assert_clean(
            "Deaf Awareness Week: learnt to fingerspell my name in BSL today. Next goal: 'your hearing aid is ready to collect' 🤟",
            R,
        );
        // Nobody picked out.
        assert_clean("Pharmacy update: your flu jabs are in! Book online", R);
        // Not medicine.
        assert_clean(
            "To the lady who parks across two bays every morning: your car is in my space again",
            R,
        );
        assert_clean(
            "Mrs Nicholson if you're reading this your Tesco order is here, it came to the ward by mistake 😂",
            R,
        );
        assert_clean(
            "@jess_k your order's ready for collection at the cake stall 🎂",
            R,
        );
    }
}
