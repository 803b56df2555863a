//! `late-night`: posting in the small hours, when the time of posting is known.

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "late-night",
    category: Category::HeatOfTheMoment,
    severity: Severity::Low,
    policy: clauses::R19,
    suggestion: "It's the middle of the night: save it as a draft and read it again after some sleep.",
    docs: RuleDocs {
        what: "A post written between midnight and 5am (local time of the `at` timestamp). Alone it is a gentle reminder; with anger, despair, swearing or other heated signs it becomes a nudge to pause.",
        why: "Exhaustion after a night shift or a sleepless night lowers the guard on what we post; most regretted posts are written late.",
        example: "Absolutely fuming about tonight's shift (posted at 03:12)",
        rewrite: "Night shift done, kettle on (posted at 07:40)",
        false_positives: "Calm posts at night get only the gentle reminder.",
    },
    check,
};

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if let (Some(hour), Some(at)) = (d.hour(), d.at) {
        if hour < 5 && !d.cased().is_empty() {
            out.push(rule.finding(
                d,
                0,
                d.cased().len(),
                format!("Posted at {}.", at.format("%H:%M")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use crate::{Engine, Policy, Severity};

    fn sev(text: &str, at: &str) -> Option<Severity> {
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        Engine::new(&Policy::default())
            .unwrap()
            .check(text, Some(at))
            .findings
            .into_iter()
            .find(|f| f.rule == "late-night")
            .map(|f| f.severity)
    }

    #[test]
    fn calm_night_posts_get_a_gentle_reminder() {
        assert_eq!(
            sev("Night shift done, kettle on", "2026-03-01T03:12:00Z"),
            Some(Severity::Low)
        );
    }

    #[test]
    fn heated_night_posts_pause() {
        assert_eq!(
            sev(
                "Absolutely fuming about tonight",
                "2026-03-01T03:12:00+00:00"
            ),
            Some(Severity::Medium)
        );
    }

    #[test]
    fn daytime_posts_are_not_flagged() {
        assert_eq!(sev("Absolutely fuming", "2026-03-01T13:12:00Z"), None);
    }
}
