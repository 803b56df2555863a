//! `patient-confidentiality`: anything that identifies a patient, directly or indirectly.

pub mod clinical_photo;
pub mod colleague_health;
pub mod date_of_birth;
pub mod digits;
pub mod hospital_number;
pub mod jigsaw;
pub mod medicine_waiting;
pub mod nhs_number;
pub mod patient_address;
pub mod patient_contact;
pub mod patient_name;

use std::sync::LazyLock;

use regex::Regex;

use crate::draft::Draft;
use crate::lexicon::Lex;

/// A made-up patient: an OSCE station, a simulation, a role-play, an actor playing the part.
pub(crate) static SIMULATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:osces?|simulated|simulation|sim lab|role-?play|mannequin|manikin|an actor (?:called|named|playing)|made-up|fictional|practice scenario|case scenario|scenario for)(?-u:\b)")
        .expect("valid regex")
});

/// Whether the words around `start..end` (same sentence, or the one before or after for short
/// posts) put a person in a patient's shoes.
pub(crate) fn patient_context(d: &Draft<'_>, start: usize, end: usize) -> bool {
    d.near(Lex::PatientContext, start, end, 120).is_some()
        || d.near(Lex::HospitalPlace, start, end, 80).is_some()
        || d.near(Lex::ClinicalCondition, start, end, 80).is_some()
        || d.near_any(Lex::PatientContext, start, end, 60).is_some()
}
