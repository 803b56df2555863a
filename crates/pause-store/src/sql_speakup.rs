//! [`SpeakUpStore`] for SQLite and PostgreSQL: one body of SQL, instantiated per pool type.

use sqlx::Row;

use crate::speakup::{
    AuditChain, AuditRow, ConcernChange, ConcernRow, Created, DetrimentRow, EventRow, FileRow,
    MailJob, NewAudit, NewConcern, NewEvent, NewFile, NewNotification, NotificationRow,
    OrgImported, OrgPerson, ServiceRow, SpeakUpStore,
};
use crate::sql::{db, PgStore, SqliteStore};
use crate::{Result, Role, StoreError};

const CONCERN_COLUMNS: &str = "id, category, identity, recipient, status, handler_id, service, \
    escalation_level, raised_at, clock_start, due_kind, due_at, overdue, feedback_given, \
    acknowledged_at, closed_at, consent, seal_context, text_sealed, raiser_sealed, raiser_tag, receipt_tag, \
    receipt_sealed, passphrase_hash, outcome_sealed, retention_warned, version";

const EVENT_COLUMNS: &str = "id, concern_id, at, actor, actor_id, kind, body_sealed, to_raiser";

/// An e-mail is tried at most this many times.
const MAIL_ATTEMPTS: i64 = 8;

/// An account nobody can sign in to until `pause users passwd` gives it a password.
const NO_PASSWORD: &str = "!";

