//! `heat-of-the-moment`: signs of posting in anger or distress.

pub mod anger;
pub mod despair;
pub mod dont_care;
pub mod drinking;
pub mod exclamation;
pub mod late_night;
pub mod shouting;
pub mod swearing;

use crate::draft::Draft;
use crate::lexicon::Lex;

/// Whether the post celebrates (an exam passed, a job got, a retirement) and is not also angry,
/// hostile or critical: capitals, "!!!" and swearing in it are joy, not heat.
pub(crate) fn joyful(d: &Draft<'_>) -> bool {
    d.has(Lex::Celebration)
        && ![
            Lex::Anger,
            Lex::Insult,
            Lex::Threat,
            Lex::NegativeClaim,
            Lex::Despair,
            Lex::DontCare,
            Lex::Accusation,
        ]
        .into_iter()
        .any(|l| d.has(l))
}
