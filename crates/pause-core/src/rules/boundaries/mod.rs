//! `professional-boundaries`: advice, medicines, endorsements, relationships, conduct.

pub mod anti_public_health;
pub mod clinical_advice;
pub mod disparaging_patients;
pub mod endorsement;
pub mod gifts;
pub mod intoxication;
pub mod offering_medicines;
pub mod patient_relationship;
pub mod sick_leave;
