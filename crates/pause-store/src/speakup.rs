//! What the speak-up workflow keeps: concerns, their handler chain and timeline, detriment
//! reports, notifications, the mail outbox, the hash-chained audit log and the org chart.
//!
//! This crate never sees a key or a plaintext: the service seals text before it gets here
//! (`*_sealed` byte strings), computes the keyed lookup tags (`*_tag`), and hands in an
//! [`AuditChain`] that computes each audit entry's hash. The store's part is to write each
//! change, its timeline event, its notifications and its audit entry in one transaction, and to
//! make concurrent changes safe: every case row carries a `version`, and a change names the
//! version it was decided on, so of two instances escalating the same case only one succeeds.

use crate::Result;

/// A concern as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernRow {
    pub id: i64,
    /// A `pause_speakup::Category` id.
    pub category: String,
    /// `open`, `confidential` or `anonymous`.
    pub identity: String,
    /// `line-manager`, `senior-manager` or `guardian`: whom the raiser chose.
    pub recipient: String,
    /// A `pause_speakup::Status` id.
    pub status: String,
    /// The current handler.
    pub handler_id: Option<i64>,
    /// The service the case belongs to (the first handler's), for heads of service.
    pub service: Option<String>,
    /// 0 at the recipient, +1 per escalation.
    pub escalation_level: i64,
    /// When it was raised (an anonymous raiser's: only the day).
    pub raised_at: i64,
    /// When the current deadline clock started (raised, escalated or reopened).
    pub clock_start: i64,
    /// The next deadline's kind (`acknowledge`, `feedback`, `outcome`) and instant.
    pub due_kind: Option<String>,
    pub due_at: Option<i64>,
    /// A deadline passed with nobody left to escalate to.
    pub overdue: bool,
    /// A handler has written to the raiser (or given the outcome).
    pub feedback_given: bool,
    pub acknowledged_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// A confidential raiser agreed that everyone handling the case may see their name.
    pub consent: bool,
    /// Random per case; part of the associated data of everything sealed for it.
    pub seal_context: String,
    pub text_sealed: Vec<u8>,
    /// Who raised it (sealed); `None` for anonymous concerns.
    pub raiser_sealed: Option<Vec<u8>>,
    /// Keyed hash of the raiser's account id; `None` for anonymous concerns.
    pub raiser_tag: Option<String>,
    /// Keyed hash of the receipt code (anonymous only).
    pub receipt_tag: Option<String>,
    /// The receipt itself, sealed, so a repeated submission gets the same answer.
    pub receipt_sealed: Option<Vec<u8>>,
    /// argon2 hash of the anonymous raiser's passphrase.
    pub passphrase_hash: Option<String>,
    pub outcome_sealed: Option<Vec<u8>>,
    pub retention_warned: bool,
    /// Bumped by every change; changes name the version they were decided on.
    pub version: i64,
}

/// A concern to add.
#[derive(Debug, Clone)]
pub struct NewConcern {
    pub category: String,
    pub identity: String,
    pub recipient: String,
    pub handler_id: i64,
    pub service: Option<String>,
    pub raised_at: i64,
    pub due_kind: Option<String>,
    pub due_at: Option<i64>,
    pub seal_context: String,
    pub text_sealed: Vec<u8>,
    pub raiser_sealed: Option<Vec<u8>>,
    pub raiser_tag: Option<String>,
    pub receipt_tag: Option<String>,
    pub receipt_sealed: Option<Vec<u8>>,
    pub passphrase_hash: Option<String>,
    /// Keyed hash of the form's or client's one-time submission key (idempotency).
    pub submission_tag: Option<String>,
}

/// What [`SpeakUpStore::create_concern`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// A new case with this id.
    New(i64),
    /// The same submission arrived before: its case.
    Repeat(Box<ConcernRow>),
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub concern_id: i64,
    pub at: i64,
    /// `raiser`, `handler`, `guardian` or `system`.
    pub actor: String,
    /// The account that acted (never set for an anonymous or confidential raiser).
    pub actor_id: Option<i64>,
    /// `raised`, a transition's id, `escalated`, `message`, `action`, `consent`, `detriment`,
    /// `retention-warning`.
    pub kind: String,
    pub body_sealed: Option<Vec<u8>>,
    /// Whether the raiser sees it (internal notes are not shown to them).
    pub to_raiser: bool,
}

/// A timeline entry to add.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub at: i64,
    pub actor: String,
    pub actor_id: Option<i64>,
    pub kind: String,
    pub body_sealed: Option<Vec<u8>>,
    pub to_raiser: bool,
}

/// An audit entry to append (the store numbers and chains it).
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub at: i64,
    pub case_id: Option<i64>,
    /// e.g. `user:12`, `anonymous raiser`, `system`.
    pub actor: String,
    /// e.g. `view`, `raise`, `acknowledge`, `escalate`, `delete`.
    pub action: String,
    /// Never case content: ids, statuses, levels.
    pub detail: String,
}

