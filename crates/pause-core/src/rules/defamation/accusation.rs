//! `accusation`: an identifiable person or organisation accused of wrongdoing as fact.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "accusation",
    category: Category::Defamation,
    severity: Severity::High,
    policy: clauses::R17,
    suggestion: "Stick to what you can show and say it as your experience, not as fact about them; better, report suspected wrongdoing to your manager, counter-fraud or the Freedom to Speak Up guardian.",
    docs: RuleDocs {
        what: "An accusation of wrongdoing (fraud, lying, theft, cover-ups, negligence, bribery, \"crooks\") next to someone identifiable: a name, an @handle, a role (\"our chief pharmacist\"), a supplier or a company.",
        why: "Stating as fact that an identifiable person or company did wrong can be defamation: you can be sued personally, sharing or retweeting republishes it, and truth is yours to prove. It is also a disciplinary matter.",
        example: "MediSupply Ltd are crooks who knowingly sold us short-dated stock",
        rewrite: "We've had problems with short-dated stock from a supplier and have reported it through the proper channels",
        false_positives: "Fraud and scam warnings (\"beware of scam calls\", \"suspect NHS fraud? report it\"), the author's own confessions (\"I lied about my age\"), a regulator's or court's published decision reported as news, place names (\"off to Crook\"), and accusations with no identifiable target.",
    },
    check,
};

/// The first accusation in the post that the rule stands behind: the accusing word's span and
/// its target's (a name, handle, organisation or role). `leader-accused` reuses it to see
/// whether the target is one of the author's own organisation's leaders.
pub(crate) struct Accused {
    pub start: usize,
    pub end: usize,
    pub target: (usize, usize),
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let Some(a) = accused(d) else {
        return;
    };
    let (ts, te) = a.target;
    let target = d.original_text(ts, te);
    let word = d.original_text(a.start, a.end);
    let named = d.people().contains(&(ts, te));
    let mut f = rule.finding(d, a.start, a.end, format!("\"{word}\" said of {target}."));
    if !named {
        f.severity = Severity::Medium;
    }
    out.push(f);
}

pub(crate) fn accused(d: &Draft<'_>) -> Option<Accused> {
    for h in d.hits_of(Lex::Accusation) {
        let safe = d
            .hits_in(h.start.saturating_sub(30), h.end + 30)
            .any(|x| x.lex == Lex::AccusationSafe && x.start <= h.start && x.end >= h.end);
        let (ss, se) = d.sentence(h.start);
        let on_record = crate::lower_has_any!(
            d,
            [
                "fraud awareness",
                "novel",
                "episode",
                "holby",
                "casualty last night",
                "podcast",
                "true crime"
            ]
        ) || crate::any_of!(
            &d.lower()[ss..se],
            [
                "convicted",
                "found guilty",
                "sentenced",
                "jailed",
                "court heard",
                "pleaded guilty"
            ]
        );
        if safe
            || d.self_directed(h.start, 20)
            || on_record
            || published_ruling(d)
            || place_name(d, h)
            || petty(d, h.start, h.end)
        {
            continue;
        }
        let Some((ts, te)) = d
            .person_near(h.start, h.end, 120)
            .or_else(|| d.person_in_post(h.start, h.end, 200))
        else {
            continue;
        };
        return Some(Accused {
            start: h.start,
            end: h.end,
            target: (ts, te),
        });
    }
    None
}

/// A regulator's or court's published decision reported as news ("The NMC panel published its
/// decision on a nurse struck off for falsifying records"): on the record, not the author's
/// accusation.
fn published_ruling(d: &Draft<'_>) -> bool {
    crate::lower_has_any!(
        d,
        [
            "tribunal",
            "fitness to practise",
            "fitness-to-practise",
            "determination",
            "panel decision",
            "nmc decision",
            "gmc decision",
            "mpts",
            "hcpc hearing",
            "magistrates",
            "crown court"
        ]
    ) && crate::lower_has_any!(
        d,
        [
            "published",
            "website",
            "in the press",
            "reported",
            "journal",
            "the decision",
            "determination is",
            "is public"
        ]
    )
}

