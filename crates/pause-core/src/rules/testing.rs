//! Small helpers for rule tests: `assert_flags(text, rule)`, `assert_clean(text, rule)`.

use std::sync::LazyLock;

use crate::{Engine, Finding, Policy, Severity};

/// The example policy's engine without the calibration: a rule's tests say what the rule
/// matches; the engine's tests say when the calibration lowers it.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new(&Policy::example())
        .expect("example policy builds")
        .with_second_opinion(crate::classifier::Model::default(), [false; 7])
});

/// The medium or high findings of `rule` on `text`.
pub fn findings(text: &str, rule: &str) -> Vec<Finding> {
    ENGINE
        .check(text, None)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule && f.severity >= Severity::Medium)
        .collect()
}

/// The low findings (reminders that never pause) of `rule` on `text`.
pub fn reminders(text: &str, rule: &str) -> Vec<Finding> {
    ENGINE
        .check(text, None)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule && f.severity == Severity::Low)
        .collect()
}

/// Asserts `rule` flags `text` (medium or high) and returns the first finding.
#[track_caller]
pub fn assert_flags(text: &str, rule: &str) -> Finding {
    let all = ENGINE.check(text, None);
    findings(text, rule).into_iter().next().unwrap_or_else(|| {
        panic!(
            "expected {rule} to flag {text:?}; got {:?}",
            all.findings
                .iter()
                .map(|f| (f.rule, f.severity))
                .collect::<Vec<_>>()
        )
    })
}

/// Asserts `rule` does not flag `text` at medium or high.
#[track_caller]
pub fn assert_clean(text: &str, rule: &str) {
    let f = findings(text, rule);
    assert!(
        f.is_empty(),
        "expected {rule} not to flag {text:?}; got {f:?}"
    );
}

/// Asserts the flagged span reads `expected` in the original text.
#[track_caller]
pub fn assert_span(text: &str, rule: &str, expected: &str) {
    let f = assert_flags(text, rule);
    assert_eq!(&text[f.start..f.end], expected);
}

/// Asserts the redacted text.
#[track_caller]
pub fn assert_redacts(text: &str, expected: &str) {
    assert_eq!(ENGINE.check(text, None).redacted, expected);
}
