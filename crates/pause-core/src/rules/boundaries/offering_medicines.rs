//! `offering-medicines`: offering medicines or samples outside a prescription.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "offering-medicines",
    category: Category::ProfessionalBoundaries,
    severity: Severity::High,
    policy: clauses::R07,
    suggestion: "Never offer or supply medicines outside a proper prescription or sale. Point people to a pharmacy or their GP.",
    docs: RuleDocs {
        what: "Offering, selling or giving away medicines or samples: \"got spare co-codamol if anyone needs\", \"I can get you some diazepam\".",
        why: "Supplying medicines outside a prescription or a proper sale can be illegal (prescription-only and controlled drugs), harms people whose history you don't know, and is a fitness-to-practise matter.",
        example: "Got spare co-codamol if anyone needs some, just DM me",
        rewrite: "If you're struggling with pain, a pharmacist can help you find the right option",
        false_positives: "Spare rooms, spare tickets and other things that are not medicines.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if d.has(Lex::Signposting) && !d.lower().contains("dm me") {
        return;
    }
    for h in d.hits_of(Lex::OfferMedicine) {
        let phrase = &d.lower()[h.start..h.end];
        let self_contained = phrase.contains("questions")
            || phrase.contains("sample")
            || phrase.contains("prescription")
            || phrase.contains("script");
        let (ss, se) = d.sentence(h.start);
        let sentence = &d.lower()[ss..se];
        let mine = [
            " i ",
            "i'm",
            "i've",
            "ive ",
            "i'll",
            "i can",
            " my ",
            " me",
            "got ",
            "anyone need",
            "anyone want",
            "if anyone",
            "free to",
            "dm",
            "message me",
            "swapped",
            "£",
        ]
        .iter()
        .any(|w| sentence.contains(w) || sentence.trim_start().starts_with(w.trim()))
            // "Selling ... £3 each" with no subject is the author selling.
            || sentence.trim_start().starts_with("selling");
        if mine && (self_contained || d.near_any(Lex::Medicine, h.start, h.end, 100).is_some()) {
            out.push(rule.finding_at_hit(
                d,
                h,
                "\"{}\": offering medicines outside a prescription.",
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "offering-medicines";

    #[test]
    fn flags_offers() {
        assert_flags("Got spare co-codamol if anyone needs some", R);
        assert_flags("I can get you some diazepam, no script needed", R);
    }

    #[test]
    fn first_person_offers_of_stock_are_flagged() {
        assert_flags(
            "ankle sounds sprained, I'll sort you some naproxen from work",
            R,
        );
        assert_flags("I can get levonorgestrel from the unit stock, DM me", R);
    }

    #[test]
    fn other_spares_are_clean() {
        assert_clean("Got a spare ticket for the gig if anyone wants it", R);
    }

    #[test]
    fn flags_selling_and_swapping_medicines() {
        assert_flags(
            "Selling sample packs of Oilatum from the practice cupboard, £3 each",
            R,
        );
        assert_flags("Swapped a few of my diazepam for her pregabalin, sorted", R);
        assert_clean("Selling my old scrubs, £5 each, all washed", R);
    }
}
