//! `colleague-health`: someone named, a colleague as often as not, with their diagnosis,
//! operation or occupational-health referral.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "colleague-health",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Leave their health out: \"thinking of a colleague who's off at the moment\" sends the love without the diagnosis. If they want people to know, let them tell it themselves.",
    docs: RuleDocs {
        what: "A person named by first name, full name or title beside their diagnosis, their operation or treatment, or an occupational-health referral: \"Sharon from our team has been diagnosed with breast cancer\", \"our Gemma had her bowel resection yesterday\", \"Dave's OH referral says IBS\".",
        why: "A colleague who becomes ill is a patient too, and their health is as confidential as anyone's. A get-well post that names the illness tells their manager, their neighbours and the internet what they may not have chosen to share.",
        example: "Sharon from our team has been diagnosed with breast cancer, chemo starts Monday. Send her all your love",
        rewrite: "One of our team is having a tough time at the moment. Send them all your love",
        false_positives: "Your own diagnosis (\"I was diagnosed with ADHD at 34\"), news a person has asked you to share (\"she asked me to let everyone know her knee op went well\"), public figures who told their own story, and people off sick without a diagnosis (\"Dev's off with his back\").",
    },
    check,
};

/// Someone else's diagnosis, operation, treatment or referral ("has been diagnosed with", "had
/// her bowel resection", "OH referral says", "off long-term after her miscarriage", "chemo
/// starts Monday").
static DISCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u:\b)(?:(?:has|have|'s|\x{2019}s) (?:just )?been diagnosed with|(?:she|he) (?:was|got|has been|is) (?:just )?diagnosed with|(?:oh|occupational health) referral(?:'s|\x{2019}s| has| is| was)? (?:says|said|for|gone in|went in|confirmed)|(?:her|his) (?:[a-z]+ ){0,2}(?:op|operation|surgery|resection|hysterectomy|mastectomy|bypass|biopsy|chemo|chemotherapy|radiotherapy|miscarriage|diagnosis|transplant|replacement|cancer|stroke|heart attack|overdose|breakdown)(?: went| at| in| and| yesterday| today| last| on| this| next| results?| is| was|[,.!])|(?:off|signed off)(?: long[- ]term| sick| work)? (?:with|after|for) (?:her|his) (?:[a-z]+ ){0,2}(?:cancer|miscarriage|stroke|surgery|op|operation|breakdown|depression|overdose|diagnosis)|(?:her|his) chemo starts|(?:with|after|since) (?:her|his) (?:miscarriage|stillbirth|overdose|breakdown|stroke|heart attack)|(?:with|after|since) the (?:miscarriage|stillbirth|overdose|breakdown)(?-u:\b)|(?:been|was|got) diagnosed (?:as )?(?:autistic|adhd|dyslexic|bipolar|diabetic|epileptic)|(?:starts?|started|starting|finished|finishing|after|during) (?:her |his )?chemo(?:therapy)?(?-u:\b)|in for (?:her|his) (?:[a-z]+ )?(?:[a-z]+(?:ectomy|otomy|plasty|scopy)|op|operation|surgery|band|bypass|biopsy|procedure)|(?:been|got|was|is being) referred (?:to [a-z]+ )?(?:about|for|with) (?:a|her|his) (?:lump|mole|scan|biopsy)|(?:who|she|he)(?:'s|\x{2019}s| is| has| was| got) (?:just )?(?:been )?(?:admitted|sectioned)(?-u:\b)|(?:her|his) [\x{2018}'"]?(?:stress|sick) leave|(?:off|signed off|off sick|off work)(?: again)? (?:with|for) (?:her|his|another|a|an|the)? ?[\x{2018}'"]?(?:[a-z']+ ){0,2}(?:anxiety|depression|stress|flare|flare-up|cancer|drink problem|drinking|breakdown|miscarriage|endometriosis|long covid|ms|crohn's|colitis|psychosis|bipolar|eating disorder|addiction|chemo)(?-u:\b)|(?:her|his) (?:ms|crohn's|colitis|cancer|epilepsy|depression|anxiety|endometriosis|endo|lupus|arthritis|psoriasis|migraines?|fibro|fibromyalgia|asthma|ibs) (?:is|has|flar|playing up|acting up)|(?:starts?|started|starting|begins?|beginning) (?:her|his) (?:[a-z]+ ){0,2}(?:treatment|radiotherapy|chemo|chemotherapy|immunotherapy|ivf)(?-u:\b)|oh (?:have|has) referred (?:her|him)|(?:been |was |got )?told by (?:oh|occupational health) (?:she|he|that)|(?:oh|occupational health) (?:have|has) (?:said|told (?:her|him)|restricted (?:her|him)|put (?:her|him) on)|(?:after|since|following|recovering from|back from) (?:her|his) (?:[a-z]+ ){0,3}(?:op|operation|surgery|mastectomy|hysterectomy|lumpectomy|resection|transplant|radiotherapy|admission|stroke|heart attack|cancer treatment)(?-u:\b)|(?:off|signed off|off sick|off work) (?:with|after) (?:a |an )?(?:dvt|blood clot|pe|pulmonary embolism|pneumonia|sepsis|shingles|heart attack|stroke|mini[- ]stroke|tia)(?-u:\b)|(?:found out|finds out|just found out|turns out) (?:she|he) (?:carries|has got|is carrying) |(?:she|he) carries (?:the )?(?:sickle|brca|cf|huntington)|\d{2},? and (?:just |now |recently )?diagnosed with|(?:oh|occupational health) (?:appt|appointment|assessment) (?:about|for|re) |(?:oh|occupational health) (?:appt|appointment|assessment|referral)(?:'s|\x{2019}s| has)? (?:came|come) back|(?:signed|signing) (?:her|him) off (?:sick |work )?(?:with|for) (?:[a-z]+ ){0,2}(?:covid|long covid|stress|anxiety|depression|cancer|flare|breakdown|surgery|op)|(?:lost|losing) (?:the|her|their) (?:baby|pregnancy|twins)(?-u:\b)|(?:had|has had|'s had) (?:a )?(?:miscarriage|stillbirth)(?-u:\b)|(?:her|his) (?:[a-z]+ )?(?:cancer|tumour|lymphoma|leukaemia)(?:'s|\x{2019}s| has| is)? (?:come back|back|returned|spread)(?-u:\b)|(?:after|since|with) your (?:breakdown|miscarriage|overdose|stroke|op|operation|surgery|diagnosis|chemo|mastectomy|hysterectomy)(?-u:\b))"#).expect("valid regex")
});

