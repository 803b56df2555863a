//! `learned-*`: the learned signal (see [`crate::classifier`]), one rule per category so each
//! can be turned off or re-graded in the policy like any other rule.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Rule, RuleDocs};

const WHAT: &str = "Posts worded like the posts in our labelled corpus that carried this risk, scored by a small model over their words, word pairs and marks of tone (a word in capitals, !!, a masked swear word, each emoji). It adds a finding only when no rule of the category fired, and highlights the words that weighed most.";
const FALSE_POSITIVES: &str = "The model knows words, not meaning: an unusual but harmless post that shares many words with risky ones can be flagged. Its threshold was set, per category, where it was right at least 90 to 95 times in 100 on posts it had not been trained on.";

macro_rules! learned {
    ($name:ident, $id:literal, $cat:expr, $clause:expr, $why:literal, $example:literal, $rewrite:literal, $suggestion:literal) => {
        pub static $name: Rule = Rule {
            id: $id,
            category: $cat,
            severity: Severity::Medium,
            policy: $clause,
            suggestion: $suggestion,
            docs: RuleDocs {
                what: WHAT,
                why: $why,
                example: $example,
                rewrite: $rewrite,
                false_positives: FALSE_POSITIVES,
            },
            check,
        };
    };
}

learned!(PATIENT, "learned-patient-confidentiality", Category::PatientConfidentiality, clauses::R02,
    "Posts like this one have described a patient in enough detail to be recognised.",
    "Guess who was in our resus last night after the derby, his ankle did not enjoy the celebration",
    "Busy night in resus; football season keeps us on our toes",
    "Take out anything that would let someone recognise the patient, or don't post it.");
learned!(CONFIDENTIAL, "learned-confidential-information", Category::ConfidentialInformation, clauses::R16,
    "Posts like this one have shared information from work that was not theirs to share.",
    "Sat in the managers meeting today and apparently half of pharmacy is being restructured in spring. You didn't hear it from me",
    "Thinking of colleagues who are having a hard time; be kind to each other",
    "Leave out what you learnt at work that is not public.");
learned!(REPUTATION, "learned-organisation-reputation", Category::OrganisationReputation, clauses::R14,
    "Posts like this one have criticised the author's own employer in public.",
    "My trust's answer to 14 vacant pharmacist posts is a lunchtime webinar on resilience. Thank you, leadership",
    "Vacancies are hard everywhere; I've raised ideas with my manager",
    "Raise it with your manager or the Freedom to Speak Up guardian rather than in public.");
learned!(
    DEFAMATION,
    "learned-defamation",
    Category::Defamation,
    clauses::R17,
    "Posts like this one have accused an identifiable person or company of wrongdoing.",
    "The estates contractor signs off fire door checks without ever looking at a door",
    "We've raised concerns about fire door checks through the proper channels",
    "Report suspected wrongdoing through proper channels instead of accusing anyone in public."
);
learned!(
    BULLYING,
    "learned-bullying-harassment",
    Category::BullyingHarassment,
    clauses::R11,
    "Posts like this one have mocked or belittled colleagues.",
    "The new F2 on our ward has the bedside manner of a parking meter and half the brains",
    "Supervising a new starter this week; everyone starts somewhere",
    "Say it kindly and in private, or not at all."
);
learned!(
    HEAT,
    "learned-heat-of-the-moment",
    Category::HeatOfTheMoment,
    clauses::R19,
    "Posts like this one were written in anger or distress and often regretted.",
    "sat in the car for an hour first. don't want to go in. don't want to go back tomorrow either",
    "Tough week. Taking a breather and talking to someone tomorrow",
    "Save it as a draft and come back to it; talk to someone if you're struggling."
);
learned!(BOUNDARIES, "learned-professional-boundaries", Category::ProfessionalBoundaries, clauses::R07,
    "Posts like this one have crossed a professional boundary: advice, supply, promotion or personal contact.",
    "Anyone on here struggling since their sertraline went up, just take half for a week and build back up",
    "If a dose change is hard going, speak to your pharmacist or GP",
    "Keep to your professional role: signpost rather than advise, and keep patients out of your personal life.");

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let i = Category::ALL
        .iter()
        .position(|&c| c == rule.category)
        .unwrap_or(0);
    let scores = d.learned();
    let (_, flagged, ref top) = scores[i];
    if !flagged || top.is_empty() {
        return;
    }
    // A wrong placed at another named organisation: the words of a complaint about the
    // employer, about someone else's.
    if rule.category == Category::OrganisationReputation
        && crate::rules::reputation::employer_criticism::elsewhere(d)
    {
        return;
    }
    let start = top.iter().map(|t| t.0 .0).min().unwrap_or(0);
    let end = top.iter().map(|t| t.0 .1).max().unwrap_or(start);
    // Written straight into one string: this runs for every candidate, most of which the
    // calibration then drops.
    let mut message = String::with_capacity(96);
    message.push_str("Worded like posts that carried this risk (");
    for (k, t) in top.iter().enumerate() {
        if k > 0 {
            message.push_str(", ");
        }
        message.push('"');
        message.push_str(d.original_text(t.0 .0, t.0 .1));
        message.push('"');
    }
    message.push_str(").");
    out.push(rule.finding(d, start, end, message));
}
