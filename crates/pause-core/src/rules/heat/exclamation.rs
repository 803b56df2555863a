//! `exclamation`: runs of !!! and ?!?!

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "exclamation",
    category: Category::HeatOfTheMoment,
    severity: Severity::Low,
    policy: clauses::R19,
    suggestion: "If you are this worked up, let it settle before you post.",
    docs: RuleDocs {
        what: "Three or more exclamation marks, or mixed ?!?! runs. Alone it is a gentle reminder (two runs, or one of four marks or more, are a nudge unless the post is joy); with anger, swearing, criticism of the employer or of a colleague it becomes a nudge to pause.",
        why: "Runs of !!! on good news are joy; on a complaint they are a sign the post was written hot.",
        example: "Cutbacks at our trust are putting patients at risk!!!",
        rewrite: "Concerned about staffing; raising it with my manager tomorrow.",
        false_positives: "Celebrations (\"Passed my exams!!!\") get only the gentle reminder.",
    },
    check,
};

static BANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!{3,}|[!?]*(?:\?!|!\?)[!?]+|\?{3,}|!(?:\s?1){2,}").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let mut runs = BANG.find_iter(d.cased());
    if let Some(m) = runs.next() {
        let mut f = rule.finding(d, m.start(), m.end(), format!("\"{}\"", m.as_str()));
        // Two or more runs ("Why?!?! WHY?!?!"), or one of four marks or more ("TPN!!!!!!!!"),
        // are heated on their own, unless it is joy ("WE PASSED!!! OSCE done!!!").
        let long = m.as_str().bytes().filter(|&b| b == b'!').count() >= 4;
        if (long || runs.next().is_some()) && !super::joyful(d) {
            f.severity = Severity::Medium;
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "exclamation";

    #[test]
    fn escalates_when_heated() {
        assert_flags("Cutbacks at our trust are putting patients at risk!!!", R);
        assert_flags("Why does nobody listen?!?! Absolutely fuming", R);
    }

    #[test]
    fn a_long_run_is_heated_on_its_own() {
        assert_flags(
            "WHY does every consultant think it's fine to ring pharmacy at 4:59 on a Friday for TPN!!!!!!!!",
            R,
        );
        assert_clean(
            "PASSED MY ABDO FINALS!!!! FBDO at last, thank you to everyone",
            R,
        );
    }

    #[test]
    fn celebrations_stay_gentle() {
        assert_clean("Passed my exams!!!", R);
    }

    #[test]
    fn joy_is_not_heat() {
        assert_clean(
            "WE PASSED!!! Both of us, OSCE done and dusted!!! Kebab time",
            R,
        );
        assert_clean("PORT VALE PROMOTED!!! Burslem is bouncing!!!", R);
    }
}
