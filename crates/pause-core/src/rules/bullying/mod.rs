//! `bullying-harassment`: insults, threats, discrimination, shaming and pile-ons.

pub mod discrimination;
pub mod insult;
pub mod pile_on;
pub mod shaming;
pub mod threat;

use crate::draft::Draft;
use crate::lexicon::Lex;

/// Addressed to someone: "you're", "you are", "u r".
pub(crate) fn second_person_near(d: &Draft<'_>, start: usize, end: usize) -> bool {
    d.near(Lex::SecondPerson, start, end, 30).is_some()
}