/// An audit log entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub case_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Computes an audit entry's hash from its fields and the previous hash (the service's keyed
/// hash; the store has no key).
pub trait AuditChain: Send + Sync {
    #[allow(clippy::too_many_arguments)]
    fn hash(
        &self,
        seq: i64,
        at: i64,
        case_id: Option<i64>,
        actor: &str,
        action: &str,
        detail: &str,
        prev_hash: &str,
    ) -> String;
    /// A keyed MAC of the head (the last entry's seq and hash).
    fn head_mac(&self, seq: i64, hash: &str) -> String;
}

/// A change to a case, decided on `version` of it.
#[derive(Debug, Clone, Default)]
pub struct ConcernChange {
    pub status: Option<String>,
    pub handler_id: Option<i64>,
    /// Adds the new handler to the chain at this level.
    pub add_handler: Option<(i64, i64)>,
    pub escalation_level: Option<i64>,
    pub clock_start: Option<i64>,
    /// `Some(None)` clears the deadline.
    pub due: Option<Option<(String, i64)>>,
    pub overdue: Option<bool>,
    pub feedback_given: Option<bool>,
    pub acknowledged_at: Option<i64>,
    /// `Some(None)` clears it (reopened).
    pub closed_at: Option<Option<i64>>,
    pub consent: Option<bool>,
    pub outcome_sealed: Option<Vec<u8>>,
    pub retention_warned: Option<bool>,
}

/// A notification to add (in-app, and an e-mail when `mail` is set).
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user_id: i64,
    pub concern_id: Option<i64>,
    /// `new-case`, `message`, `escalated`, `overdue`, `detriment`, `retention-warning`, ...
    pub kind: String,
    pub created_at: i64,
    pub mail: bool,
    /// The e-mail is not sent before this time (0: at once).
    pub mail_after: i64,
    /// Whether the notification names the case (false for a raiser's own: no row may tie
    /// their account to it).
    pub link_case: bool,
}

/// A notification as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: i64,
    pub concern_id: Option<i64>,
    pub kind: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// A detriment report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetrimentRow {
    pub id: i64,
    pub concern_id: i64,
    pub reported_at: i64,
    pub text_sealed: Vec<u8>,
    /// `reported`, `reviewing` or `addressed`.
    pub status: String,
}

/// An e-mail to send: the outbox row and the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailJob {
    pub id: i64,
    pub email: String,
    pub attempts: i64,
}

/// One person in an org chart import.
#[derive(Debug, Clone)]
pub struct OrgPerson {
    pub email: String,
    pub role: crate::Role,
    pub manager_email: Option<String>,
    pub service: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrgImported {
    pub added: u64,
    pub updated: u64,
}

/// A file attached to a case, without its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub id: i64,
    pub concern_id: i64,
    pub uploaded_at: i64,
    /// `raiser`, `handler` or `guardian`.
    pub actor: String,
    pub actor_id: Option<i64>,
    pub content_type: String,
    pub size: i64,
    pub name_sealed: Vec<u8>,
}

/// A file to attach.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub uploaded_at: i64,
    pub actor: String,
    pub actor_id: Option<i64>,
    pub content_type: String,
    pub size: i64,
    pub name_sealed: Vec<u8>,
    pub body_sealed: Vec<u8>,
}

/// A service and its head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    pub name: String,
    pub head_id: Option<i64>,
}

