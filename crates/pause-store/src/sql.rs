//! The two implementations of [`Store`]: one body of SQL in the portable subset of SQLite and
//! PostgreSQL, instantiated for each pool type by `store_impl!`.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::Row;

use crate::model::{
    Completion, CustomScenario, NewScenario, NewUser, PolicyVersion, Role, SessionRecord, UsageKey,
    UsageRow, User,
};
use crate::{Result, Store, StoreError};

/// Migrations compiled into the binary: (version, description, SQL).
#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

type BoxDynError = Box<dyn std::error::Error + Send + Sync>;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = std::result::Result<Vec<Migration>, BoxDynError>> + Send + 's>>
    {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

const SQLITE_MIGRATIONS: Embedded = Embedded(&[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "speak up",
        include_str!("../migrations/sqlite/0002_speak_up.sql"),
    ),
    (
        3,
        "concern files",
        include_str!("../migrations/sqlite/0003_concern_files.sql"),
    ),
]);
const POSTGRES_MIGRATIONS: Embedded = Embedded(&[
    (
        1,
        "init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "speak up",
        include_str!("../migrations/postgres/0002_speak_up.sql"),
    ),
    (
        3,
        "concern files",
        include_str!("../migrations/postgres/0003_concern_files.sql"),
    ),
]);

pub(crate) fn db(op: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |source| match &source {
        sqlx::Error::Database(e) if e.kind() == sqlx::error::ErrorKind::UniqueViolation => {
            StoreError::Duplicate(op.to_string())
        }
        sqlx::Error::Database(e) if e.kind() == sqlx::error::ErrorKind::ForeignKeyViolation => {
            StoreError::NotFound(op.to_string())
        }
        _ => StoreError::Db { op, source },
    }
}

/// The SQLite store: one file, WAL journal, foreign keys on.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(path: &str) -> Result<SqliteStore> {
        let (path, _query) = path.split_once('?').unwrap_or((path, ""));
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .map_err(|source| StoreError::Connect {
                url: path.to_string(),
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted rows are overwritten, not left in free pages: retention deletes for real.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Connect {
                url: path.to_string(),
                source,
            })?;
        Migrator::new(SQLITE_MIGRATIONS).await?.run(&pool).await?;
        Ok(SqliteStore { pool })
    }
}

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> Result<PgStore> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                url: crate::redact_url(url),
                source,
            })?;
        Migrator::new(POSTGRES_MIGRATIONS).await?.run(&pool).await?;
        Ok(PgStore { pool })
    }
}

const USER_COLUMNS: &str = "id, email, role, manager_id, service, password_hash, created_at";

