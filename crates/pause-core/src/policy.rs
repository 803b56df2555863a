//! The organisation's policy: who the employer is, what must never be flagged, what is
//! confidential, and per-rule settings. Read from TOML (the same file `pause check --policy`,
//! the service and the extension use).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Severity;

/// A policy. Every field is optional; an empty policy uses the built-in generic employer
/// phrases ("our trust", "my hospital", ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Policy {
    #[serde(default)]
    pub organisation: Organisation,
    #[serde(default)]
    pub suppliers: Suppliers,
    #[serde(default)]
    pub confidential: Confidential,
    /// Per-rule (or per-category) settings, keyed by rule id or category id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
}

/// The employer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Organisation {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub handles: Vec<String>,
    /// Public phone numbers and e-mail addresses: never flagged.
    #[serde(default, alias = "public_contacts")]
    pub public_contacts: Vec<String>,
}

/// Suppliers the organisation deals with (accusations against them are defamation risks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Suppliers {
    #[serde(default)]
    pub names: Vec<String>,
}

/// Confidential terms: codenames and unannounced projects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Confidential {
    #[serde(default)]
    pub terms: Vec<String>,
}

/// A rule's (or category's) setting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSetting {
    /// `false` turns the rule off.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Overrides the rule's severity.
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// A policy file that could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PolicyError {
    /// Malformed TOML or an unknown key, with the position in the file.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A `[rules]` key that is neither a rule id nor a category id.
    #[error(
        "[rules] names `{0}`, which is neither a rule id nor a category id (see `pause rules`)"
    )]
    UnknownRule(String),
}

impl Policy {
    /// Parses a policy from TOML.
    ///
    /// # Errors
    /// [`PolicyError::Syntax`] with the line and column of the problem, or
    /// [`PolicyError::UnknownRule`].
    pub fn from_toml(src: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(src).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_col(src, span.start));
            PolicyError::Syntax {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        for key in policy.rules.keys() {
            let known = crate::rules::find(key).is_some()
                || crate::finding::Category::from_id(key).is_some();
            if !known {
                return Err(PolicyError::UnknownRule(key.clone()));
            }
        }
        Ok(policy)
    }

    /// The policy as TOML (what `--show-policy` prints and the service exports).
    #[must_use]
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The example policy of the fictional Metropolis NHS Trust, used in docs and tests.
    #[must_use]
    pub fn example() -> Policy {
        Policy::from_toml(EXAMPLE_POLICY).unwrap_or_default()
    }
}

/// The example policy file, as shipped in `examples/policy.toml`.
pub const EXAMPLE_POLICY: &str = include_str!("../data/example-policy.toml");

fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let before = &src[..byte.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_policy_parses_with_the_issue_keys() {
        let p = Policy::from_toml(EXAMPLE_POLICY).unwrap();
        assert_eq!(p.organisation.name, "Metropolis NHS Trust");
        assert!(p
            .organisation
            .public_contacts
            .contains(&"0161 496 0000".to_string()));
        assert_eq!(p.suppliers.names, vec!["MediSupply Ltd"]);
    }

    #[test]
    fn unknown_keys_are_reported_with_line_and_column() {
        let err = Policy::from_toml("[organisation]\nname = \"X\"\nnmae = \"Y\"\n").unwrap_err();
        match err {
            PolicyError::Syntax {
                line,
                column,
                message,
            } => {
                assert_eq!((line, column), (3, 1));
                assert!(message.contains("nmae"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_rule_ids_are_rejected() {
        let err = Policy::from_toml("[rules]\nno-such-rule = { enabled = false }\n").unwrap_err();
        assert_eq!(err, PolicyError::UnknownRule("no-such-rule".into()));
    }

    #[test]
    fn bad_severity_is_a_syntax_error() {
        let err = Policy::from_toml("[rules]\nswearing = { severity = \"huge\" }\n").unwrap_err();
        assert!(
            matches!(err, PolicyError::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }
}