/// The speak-up part of the store.
#[async_trait::async_trait]
pub trait SpeakUpStore: Send + Sync {
    /// Adds a case with its `raised` event, its notifications and audit entry, in one
    /// transaction; a repeated `submission_tag` returns the earlier case and writes nothing.
    async fn create_concern(
        &self,
        concern: &NewConcern,
        event: &NewEvent,
        notify: &[NewNotification],
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<Created>;
    async fn concern(&self, id: i64) -> Result<Option<ConcernRow>>;
    async fn concern_by_receipt(&self, receipt_tag: &str) -> Result<Option<ConcernRow>>;
    /// Every case, newest first.
    async fn all_concerns(&self) -> Result<Vec<ConcernRow>>;
    /// Open cases whose deadline has passed and that are not yet marked overdue (the
    /// escalation round's work), oldest deadline first.
    async fn due_concerns(&self, now: i64) -> Result<Vec<ConcernRow>>;
    /// Closed cases (the retention round's work).
    async fn closed_concerns(&self) -> Result<Vec<ConcernRow>>;
    /// Cases whose handler chain includes the person, newest first.
    async fn concerns_handled_by(&self, user_id: i64) -> Result<Vec<ConcernRow>>;
    /// Cases raised (open or confidential) by the account with this tag, newest first.
    async fn concerns_raised_by(&self, raiser_tag: &str) -> Result<Vec<ConcernRow>>;
    /// The handler chain: (user id, level, since), by level.
    async fn handlers_of(&self, concern_id: i64) -> Result<Vec<(i64, i64, i64)>>;
    /// The timeline, oldest first.
    async fn events_of(&self, concern_id: i64) -> Result<Vec<EventRow>>;
    /// Applies `change` if the case is still at `version`; adds the event, notifications and
    /// audit entry in the same transaction. `Ok(false)` when someone else changed it first
    /// (nothing written).
    #[allow(clippy::too_many_arguments)]
    async fn change_concern(
        &self,
        id: i64,
        version: i64,
        change: &ConcernChange,
        event: Option<&NewEvent>,
        notify: &[NewNotification],
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<bool>;
    /// Appends audit entries on their own (views).
    async fn append_audit(&self, entries: &[NewAudit], chain: &dyn AuditChain) -> Result<()>;
    /// The whole audit log in order, and the head (last seq and hash).
    async fn audit_log(&self) -> Result<(Vec<AuditRow>, (i64, String))>;
    /// The head's keyed MAC (see [`AuditChain::head_mac`]).
    async fn audit_head_mac(&self) -> Result<String>;
    /// Deletes a case and everything linked to it (timeline, handlers, detriment reports,
    /// notifications, files), leaving an audit entry, if it is still closed and at `version`
    /// (a case reopened meanwhile is kept). Returns whether it was deleted.
    async fn delete_concern(
        &self,
        id: i64,
        version: i64,
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<bool>;

    /// After deletions: makes the database give up the deleted bytes where it can (SQLite:
    /// checkpoints and truncates the write-ahead log, whose old frames would still hold them;
    /// freed pages are already overwritten by `secure_delete`. PostgreSQL: VACUUM of the case
    /// tables, so the space is reclaimed and reused).
    async fn purge_deleted(&self) -> Result<()>;

    // Files.
    /// Attaches a file, with its timeline event, notifications and audit entry, in one
    /// transaction; `None` (nothing written) when the case already has `max` files.
    #[allow(clippy::too_many_arguments)]
    async fn add_file(
        &self,
        concern_id: i64,
        file: &NewFile,
        max: i64,
        event: &NewEvent,
        notify: &[NewNotification],
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<Option<i64>>;
    /// The case's files, oldest first, without their contents.
    async fn files_of(&self, concern_id: i64) -> Result<Vec<FileRow>>;
    /// One file of a case and its sealed contents.
    async fn file(&self, concern_id: i64, file_id: i64) -> Result<Option<(FileRow, Vec<u8>)>>;

    // Detriment.
    async fn add_detriment(
        &self,
        concern_id: i64,
        reported_at: i64,
        text_sealed: &[u8],
        notify: &[NewNotification],
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<i64>;
    async fn detriments_of(&self, concern_id: i64) -> Result<Vec<DetrimentRow>>;
    async fn all_detriments(&self) -> Result<Vec<DetrimentRow>>;
    async fn set_detriment_status(
        &self,
        id: i64,
        status: &str,
        audit: &NewAudit,
        chain: &dyn AuditChain,
    ) -> Result<()>;

    // Notifications and mail.
    async fn notifications_of(&self, user_id: i64, limit: i64) -> Result<Vec<NotificationRow>>;
    async fn unread_notifications(&self, user_id: i64) -> Result<i64>;
    /// Marks the person's notifications about a case (or all, with `None`) read.
    async fn mark_read(&self, user_id: i64, concern_id: Option<i64>, now: i64) -> Result<()>;
    /// Claims the oldest unsent e-mail (for `lease` seconds), if any.
    async fn claim_mail(&self, now: i64, lease: i64) -> Result<Option<MailJob>>;
    async fn mail_sent(&self, id: i64, now: i64) -> Result<()>;
    /// Records a failure; the e-mail is retried after the lease unless attempts reach the cap.
    async fn mail_failed(&self, id: i64, error: &str, retry_at: i64) -> Result<()>;
    /// (sent, pending) counts, for the health page and tests.
    async fn mail_counts(&self) -> Result<(i64, i64)>;

    // Org chart.
    /// Adds or updates every person and sets their managers and services in one transaction;
    /// new accounts get a password nobody can use (`pause users passwd` sets one). Heads of
    /// service are recorded in `services`.
    async fn import_org(&self, people: &[OrgPerson], now: i64) -> Result<OrgImported>;
    async fn services(&self) -> Result<Vec<ServiceRow>>;
    /// Sets a person's manager, service and role (the admin's org page).
    async fn set_org_entry(
        &self,
        user_id: i64,
        role: crate::Role,
        manager_id: Option<i64>,
        service: Option<&str>,
    ) -> Result<()>;
}
