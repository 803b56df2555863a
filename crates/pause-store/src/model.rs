//! The rows the store hands out.

use serde::{Deserialize, Serialize};

/// What a person may do in the service. Ids are the kebab-case names used on the command line
/// (`pause users add --role line-manager`) and in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Staff,
    LineManager,
    SeniorManager,
    HeadOfService,
    SpeakUpGuardian,
    Comms,
    Admin,
}

impl Role {
    /// Every role, from least to most organisational reach (not a hierarchy of permissions:
    /// each page names the roles it admits).
    pub const ALL: [Role; 7] = [
        Role::Staff,
        Role::LineManager,
        Role::SeniorManager,
        Role::HeadOfService,
        Role::SpeakUpGuardian,
        Role::Comms,
        Role::Admin,
    ];

    /// The kebab-case id.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::LineManager => "line-manager",
            Role::SeniorManager => "senior-manager",
            Role::HeadOfService => "head-of-service",
            Role::SpeakUpGuardian => "speak-up-guardian",
            Role::Comms => "comms",
            Role::Admin => "admin",
        }
    }

    /// Parses a kebab-case id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Whether this role manages people (and so sees a team's training).
    #[must_use]
    pub fn manages_people(self) -> bool {
        matches!(
            self,
            Role::LineManager | Role::SeniorManager | Role::HeadOfService | Role::Admin
        )
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// The line manager's account id.
    pub manager_id: Option<i64>,
    /// The service (department) the person works in, e.g. "Pharmacy".
    pub service: Option<String>,
    /// An argon2 PHC string.
    pub password_hash: String,
    pub created_at: i64,
}

/// An account to add.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub role: Role,
    pub manager_id: Option<i64>,
    pub service: Option<String>,
    pub password_hash: String,
    pub created_at: i64,
}

/// A signed-in session. The token itself is never stored: only its SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user_id: i64,
    /// The CSRF token every form and state-changing request of this session must carry.
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// One saved version of the organisation's policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVersion {
    pub id: i64,
    /// The TOML that `pause check --policy` reads (empty in [`crate::Store::policy_history`]).
    pub policy_toml: String,
    pub created_by_email: String,
    pub created_at: i64,
    pub note: String,
}

/// One anonymous counter to increment. No user, no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageKey {
    /// The Monday starting the week (see [`crate::week_start`]).
    pub week_start: i64,
    /// `draft` (one per draft, `key` empty), `category` or `rule`.
    pub kind: &'static str,
    /// The category or rule id.
    pub key: String,
    /// `pause` or `post`.
    pub verdict: &'static str,
    /// Whether the person posted (copied the draft) although the verdict was `pause`.
    pub went_ahead: bool,
    /// The reason chosen for going ahead (empty otherwise).
    pub reason: String,
}

/// A counter and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRow {
    pub week_start: i64,
    pub kind: String,
    pub key: String,
    pub verdict: String,
    pub went_ahead: bool,
    pub reason: String,
    pub n: i64,
}

/// A training scenario to add.
#[derive(Debug, Clone)]
pub struct NewScenario {
    pub title: String,
    pub setting: String,
    pub draft: String,
    /// `post`, `edit` or `raise`.
    pub best: String,
    pub explanation: String,
    pub created_by: i64,
    pub created_at: i64,
}

/// A training scenario added by comms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomScenario {
    pub id: i64,
    pub title: String,
    pub setting: String,
    pub draft: String,
    pub best: String,
    pub explanation: String,
}

/// A person's answer to a training scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub user_id: i64,
    /// The scenario's id (`s01`.. for shipped ones, `c1`.. for added ones).
    pub scenario: String,
    /// `post`, `edit` or `raise`.
    pub choice: String,
    pub correct: bool,
    pub completed_at: i64,
}