/// Consent, or the author's own story: not someone else's health told for them.
static OWN_OR_CONSENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:asked me to|said i could|said i can|happy for me to|with (?:her|his) (?:permission|blessing)|wanted me to (?:share|tell|let)|i was diagnosed|i've been diagnosed|my own|(?:her|his) own (?:story|diagnosis|words|experience|column|account|journey)|photo op|radio)").expect("valid regex")
});

/// Someone described by where they come from: what follows is a place.
static PERSON_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:girl|boy|man|woman|lady|lad|bloke|chap|fella|gent|kid|baby|family|one|patient|pt) (?:from|in|of) $").expect("valid regex")
});

/// A capitalised name: "Sharon", "Dr Priya Nair", "our Becky H".
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:Dr|Nurse|Sister|Mr|Mrs|Ms|Miss)\.? )?((?:Mc|Mac|O')?[A-Z][a-z]{1,}(?: (?:Mc|Mac|O')?[A-Z][a-z'-]+)?)").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has_upper
        || !crate::lower_has_any!(
            d,
            [
                "diagnos",
                "treatment",
                "flaring",
                "playing up",
                "referral",
                "referred",
                "her ",
                "his ",
                "chemo",
                "carries",
                "oh app",
                "by oh ",
                "oh have ",
                "oh has ",
                "oh assess",
                "occupational health",
                " off ",
                "admitted",
                "sectioned",
                "miscarriage",
                "stillbirth",
                "lost the baby",
                "lost her baby",
                "lost their baby",
                "the breakdown",
                "the overdose",
                "the stillbirth"
            ]
        )
        || OWN_OR_CONSENTED.is_match(d.lower())
        || super::patient_name::PUBLIC_STORY.is_match(d.lower())
    {
        return;
    }
    let Some(disclosed) = DISCLOSURE.find(d.lower()) else {
        return;
    };
    // The person: a name in the same sentence before the disclosure (or, for "OH referral
    // says", just after it), not a common word, a place or an organisation.
    let (ss, se) = d.sentence(disclosed.start());
    let sentence_start = d.sentence(ss.saturating_sub(2)).0.min(ss);
    let cased = d.cased();
    let named = NAME
        .captures_iter(&cased[sentence_start..se])
        .filter_map(|c| c.get(1))
        .map(|m| {
            // "Our Sharon's back": the name after a common word that opens the run.
            let (s, mut e) = (sentence_start + m.start(), sentence_start + m.end());
            // "Poor Bev's OH appointment": the name without its possessive.
            if let Some(stem) = cased[s..e]
                .strip_suffix("'s")
                .or_else(|| cased[s..e].strip_suffix("\u{2019}s"))
            {
                e = s + stem.len();
            }
            match cased[s..e].split_once(' ') {
                Some((first, _)) if crate::draft::is_common_word(first) => (s + first.len() + 1, e),
                _ => (s, e),
            }
        })
        .find(|&(s, e)| {
            let first = cased[s..e].split(' ').next().unwrap_or("");
            !crate::draft::is_common_word(first)
                && !d.is_organisation(s, e)
                && !super::patient_name::is_eponym(first)
                // A platform or a place, not a person: "messaged me on Insta after her squint op".
                && !super::patient_name::NOT_A_PERSON.contains(&first)
                // A place, not a person: "the girl from Pontypridd".
                && !PERSON_FROM.is_match(d.lower_before(s, 12))
                // A workplace: "our Holt branch".
                && !crate::any_of!(
                    d.lower_after(e, 10),
                    [" branch", " site", " ward", " unit", " surgery", " practice", " hospital", " clinic"]
                )
                // A capital that opens a sentence is a name only when the sentence goes on
                // about them: "Sharon from our team has", not "Took my dad for".
                && (!d.cased()[d.sentence(s).0..s].trim().is_empty()
                    || crate::any_of!(
                        d.lower_after(e, 8),
                        [" from ", " has ", " had ", "'s ", "\u{2019}s ", " is ", " was ", " who", ", i ", " lost "]
                    ))
        });
    if let Some((s, e)) = named {
        let name = d.original_text(s, e);
        out.push(rule.finding(
            d,
            s,
            disclosed.end().max(e),
            format!("\"{name}\" is named with their health."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "colleague-health";

    #[test]
    fn a_short_name_a_flare_or_a_treatment_starting_is_flagged() {
        assert_flags(
            "Sending love to our Jo in pharmacy who starts her breast cancer treatment Monday",
            R,
        );
        assert_flags(
            "Leanne's off again with her endo flaring up, so it's me and a locum. Send biscuits.",
            R,
        );
    }

    #[test]
    fn a_colleague_who_lost_a_baby_is_flagged() {
        assert_flags(
            "Fit a week. Oor Fiona lost the baby on Monday and she's STILL on the rota cos naebody above will sort cover",
            R,
        );
    }

    #[test]
    fn a_colleague_named_with_a_diagnosis_is_flagged() {
        let f = assert_flags(
            "Sharon from our team has been diagnosed with breast cancer, chemo starts Monday at Lincoln. Please send her all your love",
            R,
        );
        assert!(f.message.contains("Sharon"), "{}", f.message);
    }

    #[test]
    fn an_operation_and_an_oh_referral_are_health_too() {
        assert_flags(
            "Sending love to our Gemma who's off for a few weeks - she had her bowel resection at Jimmy's yesterday and is doing well",
            R,
        );
        assert_flags(
            "No wonder Dave from decon's been off so much, the OH referral says IBS",
            R,
        );
        // What occupational health told them.
        assert_span(
            "HCA Bernadette with the bad hip has just been told by OH she can't do manual handling anymore, so that's another pair of hands down.",
            R,
            "Bernadette with the bad hip has just been told by OH she",
        );
        assert_flags(
            "OH have restricted him to days, so Callum's off nights for good",
            R,
        );
        assert_clean("Told by OH that the flu jab clinic moves to Thursday", R);
    }

    #[test]
    fn being_off_with_a_named_condition_or_starting_chemo_is_health() {
        assert_flags(
            "Get well soon to our Becky who's off with another MS flare, the unit's not the same without you hun xx",
            R,
        );
        assert_flags(
            "Sending so much love to our Shireen in the 0-19 team who starts chemo on Monday",
            R,
        );
        assert_flags(
            "Get well soon to our Sharon who's in for her thyroidectomy Thursday!!",
            R,
        );
    }

    #[test]
    fn an_admission_a_referral_or_sick_leave_in_quotes_is_health() {
        assert_flags(
            "Sending love to Dr Priya who's been admitted to our own HDU with pneumonia this week",
            R,
        );
        assert_flags(
            "Sending love to our receptionist Tash who's off for a few weeks, she's been referred to maxfax about a lump in her jaw",
            R,
        );
        assert_flags(
            "Sharon's back from her 'stress leave' just in time for stock take. How convenient",
            R,
        );
        // Someone else admitted: not the colleague named beside it.
        assert_clean(
            "Drove 40 miles to find the patient was admitted yesterday and nobody updated SystmOne because Ravi on the hub forgot",
            R,
        );
    }

    #[test]
    fn a_name_after_our_is_the_one_named() {
        assert_flags(
            "Our Sharon's back from her op next week, a hysterectomy is no joke so be gentle with her everyone!!",
            R,
        );
    }

    #[test]
    fn a_breakdown_or_a_miscarriage_told_of_a_named_colleague_is_health() {
        assert_flags(
            "Dr Amir's first shift back after his breakdown and honestly he looks like a ghost.",
            R,
        );
        assert_flags(
            "Please don't ask Dr Rehana about it when she's back next week, she's had a really rough time with the miscarriage",
            R,
        );
        // A town is not the person.
        assert_clean(
            "the girl from Pontypridd with the overdose has pulled her cannula out again",
            R,
        );
    }

    #[test]
    fn his_own_chemo_and_a_referral_that_was_for_something_are_health() {
        assert_flags(
            "Our Kev from aseptics starts his own chemo next month, send him all your love",
            R,
        );
        assert_flags(
            "Anyone know when Paul's back? Heard his OH referral was for a breakdown.",
            R,
        );
    }

    #[test]
    fn your_own_diagnosis_or_news_shared_with_consent_is_not() {
        assert_clean("Diagnosed with ADHD at 34. So much makes sense now.", R);
        assert_clean(
            "Dr Farah Siddiqui has asked me to let everyone know her knee op went well and she's VERY bored. Cards to the AMU office please",
            R,
        );
        assert_clean(
            "Baked a lemon drizzle for the team and sent a card to Dev, who's off with his back. Get well soon, mate.",
            R,
        );
    }

    #[test]
    fn back_after_surgery_off_with_a_clot_or_carrying_a_trait_is_health() {
        assert_flags(
            "Welcome back Gloria on the clinic reception desk after her breast cancer surgery, we missed you",
            R,
        );
        assert_flags(
            "Sending love to Janet in dispensary who's off with a DVT after her holiday, get well soon hun",
            R,
        );
        assert_flags(
            "Thinking of our Sarah from the fundraising office who started chemo this week. All the love hun xx",
            R,
        );
        assert_flags(
            "Thinking of our Sue from the east team, 58 and diagnosed with early onset Alzheimer's. Cruel disease",
            R,
        );
        assert_flags(
            "Thinking of Sunita in the TVN office, hope the OH appt about your back goes ok tomorrow lovely xx",
            R,
        );
        assert_flags(
            "Poor Bev's OH appointment came back and they've signed her off with long covid for another 8 weeks",
            R,
        );
        assert_flags(
            "Steph, I know the OH referral after your breakdown on the ward last week feels awful but we love you",
            R,
        );
        assert_clean(
            "Our liaison officers offer free support to anyone newly diagnosed with sight loss, just ask at reception",
            R,
        );
        assert_flags(
            "Keep it zipped but Dave, our apheresis nurse, found out he carries sickle trait during his IVF tests",
            R,
        );
    }

    #[test]
    fn a_platform_is_not_the_person_named() {
        assert_clean(
            "Is it weird that I follow my old patient on Insta? She's doing so well after her transplant",
            R,
        );
    }

    #[test]
    fn a_colleagues_cancer_come_back_is_their_health() {
        assert_flags(
            "Our ward sister Claire is off long-term sick, her cancer's come back 💔 we're doing a collection, see Gemma on days if you want to chip in",
            R,
        );
        assert_clean(
            "Claire says I can share this in her own words: her cancer has come back and she wants everyone to check their boobs.",
            R,
        );
    }
}