macro_rules! speakup_impl {
    ($store:ty, $row:ty, $db:ty, $purge:expr) => {
        impl $store {
            fn concern_row(r: &$row) -> std::result::Result<ConcernRow, sqlx::Error> {
                Ok(ConcernRow {
                    id: r.try_get("id")?,
                    category: r.try_get("category")?,
                    identity: r.try_get("identity")?,
                    recipient: r.try_get("recipient")?,
                    status: r.try_get("status")?,
                    handler_id: r.try_get("handler_id")?,
                    service: r.try_get("service")?,
                    escalation_level: r.try_get("escalation_level")?,
                    raised_at: r.try_get("raised_at")?,
                    clock_start: r.try_get("clock_start")?,
                    due_kind: r.try_get("due_kind")?,
                    due_at: r.try_get("due_at")?,
                    overdue: r.try_get::<i64, _>("overdue")? != 0,
                    feedback_given: r.try_get::<i64, _>("feedback_given")? != 0,
                    acknowledged_at: r.try_get("acknowledged_at")?,
                    closed_at: r.try_get("closed_at")?,
                    consent: r.try_get::<i64, _>("consent")? != 0,
                    seal_context: r.try_get("seal_context")?,
                    text_sealed: r.try_get("text_sealed")?,
                    raiser_sealed: r.try_get("raiser_sealed")?,
                    raiser_tag: r.try_get("raiser_tag")?,
                    receipt_tag: r.try_get("receipt_tag")?,
                    receipt_sealed: r.try_get("receipt_sealed")?,
                    passphrase_hash: r.try_get("passphrase_hash")?,
                    outcome_sealed: r.try_get("outcome_sealed")?,
                    retention_warned: r.try_get::<i64, _>("retention_warned")? != 0,
                    version: r.try_get("version")?,
                })
            }

            fn event_row(r: &$row) -> std::result::Result<EventRow, sqlx::Error> {
                Ok(EventRow {
                    id: r.try_get("id")?,
                    concern_id: r.try_get("concern_id")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    actor_id: r.try_get("actor_id")?,
                    kind: r.try_get("kind")?,
                    body_sealed: r.try_get("body_sealed")?,
                    to_raiser: r.try_get::<i64, _>("to_raiser")? != 0,
                })
            }

            fn file_row(r: &$row) -> std::result::Result<FileRow, sqlx::Error> {
                Ok(FileRow {
                    id: r.try_get("id")?,
                    concern_id: r.try_get("concern_id")?,
                    uploaded_at: r.try_get("uploaded_at")?,
                    actor: r.try_get("actor")?,
                    actor_id: r.try_get("actor_id")?,
                    content_type: r.try_get("content_type")?,
                    size: r.try_get("size")?,
                    name_sealed: r.try_get("name_sealed")?,
                })
            }

            fn detriment_row(r: &$row) -> std::result::Result<DetrimentRow, sqlx::Error> {
                Ok(DetrimentRow {
                    id: r.try_get("id")?,
                    concern_id: r.try_get("concern_id")?,
                    reported_at: r.try_get("reported_at")?,
                    text_sealed: r.try_get("text_sealed")?,
                    status: r.try_get("status")?,
                })
            }

            async fn concerns_where(
                &self,
                op: &'static str,
                condition: &str,
                arg: Option<&str>,
                id_arg: Option<i64>,
            ) -> Result<Vec<ConcernRow>> {
                let sql = format!("SELECT {CONCERN_COLUMNS} FROM concerns {condition} ORDER BY id DESC");
                let mut q = sqlx::query(&sql);
                if let Some(arg) = arg {
                    q = q.bind(arg.to_string());
                }
                if let Some(id) = id_arg {
                    q = q.bind(id);
                }
                let rows = q.fetch_all(&self.pool).await.map_err(db(op))?;
                rows.iter().map(Self::concern_row).collect::<std::result::Result<_, _>>().map_err(db(op))
            }

            /// Numbers, chains and writes one audit entry inside `tx`. The first statement takes
            /// the head row's lock (PostgreSQL) or the write lock (SQLite), so entries from
            /// concurrent transactions are chained one after another.
            async fn audit_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                entry: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<()> {
                let head = sqlx::query(
                    "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
                )
                .fetch_one(&mut **tx)
                .await
                .map_err(db("audit_log"))?;
                let seq: i64 = head.try_get("seq").map_err(db("audit_log"))?;
                let prev: String = head.try_get("hash").map_err(db("audit_log"))?;
                let hash = chain.hash(
                    seq,
                    entry.at,
                    entry.case_id,
                    &entry.actor,
                    &entry.action,
                    &entry.detail,
                    &prev,
                );
                sqlx::query(
                    "INSERT INTO audit_log (seq, at, case_id, actor, action, detail, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(seq)
                .bind(entry.at)
                .bind(entry.case_id)
                .bind(&entry.actor)
                .bind(&entry.action)
                .bind(&entry.detail)
                .bind(&prev)
                .bind(&hash)
                .execute(&mut **tx)
                .await
                .map_err(db("audit_log"))?;
                sqlx::query("UPDATE audit_head SET hash = $1, mac = $2 WHERE id = 1")
                    .bind(&hash)
                    .bind(chain.head_mac(seq, &hash))
                    .execute(&mut **tx)
                    .await
                    .map_err(db("audit_log"))?;
                Ok(())
            }

            async fn event_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                concern_id: i64,
                e: &NewEvent,
            ) -> Result<()> {
                sqlx::query(
                    "INSERT INTO concern_events (concern_id, at, actor, actor_id, kind, body_sealed, to_raiser) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(concern_id)
                .bind(e.at)
                .bind(&e.actor)
                .bind(e.actor_id)
                .bind(&e.kind)
                .bind(&e.body_sealed)
                .bind(i64::from(e.to_raiser))
                .execute(&mut **tx)
                .await
                .map_err(db("concern_events"))?;
                Ok(())
            }

            async fn notify_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                concern_id: Option<i64>,
                notify: &[NewNotification],
            ) -> Result<()> {
                for n in notify {
                    sqlx::query(
                        "INSERT INTO notifications (user_id, concern_id, kind, created_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(n.user_id)
                    .bind(if n.link_case { n.concern_id.or(concern_id) } else { None })
                    .bind(&n.kind)
                    .bind(n.created_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(db("notifications"))?;
                    if n.mail {
                        // One pending e-mail per person is enough: it only says "look".
                        sqlx::query(
                            "INSERT INTO mail_outbox (user_id, created_at, send_after) \
                             SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($4 AS BIGINT) WHERE NOT EXISTS \
                             (SELECT 1 FROM mail_outbox WHERE user_id = $1 AND sent_at IS NULL \
                              AND attempts < $3)",
                        )
                        .bind(n.user_id)
                        .bind(n.created_at)
                        .bind(MAIL_ATTEMPTS)
                        .bind(n.mail_after)
                        .execute(&mut **tx)
                        .await
                        .map_err(db("mail_outbox"))?;
                    }
                }
                Ok(())
            }

            async fn user_id_by_email_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                email: &str,
            ) -> Result<Option<i64>> {
                let row = sqlx::query("SELECT id FROM users WHERE email = $1")
                    .bind(email)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db("import_org"))?;
                row.map(|r| r.try_get::<i64, _>("id")).transpose().map_err(db("import_org"))
            }
        }

        #[async_trait::async_trait]
        impl SpeakUpStore for $store {
            async fn create_concern(
                &self,
                c: &NewConcern,
                event: &NewEvent,
                notify: &[NewNotification],
                audit: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<Created> {
                if let Some(tag) = &c.submission_tag {
                    let again = self
                        .concerns_where("create_concern", "WHERE submission_tag = $1", Some(tag), None)
                        .await?;
                    if let Some(first) = again.into_iter().next() {
                        return Ok(Created::Repeat(Box::new(first)));
                    }
                }
                let mut tx = self.pool.begin().await.map_err(db("create_concern"))?;
                let row = sqlx::query(
                    "INSERT INTO concerns (category, identity, recipient, status, handler_id, service, \
                     raised_at, clock_start, due_kind, due_at, text_sealed, raiser_sealed, raiser_tag, \
                     receipt_tag, receipt_sealed, passphrase_hash, submission_tag, seal_context) \
                     VALUES ($1, $2, $3, 'raised', $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
                     RETURNING id",
                )
                .bind(&c.category)
                .bind(&c.identity)
                .bind(&c.recipient)
                .bind(c.handler_id)
                .bind(&c.service)
                .bind(c.raised_at)
                .bind(&c.due_kind)
                .bind(c.due_at)
                .bind(&c.text_sealed)
                .bind(&c.raiser_sealed)
                .bind(&c.raiser_tag)
                .bind(&c.receipt_tag)
                .bind(&c.receipt_sealed)
                .bind(&c.passphrase_hash)
                .bind(&c.submission_tag)
                .bind(&c.seal_context)
                .fetch_one(&mut *tx)
                .await;
                let row = match row {
                    Ok(row) => row,
                    Err(e) => {
                        drop(tx);
                        return match db("the concern")(e) {
                            // The same submission, a moment earlier, from another request.
                            StoreError::Duplicate(_) if c.submission_tag.is_some() => {
                                let again = self
                                    .concerns_where(
                                        "create_concern",
                                        "WHERE submission_tag = $1",
                                        c.submission_tag.as_deref(),
                                        None,
                                    )
                                    .await?;
                                again
                                    .into_iter()
                                    .next()
                                    .map(|r| Created::Repeat(Box::new(r)))
                                    .ok_or_else(|| StoreError::NotFound("the concern".into()))
                            }
                            StoreError::NotFound(_) => Err(StoreError::NotFound("the handler".into())),
                            other => Err(other),
                        };
                    }
                };
                let id: i64 = row.try_get("id").map_err(db("create_concern"))?;
                sqlx::query("INSERT INTO concern_handlers (concern_id, user_id, level, since) VALUES ($1, $2, 0, $3)")
                    .bind(id)
                    .bind(c.handler_id)
                    .bind(event.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("create_concern"))?;
                Self::event_in(&mut tx, id, event).await?;
                Self::notify_in(&mut tx, Some(id), notify).await?;
                let audit = NewAudit { case_id: Some(id), ..audit.clone() };
                Self::audit_in(&mut tx, &audit, chain).await?;
                tx.commit().await.map_err(db("create_concern"))?;
                Ok(Created::New(id))
            }

            async fn concern(&self, id: i64) -> Result<Option<ConcernRow>> {
                Ok(self.concerns_where("concern", "WHERE id = $1", None, Some(id)).await?.into_iter().next())
            }

            async fn concern_by_receipt(&self, receipt_tag: &str) -> Result<Option<ConcernRow>> {
                Ok(self
                    .concerns_where("concern_by_receipt", "WHERE receipt_tag = $1", Some(receipt_tag), None)
                    .await?
                    .into_iter()
                    .next())
            }

            async fn all_concerns(&self) -> Result<Vec<ConcernRow>> {
                self.concerns_where("all_concerns", "", None, None).await
            }

            async fn due_concerns(&self, now: i64) -> Result<Vec<ConcernRow>> {
                let sql = format!(
                    "SELECT {CONCERN_COLUMNS} FROM concerns \
                     WHERE status <> 'closed' AND overdue = 0 AND due_at IS NOT NULL AND due_at <= $1 \
                     ORDER BY due_at, id"
                );
                let rows = sqlx::query(&sql).bind(now).fetch_all(&self.pool).await.map_err(db("due_concerns"))?;
                rows.iter().map(Self::concern_row).collect::<std::result::Result<_, _>>().map_err(db("due_concerns"))
            }

            async fn closed_concerns(&self) -> Result<Vec<ConcernRow>> {
                self.concerns_where("closed_concerns", "WHERE status = 'closed'", None, None).await
            }

            async fn concerns_handled_by(&self, user_id: i64) -> Result<Vec<ConcernRow>> {
                self.concerns_where(
                    "concerns_handled_by",
                    "WHERE id IN (SELECT concern_id FROM concern_handlers WHERE user_id = $1)",
                    None,
                    Some(user_id),
                )
                .await
            }

            async fn concerns_raised_by(&self, raiser_tag: &str) -> Result<Vec<ConcernRow>> {
                self.concerns_where("concerns_raised_by", "WHERE raiser_tag = $1", Some(raiser_tag), None)
                    .await
            }

            async fn handlers_of(&self, concern_id: i64) -> Result<Vec<(i64, i64, i64)>> {
                let rows = sqlx::query(
                    "SELECT user_id, level, since FROM concern_handlers WHERE concern_id = $1 ORDER BY level, since",
                )
                .bind(concern_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db("handlers_of"))?;
                rows.iter()
                    .map(|r| Ok((r.try_get("user_id")?, r.try_get("level")?, r.try_get("since")?)))
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("handlers_of"))
            }

            async fn events_of(&self, concern_id: i64) -> Result<Vec<EventRow>> {
                let sql = format!("SELECT {EVENT_COLUMNS} FROM concern_events WHERE concern_id = $1 ORDER BY id");
                let rows = sqlx::query(&sql)
                    .bind(concern_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db("events_of"))?;
                rows.iter().map(Self::event_row).collect::<std::result::Result<_, _>>().map_err(db("events_of"))
            }

            async fn change_concern(
                &self,
                id: i64,
                version: i64,
                ch: &ConcernChange,
                event: Option<&NewEvent>,
                notify: &[NewNotification],
                audit: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<bool> {
                let mut tx = self.pool.begin().await.map_err(db("change_concern"))?;
                let (due_set, due_kind, due_at) = match &ch.due {
                    None => (0_i64, None, None),
                    Some(None) => (1, None, None),
                    Some(Some((kind, at))) => (1, Some(kind.clone()), Some(*at)),
                };
                let (closed_set, closed_at) = match ch.closed_at {
                    None => (0_i64, None),
                    Some(v) => (1, v),
                };
                let done = sqlx::query(
                    "UPDATE concerns SET \
                       status = COALESCE($3, status), \
                       handler_id = COALESCE($4, handler_id), \
                       escalation_level = COALESCE($5, escalation_level), \
                       clock_start = COALESCE($6, clock_start), \
                       due_kind = CASE WHEN $7 = 1 THEN $8 ELSE due_kind END, \
                       due_at = CASE WHEN $7 = 1 THEN $9 ELSE due_at END, \
                       overdue = COALESCE($10, overdue), \
                       feedback_given = COALESCE($11, feedback_given), \
                       acknowledged_at = COALESCE($12, acknowledged_at), \
                       closed_at = CASE WHEN $13 = 1 THEN $14 ELSE closed_at END, \
                       consent = COALESCE($15, consent), \
                       outcome_sealed = COALESCE($16, outcome_sealed), \
                       retention_warned = COALESCE($17, retention_warned), \
                       version = version + 1 \
                     WHERE id = $1 AND version = $2",
                )
                .bind(id)
                .bind(version)
                .bind(&ch.status)
                .bind(ch.handler_id)
                .bind(ch.escalation_level)
                .bind(ch.clock_start)
                .bind(due_set)
                .bind(due_kind)
                .bind(due_at)
                .bind(ch.overdue.map(i64::from))
                .bind(ch.feedback_given.map(i64::from))
                .bind(ch.acknowledged_at)
                .bind(closed_set)
                .bind(closed_at)
                .bind(ch.consent.map(i64::from))
                .bind(&ch.outcome_sealed)
                .bind(ch.retention_warned.map(i64::from))
                .execute(&mut *tx)
                .await
                .map_err(db("change_concern"))?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                if let Some((user_id, level)) = ch.add_handler {
                    let since = event.map_or(audit.at, |e| e.at);
                    sqlx::query(
                        "INSERT INTO concern_handlers (concern_id, user_id, level, since) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (concern_id, user_id) DO UPDATE SET level = excluded.level, since = excluded.since",
                    )
                    .bind(id)
                    .bind(user_id)
                    .bind(level)
                    .bind(since)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("change_concern"))?;
                }
                if let Some(e) = event {
                    Self::event_in(&mut tx, id, e).await?;
                }
                Self::notify_in(&mut tx, Some(id), notify).await?;
                Self::audit_in(&mut tx, audit, chain).await?;
                tx.commit().await.map_err(db("change_concern"))?;
                Ok(true)
            }

            async fn append_audit(&self, entries: &[NewAudit], chain: &dyn AuditChain) -> Result<()> {
                let mut tx = self.pool.begin().await.map_err(db("append_audit"))?;
                for e in entries {
                    Self::audit_in(&mut tx, e, chain).await?;
                }
                tx.commit().await.map_err(db("append_audit"))?;
                Ok(())
            }

            async fn audit_log(&self) -> Result<(Vec<AuditRow>, (i64, String))> {
                let mut tx = self.pool.begin().await.map_err(db("audit_log"))?;
                let rows = sqlx::query(
                    "SELECT seq, at, case_id, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq",
                )
                .fetch_all(&mut *tx)
                .await
                .map_err(db("audit_log"))?;
                let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db("audit_log"))?;
                tx.commit().await.map_err(db("audit_log"))?;
                let entries = rows
                    .iter()
                    .map(|r| {
                        Ok(AuditRow {
                            seq: r.try_get("seq")?,
                            at: r.try_get("at")?,
                            case_id: r.try_get("case_id")?,
                            actor: r.try_get("actor")?,
                            action: r.try_get("action")?,
                            detail: r.try_get("detail")?,
                            prev_hash: r.try_get("prev_hash")?,
                            hash: r.try_get("hash")?,
                        })
                    })
                    .collect::<std::result::Result<Vec<_>, sqlx::Error>>()
                    .map_err(db("audit_log"))?;
                let head = (
                    head.try_get("seq").map_err(db("audit_log"))?,
                    head.try_get("hash").map_err(db("audit_log"))?,
                );
                Ok((entries, head))
            }

            async fn audit_head_mac(&self) -> Result<String> {
                sqlx::query("SELECT mac FROM audit_head WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db("audit_head_mac"))?
                    .try_get("mac")
                    .map_err(db("audit_head_mac"))
            }

            async fn delete_concern(&self, id: i64, version: i64, audit: &NewAudit, chain: &dyn AuditChain) -> Result<bool> {
                let mut tx = self.pool.begin().await.map_err(db("delete_concern"))?;
                // Still closed and unchanged? (takes the row's lock on PostgreSQL)
                let still = sqlx::query("UPDATE concerns SET version = version + 1 WHERE id = $1 AND version = $2 AND status = 'closed'")
                    .bind(id)
                    .bind(version)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("delete_concern"))?;
                if still.rows_affected() == 0 {
                    return Ok(false);
                }
                // Children first (SQLite enforces the cascade too, but say it plainly).
                for sql in [
                    "DELETE FROM notifications WHERE concern_id = $1",
                    "DELETE FROM detriments WHERE concern_id = $1",
                    "DELETE FROM concern_files WHERE concern_id = $1",
                    "DELETE FROM concern_events WHERE concern_id = $1",
                    "DELETE FROM concern_handlers WHERE concern_id = $1",
                ] {
                    sqlx::query(sql).bind(id).execute(&mut *tx).await.map_err(db("delete_concern"))?;
                }
                let done = sqlx::query("DELETE FROM concerns WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("delete_concern"))?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                Self::audit_in(&mut tx, audit, chain).await?;
                tx.commit().await.map_err(db("delete_concern"))?;
                Ok(true)
            }

            async fn purge_deleted(&self) -> Result<()> {
                for sql in $purge {
                    sqlx::query(sql).execute(&self.pool).await.map_err(db("purge_deleted"))?;
                }
                Ok(())
            }

            async fn add_file(
                &self,
                concern_id: i64,
                f: &NewFile,
                max: i64,
                event: &NewEvent,
                notify: &[NewNotification],
                audit: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<Option<i64>> {
                let mut tx = self.pool.begin().await.map_err(db("add_file"))?;
                // Take the case row's lock first (PostgreSQL) so two uploads cannot both pass the count.
                let locked = sqlx::query("UPDATE concerns SET version = version + 1 WHERE id = $1")
                    .bind(concern_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("add_file"))?;
                if locked.rows_affected() == 0 {
                    return Err(StoreError::NotFound("the case".into()));
                }
                let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM concern_files WHERE concern_id = $1")
                    .bind(concern_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db("add_file"))?
                    .try_get("n")
                    .map_err(db("add_file"))?;
                if n >= max {
                    return Ok(None);
                }
                let id: i64 = sqlx::query(
                    "INSERT INTO concern_files (concern_id, uploaded_at, actor, actor_id, content_type, size, name_sealed, body_sealed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(concern_id)
                .bind(f.uploaded_at)
                .bind(&f.actor)
                .bind(f.actor_id)
                .bind(&f.content_type)
                .bind(f.size)
                .bind(&f.name_sealed)
                .bind(&f.body_sealed)
                .fetch_one(&mut *tx)
                .await
                .map_err(db("add_file"))?
                .try_get("id")
                .map_err(db("add_file"))?;
                Self::event_in(&mut tx, concern_id, event).await?;
                Self::notify_in(&mut tx, Some(concern_id), notify).await?;
                Self::audit_in(&mut tx, audit, chain).await?;
                tx.commit().await.map_err(db("add_file"))?;
                Ok(Some(id))
            }

            async fn files_of(&self, concern_id: i64) -> Result<Vec<FileRow>> {
                let rows = sqlx::query(
                    "SELECT id, concern_id, uploaded_at, actor, actor_id, content_type, size, name_sealed \
                     FROM concern_files WHERE concern_id = $1 ORDER BY id",
                )
                .bind(concern_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db("files_of"))?;
                rows.iter().map(Self::file_row).collect::<std::result::Result<_, _>>().map_err(db("files_of"))
            }

            async fn file(&self, concern_id: i64, file_id: i64) -> Result<Option<(FileRow, Vec<u8>)>> {
                let row = sqlx::query(
                    "SELECT id, concern_id, uploaded_at, actor, actor_id, content_type, size, name_sealed, body_sealed \
                     FROM concern_files WHERE concern_id = $1 AND id = $2",
                )
                .bind(concern_id)
                .bind(file_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("file"))?;
                let Some(r) = row else { return Ok(None) };
                let meta = Self::file_row(&r).map_err(db("file"))?;
                let body: Vec<u8> = r.try_get("body_sealed").map_err(db("file"))?;
                Ok(Some((meta, body)))
            }

            async fn add_detriment(
                &self,
                concern_id: i64,
                reported_at: i64,
                text_sealed: &[u8],
                notify: &[NewNotification],
                audit: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<i64> {
                let mut tx = self.pool.begin().await.map_err(db("add_detriment"))?;
                let row = sqlx::query(
                    "INSERT INTO detriments (concern_id, reported_at, text_sealed) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(concern_id)
                .bind(reported_at)
                .bind(text_sealed)
                .fetch_one(&mut *tx)
                .await
                .map_err(db("the case"))?;
                let id: i64 = row.try_get("id").map_err(db("add_detriment"))?;
                Self::notify_in(&mut tx, Some(concern_id), notify).await?;
                Self::audit_in(&mut tx, audit, chain).await?;
                tx.commit().await.map_err(db("add_detriment"))?;
                Ok(id)
            }

            async fn detriments_of(&self, concern_id: i64) -> Result<Vec<DetrimentRow>> {
                let rows = sqlx::query(
                    "SELECT id, concern_id, reported_at, text_sealed, status FROM detriments WHERE concern_id = $1 ORDER BY id",
                )
                .bind(concern_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db("detriments_of"))?;
                rows.iter().map(Self::detriment_row).collect::<std::result::Result<_, _>>().map_err(db("detriments_of"))
            }

            async fn all_detriments(&self) -> Result<Vec<DetrimentRow>> {
                let rows = sqlx::query(
                    "SELECT id, concern_id, reported_at, text_sealed, status FROM detriments ORDER BY id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db("all_detriments"))?;
                rows.iter().map(Self::detriment_row).collect::<std::result::Result<_, _>>().map_err(db("all_detriments"))
            }

            async fn set_detriment_status(
                &self,
                id: i64,
                status: &str,
                audit: &NewAudit,
                chain: &dyn AuditChain,
            ) -> Result<()> {
                let mut tx = self.pool.begin().await.map_err(db("set_detriment_status"))?;
                let done = sqlx::query("UPDATE detriments SET status = $2 WHERE id = $1")
                    .bind(id)
                    .bind(status)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("set_detriment_status"))?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("the detriment report".into()));
                }
                Self::audit_in(&mut tx, audit, chain).await?;
                tx.commit().await.map_err(db("set_detriment_status"))?;
                Ok(())
            }

            async fn notifications_of(&self, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>> {
                let rows = sqlx::query(
                    "SELECT id, user_id, concern_id, kind, created_at, read_at FROM notifications \
                     WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
                )
                .bind(user_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db("notifications_of"))?;
                rows.iter()
                    .map(|r| {
                        Ok(NotificationRow {
                            id: r.try_get("id")?,
                            user_id: r.try_get("user_id")?,
                            concern_id: r.try_get("concern_id")?,
                            kind: r.try_get("kind")?,
                            created_at: r.try_get("created_at")?,
                            read_at: r.try_get("read_at")?,
                        })
                    })
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("notifications_of"))
            }

            async fn unread_notifications(&self, user_id: i64) -> Result<i64> {
                let row = sqlx::query("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL")
                    .bind(user_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db("unread_notifications"))?;
                row.try_get("n").map_err(db("unread_notifications"))
            }

            async fn mark_read(&self, user_id: i64, concern_id: Option<i64>, now: i64) -> Result<()> {
                let q = match concern_id {
                    Some(c) => sqlx::query(
                        "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND concern_id = $2 AND read_at IS NULL",
                    )
                    .bind(user_id)
                    .bind(c)
                    .bind(now),
                    None => sqlx::query(
                        "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                    )
                    .bind(user_id)
                    .bind(now),
                };
                q.execute(&self.pool).await.map_err(db("mark_read"))?;
                Ok(())
            }

            async fn claim_mail(&self, now: i64, lease: i64) -> Result<Option<MailJob>> {
                let row = sqlx::query(
                    "UPDATE mail_outbox SET claimed_until = $2, attempts = attempts + 1 \
                     WHERE id = (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND claimed_until <= $1 \
                                 AND send_after <= $1 AND attempts < $3 ORDER BY id LIMIT 1) \
                       AND claimed_until <= $1 AND sent_at IS NULL \
                     RETURNING id, user_id, attempts",
                )
                .bind(now)
                .bind(now + lease)
                .bind(MAIL_ATTEMPTS)
                .fetch_optional(&self.pool)
                .await
                .map_err(db("claim_mail"))?;
                let Some(row) = row else { return Ok(None) };
                let id: i64 = row.try_get("id").map_err(db("claim_mail"))?;
                let user_id: i64 = row.try_get("user_id").map_err(db("claim_mail"))?;
                let attempts: i64 = row.try_get("attempts").map_err(db("claim_mail"))?;
                let email = sqlx::query("SELECT email FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db("claim_mail"))?
                    .try_get("email")
                    .map_err(db("claim_mail"))?;
                Ok(Some(MailJob { id, email, attempts }))
            }

            async fn mail_sent(&self, id: i64, now: i64) -> Result<()> {
                sqlx::query("UPDATE mail_outbox SET sent_at = $2, last_error = NULL WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db("mail_sent"))?;
                Ok(())
            }

            async fn mail_failed(&self, id: i64, error: &str, retry_at: i64) -> Result<()> {
                sqlx::query("UPDATE mail_outbox SET last_error = $2, claimed_until = $3 WHERE id = $1")
                    .bind(id)
                    .bind(error)
                    .bind(retry_at)
                    .execute(&self.pool)
                    .await
                    .map_err(db("mail_failed"))?;
                Ok(())
            }

            async fn mail_counts(&self) -> Result<(i64, i64)> {
                let row = sqlx::query(
                    "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), 0) AS sent, \
                            COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0) AS pending \
                     FROM mail_outbox",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(db("mail_counts"))?;
                Ok((
                    row.try_get("sent").map_err(db("mail_counts"))?,
                    row.try_get("pending").map_err(db("mail_counts"))?,
                ))
            }

            async fn import_org(&self, people: &[OrgPerson], now: i64) -> Result<OrgImported> {
                let mut tx = self.pool.begin().await.map_err(db("import_org"))?;
                let mut done = OrgImported::default();
                // First everyone exists, then managers point at them.
                for p in people {
                    match Self::user_id_by_email_in(&mut tx, &p.email).await? {
                        Some(id) => {
                            sqlx::query("UPDATE users SET role = $2, service = $3 WHERE id = $1")
                                .bind(id)
                                .bind(p.role.id())
                                .bind(&p.service)
                                .execute(&mut *tx)
                                .await
                                .map_err(db("import_org"))?;
                            done.updated += 1;
                        }
                        None => {
                            sqlx::query(
                                "INSERT INTO users (email, role, service, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                            )
                            .bind(&p.email)
                            .bind(p.role.id())
                            .bind(&p.service)
                            .bind(NO_PASSWORD)
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(db("import_org"))?;
                            done.added += 1;
                        }
                    }
                }
                for p in people {
                    let manager = match &p.manager_email {
                        Some(m) => Some(
                            Self::user_id_by_email_in(&mut tx, m)
                                .await?
                                .ok_or_else(|| StoreError::NotFound(format!("the manager {m}")))?,
                        ),
                        None => None,
                    };
                    sqlx::query("UPDATE users SET manager_id = $2 WHERE email = $1")
                        .bind(&p.email)
                        .bind(manager)
                        .execute(&mut *tx)
                        .await
                        .map_err(db("import_org"))?;
                    if let Some(service) = &p.service {
                        let head = if p.role == Role::HeadOfService {
                            Self::user_id_by_email_in(&mut tx, &p.email).await?
                        } else {
                            None
                        };
                        sqlx::query(
                            "INSERT INTO services (name, head_id) VALUES ($1, $2) \
                             ON CONFLICT (name) DO UPDATE SET head_id = COALESCE(excluded.head_id, services.head_id)",
                        )
                        .bind(service)
                        .bind(head)
                        .execute(&mut *tx)
                        .await
                        .map_err(db("import_org"))?;
                    }
                }
                tx.commit().await.map_err(db("import_org"))?;
                Ok(done)
            }

            async fn services(&self) -> Result<Vec<ServiceRow>> {
                let rows = sqlx::query("SELECT name, head_id FROM services ORDER BY name")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db("services"))?;
                rows.iter()
                    .map(|r| Ok(ServiceRow { name: r.try_get("name")?, head_id: r.try_get("head_id")? }))
                    .collect::<std::result::Result<_, sqlx::Error>>()
                    .map_err(db("services"))
            }

            async fn set_org_entry(
                &self,
                user_id: i64,
                role: Role,
                manager_id: Option<i64>,
                service: Option<&str>,
            ) -> Result<()> {
                let mut tx = self.pool.begin().await.map_err(db("set_org_entry"))?;
                let done = sqlx::query("UPDATE users SET role = $2, manager_id = $3, service = $4 WHERE id = $1")
                    .bind(user_id)
                    .bind(role.id())
                    .bind(manager_id)
                    .bind(service)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| match db("the manager")(e) {
                        StoreError::NotFound(_) => StoreError::NotFound("the manager".into()),
                        other => other,
                    })?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound("the account".into()));
                }
                if let Some(service) = service {
                    let head = (role == Role::HeadOfService).then_some(user_id);
                    sqlx::query(
                        "INSERT INTO services (name, head_id) VALUES ($1, $2) \
                         ON CONFLICT (name) DO UPDATE SET head_id = COALESCE(excluded.head_id, services.head_id)",
                    )
                    .bind(service)
                    .bind(head)
                    .execute(&mut *tx)
                    .await
                    .map_err(db("set_org_entry"))?;
                }
                tx.commit().await.map_err(db("set_org_entry"))?;
                Ok(())
            }
        }
    };
}

speakup_impl!(
    SqliteStore,
    sqlx::sqlite::SqliteRow,
    sqlx::Sqlite,
    ["PRAGMA wal_checkpoint(TRUNCATE)"]
);
speakup_impl!(
    PgStore,
    sqlx::postgres::PgRow,
    sqlx::Postgres,
    ["VACUUM concerns, concern_events, concern_handlers, detriments, notifications, concern_files"]
);
