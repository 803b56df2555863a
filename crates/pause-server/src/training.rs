//! Training scenarios: shipped ones (`data/scenarios.toml`) and ones `comms` added.

use serde::Deserialize;

/// A scenario: a situation, a draft, the best choice and why.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// `s01`.. for shipped scenarios, `c1`.. for added ones.
    pub id: String,
    pub title: String,
    pub setting: String,
    pub draft: String,
    /// Time of posting, when it matters (RFC 3339).
    #[serde(default)]
    pub at: Option<String>,
    /// `post`, `edit` or `raise`.
    pub best: String,
    pub explanation: String,
}

/// The three choices, with the words the page shows.
pub const CHOICES: &[(&str, &str)] = &[
    ("post", "Post it as it is"),
    ("edit", "Change it (or don't post)"),
    ("raise", "Raise a concern instead"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    scenario: Vec<Scenario>,
}

const SHIPPED: &str = include_str!("../data/scenarios.toml");

/// The shipped scenarios.
///
/// # Panics
/// If the shipped file is malformed, which the tests rule out.
#[must_use]
pub fn shipped() -> Vec<Scenario> {
    toml::from_str::<File>(SHIPPED)
        .expect("data/scenarios.toml is checked by the tests")
        .scenario
}

impl From<pause_store::CustomScenario> for Scenario {
    fn from(c: pause_store::CustomScenario) -> Scenario {
        Scenario {
            id: format!("c{}", c.id),
            title: c.title,
            setting: c.setting,
            draft: c.draft,
            at: None,
            best: c.best,
            explanation: c.explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pause_core::{Engine, Policy, Verdict};

    #[test]
    fn at_least_twelve_scenarios_with_unique_ids_and_valid_choices() {
        let all = shipped();
        assert!(all.len() >= 12, "{}", all.len());
        let mut ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        for s in &all {
            assert!(CHOICES.iter().any(|(c, _)| *c == s.best), "{}", s.id);
        }
    }

    #[test]
    fn the_engine_agrees_with_each_scenarios_best_choice() {
        let engine = Engine::new(&Policy::default()).unwrap();
        for s in shipped() {
            let at =
                s.at.as_deref()
                    .map(|a| chrono::DateTime::parse_from_rfc3339(a).unwrap());
            let report = engine.check(&s.draft, at);
            let expected = if s.best == "post" {
                Verdict::Post
            } else {
                Verdict::Pause
            };
            assert_eq!(
                report.verdict, expected,
                "{} ({}): {:?}",
                s.id, s.title, report.findings
            );
        }
    }
}
