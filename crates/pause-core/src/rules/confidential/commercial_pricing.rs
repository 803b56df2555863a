//! `commercial-pricing`: prices and contract terms that are commercial in confidence.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "commercial-pricing",
    category: Category::ConfidentialInformation,
    severity: Severity::High,
    policy: clauses::R16,
    suggestion: "Leave out prices, discounts and contract values; they are usually commercial in confidence.",
    docs: RuleDocs {
        what: "Prices, discounts, rebates and contract values the organisation pays (\"we pay £12.40 per vial\", \"the contract price\"), and anything marked commercial in confidence.",
        why: "NHS contract prices are usually confidential terms of the deal. Publishing them can breach the contract, cost the NHS its discount, and expose the poster to disciplinary action.",
        example: "We pay £412 per vial for it under the new contract, madness",
        rewrite: "High-cost drugs are a real pressure on NHS budgets",
        false_positives: "Public list prices (the Drug Tariff, the BNF) and prices of things in shops.",
    },
    check,
};

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"£\s?\d|\d\s?%|\d\s?(?:k|m|p)(?-u:\b)|\d+(?:\.\d+)?\s?(?:pounds|quid|million)")
        .expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for h in d.hits_of(Lex::CommercialPrice) {
        let term = &d.lower()[h.start..h.end];
        let marked =
            term.contains("confiden") || term == "cic" || term.contains("commercially sensitive");
        let (ss, se) = d.sentence(h.start);
        let money = MONEY.is_match(&d.cased()[ss..se]);
        if marked || money {
            out.push(rule.finding_at_hit(
                d,
                h,
                "\"{}\": a price or contract term that is likely commercial in confidence.",
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "commercial-pricing";

    #[test]
    fn flags_prices_we_pay() {
        assert_flags("We pay £412 per vial under the new contract", R);
        assert_flags(
            "The contract price with MediSupply is commercial in confidence but it's outrageous",
            R,
        );
    }

    #[test]
    fn public_prices_are_clean() {
        assert_clean("The price per pack went up in the shops", R);
    }
}
