//! `gifts`: money, vouchers and valuables from patients, families or suppliers, not declared.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "gifts",
    category: Category::ProfessionalBoundaries,
    severity: Severity::Medium,
    policy: clauses::R10,
    suggestion: "Declare gifts of money, vouchers or anything of value on your employer's register (or hand them to the ward fund), and never accept anything tied to a prescribing or buying decision.",
    docs: RuleDocs {
        what: "Money, vouchers or valuables given by a patient, a family or a supplier, posted without a word of declaring them: \"the patient's daughter slipped me £40\", \"the rep gave us vouchers for switching brands\".",
        why: "NHS staff must declare gifts beyond low-value tokens, and must never take anything from a supplier tied to a decision: undeclared cash or vouchers are a conduct matter, and gifts from reps can be bribery.",
        example: "Patient's daughter slipped me £40 for looking after her mum, not telling anyone 🤫",
        rewrite: "A family gave the ward a lovely card and chocolates today, thank you 💙",
        false_positives: "Chocolates and cards for the team are not flagged; a gift whose post says it was declared, returned or given to the ward fund is not flagged.",
    },
    check,
};

/// A verb of giving just before the gift: "gave me", "slipped us", "handed her".
fn given(d: &Draft<'_>, start: usize) -> bool {
    let before = d.lower_before(start, 48);
    [
        "gave ",
        "given ",
        "slipped ",
        "handed ",
        "bunged ",
        "sent me",
        "bought me",
        "bought us",
        "treated me",
        "treated us",
        "offered me",
        "offered us",
        "tipped ",
        "pressed ",
        "left me",
        "left us",
        "sent us",
    ]
    .iter()
    .any(|v| before.contains(v))
}

/// The post says it was declared or refused, and does not then say it was not.
fn declared(d: &Draft<'_>) -> bool {
    let declared = crate::lower_has_any!(
        d,
        [
            "declared",
            "declare it",
            "register",
            "ward fund",
            "charity",
            "gave it back",
            "handed it in",
            "returned it",
            "declined",
            "said no",
            "politely",
            "can't accept",
            "cannot accept",
        ]
    );
    let refused = crate::lower_has_any!(
        d,
        [
            "nah",
            "not telling",
            "not declaring",
            "won't declare",
            "wont declare",
            "don't tell",
            "dont tell",
            "no chance",
            "keeping it",
            "treat yourself",
            "happy days",
        ]
    );
    declared && !refused
}

/// A sum of money after `£` (ten pounds or more): "£50", "£ 200".
fn sum_of_money(d: &Draft<'_>) -> Option<(usize, usize)> {
    let lower = d.lower();
    let at = lower.find('£')?;
    let digits = lower[at + '£'.len_utf8()..]
        .trim_start()
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (digits >= 2).then(|| {
        let pad =
            lower[at + '£'.len_utf8()..].len() - lower[at + '£'.len_utf8()..].trim_start().len();
        (at, at + '£'.len_utf8() + pad + digits)
    })
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if !d.has(Lex::GiftGiver) && !d.has(Lex::PatientContext) {
        return;
    }
    let gift = d
        .hits_of(Lex::Gift)
        .map(|h| (h.start, h.end))
        .chain(if d.has_digit() { sum_of_money(d) } else { None })
        .find(|&(s, _)| given(d, s));
    let Some((s, e)) = gift else {
        return;
    };
    if declared(d) {
        return;
    }
    out.push(rule.finding(
        d,
        s,
        e,
        format!(
            "\"{}\" given by a patient, a family or a supplier: declare it.",
            d.original_text(s, e)
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "gifts";

    #[test]
    fn flags_undeclared_money_and_vouchers() {
        assert_span(
            "Patient's daughter slipped me £40 for looking after her mum, not telling anyone",
            R,
            "£40",
        );
        assert_flags(
            "The rep gave us all Amazon vouchers for moving to their inhaler 💸",
            R,
        );
        assert_flags(
            "Lovely family gave me a £150 voucher, declaring it? nah 😎",
            R,
        );
    }

    #[test]
    fn flags_a_legacy_and_a_sponsors_vouchers() {
        assert_flags(
            "A patient I looked after last year left me £4,000 in her will!!! Maldives, here I come",
            R,
        );
        assert_flags(
            "Sponsor sent us all branded hoodies AND a £200 Amazon voucher each for hitting recruitment 😍",
            R,
        );
    }

    #[test]
    fn declared_gifts_and_team_treats_are_clean() {
        assert_clean(
            "A family gave us £50 for the ward fund, it's going on a new recliner",
            R,
        );
        assert_clean("Grateful family gave the team chocolates and a card 💙", R);
        assert_clean(
            "Paid £60 for my parking permit this month, daylight robbery",
            R,
        );
    }
}