/// A capitalised accusation word after a preposition is a place ("off to Crook, County Durham").
fn place_name(d: &Draft<'_>, h: &crate::lexicon::Hit) -> bool {
    d.cased()[h.start..h.end].starts_with(|c: char| c.is_ascii_uppercase())
        && ["to ", "in ", "at ", "from ", "near ", "via "]
            .iter()
            .any(|p| d.lower_before(h.start, 8).ends_with(p))
}

/// What follows "nicking" or "nicked" when the theft is the office fridge's, not a crime
/// worth a libel suit: "whoever keeps nicking my lunch", "nicked the good pens".
static PETTY_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:my |the |our |all the |me )?(?:good |last |staff |team |oat )?(?:lunch|lunches|yoghurts?|yogurts?|milk|pens?|biscuits|snap|bait|chips|food|chair|mug|mugs|charger|stapler|scissors|parking space|space|spot|shifts?|christmas day shift|bank shifts|sandwich|tea ?bags|coffee|cake|chocolates? from the staff|sign|seat|desk|locker key|pallet truck|car keys|sats probes?)(?-u:\b)")
        .expect("valid regex")
});

/// Whether the accusation is petty or passive: theft from the staff fridge, or a plan that "got
/// binned" with nobody named as binning it ("binned by the ward manager" still counts).
fn petty(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let term = &d.lower()[start..end];
    let after = d.lower_after(end, 40);
    let before = d.lower_before(start, 10);
    (matches!(term, "nicking" | "nicked") && PETTY_ITEM.is_match(after))
        || (term == "binned"
            && !after.starts_with(" by ")
            && [
                "got ", "being ", "getting ", "is ", "was ", "be ", "were ", "been ",
            ]
            .iter()
            .any(|w| before.ends_with(w)))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "accusation";

    #[test]
    fn flags_accusations_against_identifiable_targets() {
        assert_flags(
            "MediSupply Ltd are crooks who knowingly sold us short-dated stock",
            R,
        );
        assert_flags("Our chief pharmacist lied to the CQC", R);
        assert_flags("@DaveR_Pharma is a fraud and everyone knows it", R);
        assert_flags("Acme Pharma are cr00ks", R);
    }

    #[test]
    fn the_staff_fridge_and_a_binned_plan_are_not_defamation() {
        assert_clean(
            "To whoever on the night team keeps nicking my lunch from the pharmacy fridge: I know it's you, Gavin 👀",
            R,
        );
        assert_clean(
            "The business case for a second CT scanner got binned at the capital committee, per our manager",
            R,
        );
        // Theft of medicines, or a report binned by a named manager, still is.
        assert_flags(
            "Our ward manager Gavin has been nicking the oramorph for months",
            R,
        );
        assert_flags(
            "Our manager Tina binned my incident report about the broken hoist",
            R,
        );
        assert_flags(
            "My incident report about the hoist got binned by the ward manager, Tina Hale",
            R,
        );
    }

    #[test]
    fn safety_checks_signed_off_unseen_are_an_accusation() {
        assert_flags(
            "The estates contractor signs off fire door checks without ever looking at a door",
            R,
        );
        assert_clean(
            "Never sign off a check without looking: it's your name on it",
            R,
        );
    }

    #[test]
    fn warnings_confessions_and_untargeted_words_are_clean() {
        assert_clean("Beware of scam calls pretending to be from the pharmacy", R);
        assert_clean("I lied about loving the Christmas jumper", R);
        assert_clean(
            "Fraud awareness week: the counter fraud team explain how to report it",
            R,
        );
    }

    #[test]
    fn published_rulings_reported_as_news_are_on_the_record() {
        assert_clean(
            "The NMC fitness to practise panel published its determination on a nurse who lied about her registration. Worth a read for preceptors.",
            R,
        );
        assert_flags(
            "Our ward manager lied at the tribunal and everyone on the ward knows it",
            R,
        );
    }

    #[test]
    fn places_and_fraud_helplines_are_not_accusations() {
        assert_clean(
            "Heading to Crook for a clinic visit with Dr Shah tomorrow",
            R,
        );
        assert_clean(
            "Suspect NHS fraud? Call the reporting line, Sam in finance can help",
            R,
        );
        assert_flags("Dr Shah is a crook and a liar", R);
    }
}