macro_rules! store_impl {
    ($store:ty, $row:ty, $dialect:literal) => {
        impl $store {
            fn user(r: &$row) -> std::result::Result<User, sqlx::Error> {
                let role: String = r.try_get("role")?;
                Ok(User {
                    id: r.try_get("id")?,
                    email: r.try_get("email")?,
                    role: Role::from_id(&role).ok_or_else(|| {
                        sqlx::Error::Decode(format!("unknown role `{role}`").into())
                    })?,
                    manager_id: r.try_get("manager_id")?,
                    service: r.try_get("service")?,
                    password_hash: r.try_get("password_hash")?,
                    created_at: r.try_get("created_at")?,
                })
            }

            fn completion(r: &$row) -> std::result::Result<Completion, sqlx::Error> {
                Ok(Completion {
                    user_id: r.try_get("user_id")?,
                    scenario: r.try_get("scenario")?,
                    choice: r.try_get("choice")?,
                    correct: r.try_get::<i64, _>("correct")? != 0,
                    completed_at: r.try_get("completed_at")?,
                })
            }

            async fn users_where(
                &self,
                op: &'static str,
                condition: &str,
                arg: Option<i64>,
            ) -> Result<Vec<User>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users {condition} ORDER BY email");
                let mut q = sqlx::query(&sql);
                if let Some(arg) = arg {
                    q = q.bind(arg);
                }
                let rows = q.fetch_all(&self.pool).await.map_err(db(op))?;
                rows.iter().map(Self::user).collect::<std::result::Result<_, _>>().map_err(db(op))
            }
        }

        #[async_trait::async_trait]
        impl Store for $store {
            fn dialect(&self) -> &'static str {
                $dialect
            }

            async fn ping(&self) -> Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db("ping"))?;
                Ok(())
            }

            async fn create_user(&self, u: &NewUser) -> Result<User> {
                let sql = format!(
                    "INSERT INTO users (email, role, manager_id, service, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind(&u.email)
                    .bind(u.role.id())
                    .bind(u.manager_id)
                    .bind(&u.service)
                    .bind(&u.password_hash)
                    .bind(u.created_at)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| match db("the account")(e) {
                        StoreError::Duplicate(_) => {
                            StoreError::Duplicate(format!("an account for {}", u.email))
                        }
                        StoreError::NotFound(_) => StoreError::NotFound("the manager".into()),
                        other => other,
                    })?;
                Self::user(&row).map_err(db("create_user"))
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
                let row = sqlx::query(&sql)
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db("user_by_email"))?;
                row.as_ref().map(Self::user).transpose().map_err(db("user_by_email"))
            }

            async fn user_by_id(&self, id: i64) -> Result<Option<User>> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
                let row = sqlx::query(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db("user_by_id"))?;
                row.as_ref().map(Self::user).transpose().map_err(db("user_by_id"))
            }

            async fn list_users(&self) -> Result<Vec<User>> {
                self.users_where("list_users", "", None).await
            }

            async fn team_of(&self, manager_id: i64) -> Result<Vec<User>> {
                self.users_where("team_of", "WHERE manager_id = $1", Some(manager_id)).await
            }

            async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db("set_password"))?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("the account".into()));
                }
                // A new password ends every session of the account.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db("set_password"))?;
                Ok(())
            }

            async fn create_session(&self, s: &SessionRecord) -> Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(&s.csrf_token)
                .bind(s.created_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await
                .map_err(db("create_session"))?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<(SessionRecord, User)>> {
                let row = sqlx::query(
                    "SELECT s.token_hash, s.csrf_token, s.created_at AS s_created, s.expires_at, \
                     u.id, u.email, u.role, u.manager_id, u.service, u.password_hash, u.created_at \
                     FROM sessions s JOIN users u ON u.id = s.user_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("session"))?;
                let Some(r) = row else { return Ok(None) };
                let user = Self::user(&r).map_err(db("session"))?;
                let session = SessionRecord {
                    token_hash: r.try_get("token_hash").map_err(db("session"))?,
                    user_id: user.id,
                    csrf_token: r.try_get("csrf_token").map_err(db("session"))?,
                    created_at: r.try_get("s_created").map_err(db("session"))?,
                    expires_at: r.try_get("expires_at").map_err(db("session"))?,
                };
                Ok(Some((session, user)))
            }

            async fn delete_session(&self, token_hash: &str) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(db("delete_session"))?;
                Ok(())
            }

            async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<()> {
                sqlx::query(
                    "UPDATE sessions SET expires_at = $2 WHERE token_hash = $1 AND expires_at < $2",
                )
                .bind(token_hash)
                .bind(expires_at)
                .execute(&self.pool)
                .await
                .map_err(db("extend_session"))?;
                Ok(())
            }

            async fn prune(&self, now: i64) -> Result<u64> {
                let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db("prune"))?;
                sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                    .bind(now - 86_400)
                    .execute(&self.pool)
                    .await
                    .map_err(db("prune"))?;
                Ok(done.rows_affected())
            }

            async fn rate_hit(&self, key: &str, window_start: i64) -> Result<i64> {
                let row = sqlx::query(
                    "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
                     RETURNING hits",
                )
                .bind(key)
                .bind(window_start)
                .fetch_one(&self.pool)
                .await
                .map_err(db("rate_hit"))?;
                row.try_get("hits").map_err(db("rate_hit"))
            }

            async fn rate_hits(&self, key: &str, window_start: i64) -> Result<i64> {
                let row = sqlx::query(
                    "SELECT hits FROM rate_limits WHERE key = $1 AND window_start = $2",
                )
                .bind(key)
                .bind(window_start)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("rate_hits"))?;
                match row {
                    Some(r) => r.try_get("hits").map_err(db("rate_hits")),
                    None => Ok(0),
                }
            }

            async fn latest_policy_version_id(&self) -> Result<Option<i64>> {
                let row = sqlx::query("SELECT id FROM policy_versions ORDER BY id DESC LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db("latest_policy_version_id"))?;
                row.map(|r| r.try_get("id"))
                    .transpose()
                    .map_err(db("latest_policy_version_id"))
            }

            async fn policy_version(&self, id: i64) -> Result<Option<PolicyVersion>> {
                let row = sqlx::query(
                    "SELECT id, policy_toml, created_by_email, created_at, note \
                     FROM policy_versions WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("policy_version"))?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(PolicyVersion {
                    id: r.try_get("id").map_err(db("policy_version"))?,
                    policy_toml: r.try_get("policy_toml").map_err(db("policy_version"))?,
                    created_by_email: r.try_get("created_by_email").map_err(db("policy_version"))?,
                    created_at: r.try_get("created_at").map_err(db("policy_version"))?,
                    note: r.try_get("note").map_err(db("policy_version"))?,
                }))
            }

            async fn save_policy(
                &self,
                policy_toml: &str,
                by: &User,
                at: i64,
                note: &str,
            ) -> Result<i64> {
                let row = sqlx::query(
                    "INSERT INTO policy_versions (policy_toml, created_by, created_by_email, created_at, note) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(policy_toml)
                .bind(by.id)
                .bind(&by.email)
                .bind(at)
                .bind(note)
                .fetch_one(&self.pool)
                .await
                .map_err(db("save_policy"))?;
                row.try_get("id").map_err(db("save_policy"))
            }

            async fn policy_history(&self, limit: i64) -> Result<Vec<PolicyVersion>> {
                let rows = sqlx::query(
                    "SELECT id, created_by_email, created_at, note FROM policy_versions \
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db("policy_history"))?;
                rows.iter()
                    .map(|r| {
                        Ok(PolicyVersion {
                            id: r.try_get("id")?,
                            policy_toml: String::new(),
                            created_by_email: r.try_get("created_by_email")?,
                            created_at: r.try_get("created_at")?,
                            note: r.try_get("note")?,
                        })
                    })
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("policy_history"))
            }

            async fn record_usage(&self, keys: &[UsageKey]) -> Result<()> {
                let mut tx = self.pool.begin().await.map_err(db("record_usage"))?;
                for k in keys {
                    sqlx::query(
                        "INSERT INTO usage_counts (week_start, kind, key, verdict, went_ahead, reason, n) \
                         VALUES ($1, $2, $3, $4, $5, $6, 1) \
                         ON CONFLICT (week_start, kind, key, verdict, went_ahead, reason) \
                         DO UPDATE SET n = usage_counts.n + 1",
                    )
                    .bind(k.week_start)
                    .bind(k.kind)
                    .bind(&k.key)
                    .bind(k.verdict)
                    .bind(i64::from(k.went_ahead))
                    .bind(&k.reason)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("record_usage"))?;
                }
                tx.commit().await.map_err(db("record_usage"))?;
                Ok(())
            }

            async fn usage_since(&self, since_week: i64) -> Result<Vec<UsageRow>> {
                let rows = sqlx::query(
                    "SELECT week_start, kind, key, verdict, went_ahead, reason, n FROM usage_counts \
                     WHERE week_start >= $1 ORDER BY week_start, kind, key",
                )
                .bind(since_week)
                .fetch_all(&self.pool)
                .await
                .map_err(db("usage_since"))?;
                rows.iter()
                    .map(|r| {
                        Ok(UsageRow {
                            week_start: r.try_get("week_start")?,
                            kind: r.try_get("kind")?,
                            key: r.try_get("key")?,
                            verdict: r.try_get("verdict")?,
                            went_ahead: r.try_get::<i64, _>("went_ahead")? != 0,
                            reason: r.try_get("reason")?,
                            n: r.try_get("n")?,
                        })
                    })
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("usage_since"))
            }

            async fn add_scenario(&self, s: &NewScenario) -> Result<i64> {
                let row = sqlx::query(
                    "INSERT INTO training_scenarios (title, setting, draft, best, explanation, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&s.title)
                .bind(&s.setting)
                .bind(&s.draft)
                .bind(&s.best)
                .bind(&s.explanation)
                .bind(s.created_by)
                .bind(s.created_at)
                .fetch_one(&self.pool)
                .await
                .map_err(db("add_scenario"))?;
                row.try_get("id").map_err(db("add_scenario"))
            }

            async fn custom_scenarios(&self) -> Result<Vec<CustomScenario>> {
                let rows = sqlx::query(
                    "SELECT id, title, setting, draft, best, explanation FROM training_scenarios ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db("custom_scenarios"))?;
                rows.iter()
                    .map(|r| {
                        Ok(CustomScenario {
                            id: r.try_get("id")?,
                            title: r.try_get("title")?,
                            setting: r.try_get("setting")?,
                            draft: r.try_get("draft")?,
                            best: r.try_get("best")?,
                            explanation: r.try_get("explanation")?,
                        })
                    })
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("custom_scenarios"))
            }

            async fn record_completion(&self, c: &Completion) -> Result<()> {
                sqlx::query(
                    "INSERT INTO training_completions (user_id, scenario, choice, correct, completed_at) \
                     VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (user_id, scenario) DO UPDATE SET choice = excluded.choice, \
                     correct = excluded.correct, completed_at = excluded.completed_at",
                )
                .bind(c.user_id)
                .bind(&c.scenario)
                .bind(&c.choice)
                .bind(i64::from(c.correct))
                .bind(c.completed_at)
                .execute(&self.pool)
                .await
                .map_err(db("record_completion"))?;
                Ok(())
            }

            async fn completions_of(&self, user_id: i64) -> Result<Vec<Completion>> {
                let rows = sqlx::query(
                    "SELECT user_id, scenario, choice, correct, completed_at FROM training_completions \
                     WHERE user_id = $1 ORDER BY scenario",
                )
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db("completions_of"))?;
                rows.iter()
                    .map(Self::completion)
                    .collect::<std::result::Result<_, _>>()
                    .map_err(db("completions_of"))
            }

            async fn all_completions(&self) -> Result<Vec<Completion>> {
                let rows = sqlx::query(
                    "SELECT user_id, scenario, choice, correct, completed_at FROM training_completions \
                     ORDER BY user_id, scenario",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db("all_completions"))?;
                rows.iter()
                    .map(Self::completion)
                    .collect::<std::result::Result<_, _>>()
                    .map_err(db("all_completions"))
            }
        }
    };
}

store_impl!(SqliteStore, SqliteRow, "sqlite");
store_impl!(PgStore, PgRow, "postgres");
