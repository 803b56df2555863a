//! `patient-relationship`: personal relationships with patients.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "patient-relationship",
    category: Category::ProfessionalBoundaries,
    severity: Severity::High,
    policy: clauses::R06,
    suggestion: "Keep patients (and former patients) out of your personal social media. Politely decline friend requests and messages, and tell your manager if a patient contacts you privately.",
    docs: RuleDocs {
        what: "Dating, friending, following or privately messaging patients or former patients, or inviting them onto a personal account: \"the patient asked me out\", \"accepted his friend request\", \"ladies on my caseload, add me on Insta\".",
        why: "Patients are vulnerable and the relationship is unequal. Personal relationships with them, or with recent former patients, breach professional boundaries and are among the most serious fitness-to-practise findings.",
        example: "Cute patient in bay 2 asked for my number, gave it him 😉",
        rewrite: "Lovely to see patients in good spirits today",
        false_positives: "Friends and family who happen to be patients are still covered: check your organisation's policy.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has(Lex::PatientRelationship) {
        return;
    }
    // Saying no is the right answer, not a risk.
    if crate::lower_has_any!(
        d,
        [
            "separate",
            "declined",
            "said no",
            "politely",
            "kindly",
            "can't accept",
            "cannot accept",
            "not allowed to",
            "don't accept",
            "dont accept",
            "never accept",
            "decline",
            "didn't accept",
            "did not accept",
            "won't accept",
            "wont accept",
            "not my personal",
        ]
    ) {
        return;
    }
    for h in d.hits_of(Lex::PatientRelationship) {
        let phrase = &d.lower()[h.start..h.end];
        let after = &d.lower()[h.end..];
        if phrase.ends_with("fit")
            && [" for", " to ", " enough", " again", " and well"]
                .iter()
                .any(|w| after.starts_with(w))
        {
            continue;
        }
        // "I treated", "ex-patient", "met when he was in": the phrase says who they are.
        let says_patient = ["patient", "i treated", "met when"]
            .iter()
            .any(|w| phrase.contains(w));
        if says_patient
            || d.near_any(Lex::PatientContext, h.start, h.end, 140)
                .is_some()
        {
            out.push(rule.finding_at_hit(d, h, "\"{}\": a personal relationship with a patient."));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "patient-relationship";

    #[test]
    fn inviting_patients_onto_personal_accounts_is_a_relationship() {
        assert_flags(
            "Ladies on my caseload!! Add me on Insta @tilly.the.midwife we can stay friends after discharge, I love seeing your babies grow up",
            R,
        );
        assert_flags(
            "Any of the patients I jabbed at Saturday's drop-in, add me on Insta if you want to stay in touch",
            R,
        );
        assert_clean(
            "A relative tried to add me on Facebook after their mum went home. I know it comes from a kind place. Just didn't accept.",
            R,
        );
        assert_clean(
            "PSA: prescription queries go to pharmacy@metropolis.example, not my personal insta dms lol",
            R,
        );
    }

    #[test]
    fn flags_relationships_with_patients() {
        assert_flags("The patient asked me out and I said yes", R);
        assert_flags(
            "Texted my patient from the adolescent unit from my own phone to check on her insulin",
            R,
        );
        assert_flags(
            "Accepted his friend request, he was my patient last year",
            R,
        );
    }

    #[test]
    fn former_patients_as_friends_or_dates_are_flagged() {
        assert_flags(
            "I've accepted friend requests from loads of ex-patients from the ward",
            R,
        );
        assert_flags("6 months today with my ex-patient from the cardiac ward", R);
        assert_flags(
            "the patient who sent the lovely card? we've been going for drinks",
            R,
        );
    }

    #[test]
    fn boundary_reminders_are_clean() {
        assert_clean(
            "Reminder for staff: don't accept friend requests from patients",
            R,
        );
        assert_clean(
            "Key takeaway: never accept friend requests from patients. Polite decline, every time",
            R,
        );
    }

    #[test]
    fn friends_outside_work_are_clean() {
        assert_clean("Accepted a friend request from my old school mate", R);
    }

    #[test]
    fn fit_for_something_is_fitness_not_attraction() {
        assert_clean(
            "Dispensed for the rower from bed 3, hope she's fit for the regatta",
            R,
        );
    }

    #[test]
    fn flags_messaging_and_dating_patients_met_at_work() {
        assert_flags(
            "Sliding into the DMs of the fit paramedic student I treated today",
            R,
        );
        assert_flags(
            "Jade from my Thursday clinic keeps DMing me and I've started replying",
            R,
        );
        assert_flags("Seeing a guy I met when he was in for his knee 🙈", R);
        assert_clean("Sliding into the weekend like 🛝", R);
    }
}
