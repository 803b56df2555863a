//! # pause-store: what the Pause service keeps, and nothing more
//!
//! Accounts, sessions, rate-limit counters, the organisation's policy versions, training
//! completion, anonymous usage counts and the speak-up cases ([`SpeakUpStore`]), behind one [`Store`] trait with a SQLite and a
//! PostgreSQL implementation.
//!
//! ```no_run
//! # async fn demo() -> Result<(), pause_store::StoreError> {
//! let store = pause_store::connect("sqlite://pause.db").await?; // migrations run here
//! let newest = store.latest_policy_version_id().await?;
//! # Ok(()) }
//! ```
//!
//! ## Decisions
//! * **Drafts are not in the schema.** There is no column a draft could be written to: usage is
//!   counted per week, category, rule, verdict and "went ahead anyway" reason, with no user id.
//! * **One body of SQL, two dialects.** The queries are written once in the portable subset
//!   (`$1` parameters, `INSERT .. ON CONFLICT .. DO UPDATE`, `RETURNING`, BIGINT times in Unix
//!   seconds, 0/1 booleans) and a macro instantiates them for each pool type; only the migrations
//!   are per dialect (`migrations/sqlite`, `migrations/postgres`), run at start by sqlx's
//!   migrator (which takes an advisory lock on PostgreSQL, so several instances may start at once).
//! * **Nothing that matters lives in one process.** Sessions, rate limits and the policy are all
//!   here, so several `pause serve` instances over one PostgreSQL agree.
//! * **Session tokens are stored hashed** (the caller passes the SHA-256), so a copied database
//!   holds no usable session.

mod model;
mod speakup;
mod sql;
mod sql_speakup;

use std::sync::Arc;

pub use model::{
    Completion, CustomScenario, NewScenario, NewUser, PolicyVersion, Role, SessionRecord, UsageKey,
    UsageRow, User,
};
pub use speakup::{
    AuditChain, AuditRow, ConcernChange, ConcernRow, Created, DetrimentRow, EventRow, FileRow,
    MailJob, NewAudit, NewConcern, NewEvent, NewFile, NewNotification, NotificationRow,
    OrgImported, OrgPerson, ServiceRow, SpeakUpStore,
};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL names no supported database.
    #[error(
        "unsupported database URL `{0}`: expected sqlite://PATH, a file path, or postgres://..."
    )]
    BadUrl(String),
    /// Connecting failed.
    #[error("could not connect to the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    /// A migration failed.
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A unique key was violated (e.g. an e-mail already registered).
    #[error("{0} already exists")]
    Duplicate(String),
    /// A referenced row does not exist (e.g. an unknown manager).
    #[error("{0} not found")]
    NotFound(String),
    /// Any other database error, with the operation that failed.
    #[error("database error in {op}: {source}")]
    Db {
        op: &'static str,
        source: sqlx::Error,
    },
}

/// The result type of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything the service keeps. Implemented for SQLite and PostgreSQL.
#[async_trait::async_trait]
pub trait Store: SpeakUpStore + Send + Sync + std::fmt::Debug {
    /// `sqlite` or `postgres`.
    fn dialect(&self) -> &'static str;
    /// A trivial query, for `/healthz`.
    async fn ping(&self) -> Result<()>;

    // Accounts.
    /// Adds an account. [`StoreError::Duplicate`] if the e-mail is taken.
    async fn create_user(&self, user: &NewUser) -> Result<User>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn user_by_id(&self, id: i64) -> Result<Option<User>>;
    /// Every account, by e-mail.
    async fn list_users(&self) -> Result<Vec<User>>;
    /// The people whose line manager is `manager_id`.
    async fn team_of(&self, manager_id: i64) -> Result<Vec<User>>;
    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()>;

    // Sessions.
    async fn create_session(&self, session: &SessionRecord) -> Result<()>;
    /// The live session with this token hash and its user (none when expired).
    async fn session(&self, token_hash: &str, now: i64) -> Result<Option<(SessionRecord, User)>>;
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Moves a live session's expiry later (the idle timeout's sliding edge); never earlier.
    async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<()>;
    /// Removes expired sessions and old rate-limit windows; returns the sessions removed.
    async fn prune(&self, now: i64) -> Result<u64>;

    // Rate limiting.
    /// Adds one hit to `key` in the window starting at `window_start`; returns the hits so far.
    async fn rate_hit(&self, key: &str, window_start: i64) -> Result<i64>;
    /// The hits on `key` in the window starting at `window_start`.
    async fn rate_hits(&self, key: &str, window_start: i64) -> Result<i64>;

    // Policy.
    /// The id of the policy in force (the newest version), or `None` before the first save.
    async fn latest_policy_version_id(&self) -> Result<Option<i64>>;
    async fn policy_version(&self, id: i64) -> Result<Option<PolicyVersion>>;
    /// Saves a new version; returns its id.
    async fn save_policy(&self, policy_toml: &str, by: &User, at: i64, note: &str) -> Result<i64>;
    /// The newest versions first (without their TOML).
    async fn policy_history(&self, limit: i64) -> Result<Vec<PolicyVersion>>;

    // Anonymous usage counts.
    /// Adds one to each counter, in one transaction.
    async fn record_usage(&self, keys: &[UsageKey]) -> Result<()>;
    /// Every counter from `since_week` on.
    async fn usage_since(&self, since_week: i64) -> Result<Vec<UsageRow>>;

    // Training.
    async fn add_scenario(&self, scenario: &NewScenario) -> Result<i64>;
    async fn custom_scenarios(&self) -> Result<Vec<CustomScenario>>;
    /// Records (or replaces) a person's answer to a scenario.
    async fn record_completion(&self, completion: &Completion) -> Result<()>;
    async fn completions_of(&self, user_id: i64) -> Result<Vec<Completion>>;
    async fn all_completions(&self) -> Result<Vec<Completion>>;
}

/// Connects to `url` and runs the migrations.
///
/// `postgres://` and `postgresql://` URLs use PostgreSQL; `sqlite:` URLs and plain paths use a
/// SQLite file (created when missing).
///
/// # Errors
/// [`StoreError::BadUrl`], [`StoreError::Connect`] or [`StoreError::Migrate`].
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(sql::PgStore::connect(url).await?))
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        Ok(Arc::new(
            sql::SqliteStore::connect(rest.trim_start_matches("//")).await?,
        ))
    } else if url.contains("://") {
        Err(StoreError::BadUrl(redact_url(url)))
    } else {
        Ok(Arc::new(sql::SqliteStore::connect(url).await?))
    }
}

/// The URL with any password replaced, for messages and logs.
#[must_use]
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The Monday 00:00 UTC starting the week that contains `unix_seconds`.
#[must_use]
pub fn week_start(unix_seconds: i64) -> i64 {
    const WEEK: i64 = 7 * 86_400;
    const FIRST_MONDAY: i64 = 4 * 86_400; // 1970-01-05
    unix_seconds - (unix_seconds - FIRST_MONDAY).rem_euclid(WEEK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-28 is a Saturday; its week began on Monday 2026-11-23.
        assert_eq!(week_start(1_795_824_000 + 3600), 1_795_392_000);
        assert_eq!(week_start(1_795_392_000), 1_795_392_000);
        assert_eq!(week_start(1_795_392_000 - 1), 1_795_392_000 - 7 * 86_400);
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://pause:s3cret@127.0.0.1:5432/pause"),
            "postgres://pause:***@127.0.0.1:5432/pause"
        );
        assert_eq!(redact_url("sqlite://pause.db"), "sqlite://pause.db");
    }
}
