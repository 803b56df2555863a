//! Every operation on a case: raise, look, act, write, consent, report detriment. The pages and
//! the JSON API both call these, so access rules and audit entries are decided once, here.

use std::sync::Arc;

use pause_speakup::{next_due, Category, DueKind, Status, Transition};
use pause_store::{
    ConcernChange, ConcernRow, Created, DetrimentRow, NewAudit, NewConcern, NewEvent,
    NewNotification, Role, User,
};
use serde::{Deserialize, Serialize};

use super::SpeakUp;
use crate::error::AppError;
use crate::state::AppState;

/// How a raiser is known.
pub const IDENTITIES: [(&str, &str); 3] = [
    (
        "open",
        "Open: my name is shown to everyone handling the concern",
    ),
    (
        "confidential",
        "Confidential: only the person I send it to and the speak-up guardian see my name",
    ),
    (
        "anonymous",
        "Anonymous: nobody can tell it was me (I get a receipt code to follow it)",
    ),
];

/// Whom a concern goes to first.
pub const RECIPIENTS: [(&str, &str); 3] = [
    ("line-manager", "My line manager"),
    ("senior-manager", "Another senior manager"),
    ("guardian", "The Freedom to Speak Up guardian"),
];

/// The shortest passphrase an anonymous raiser may choose.
pub const MIN_PASSPHRASE: usize = 10;

/// What a person sends to raise a concern (the API's body and the form's fields).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaiseRequest {
    pub category: String,
    pub text: String,
    pub identity: String,
    #[serde(default = "default_recipient")]
    pub recipient: String,
    /// A particular senior manager (their account id), when `recipient` is `senior-manager`.
    #[serde(default)]
    pub recipient_id: Option<i64>,
    /// Anonymous only: what the raiser will type with the receipt code.
    #[serde(default)]
    pub passphrase: Option<String>,
    /// Open and confidential: the name the handler sees (the account's e-mail if empty).
    #[serde(default)]
    pub name: Option<String>,
    /// A one-time key of the form or client: the same key twice raises one case.
    #[serde(default)]
    pub submission: Option<String>,
}

fn default_recipient() -> String {
    "line-manager".into()
}

/// The answer to a raise.
#[derive(Debug, Clone, Serialize)]
pub struct Raised {
    pub id: i64,
    /// The receipt code, formatted (anonymous only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    /// This submission had been received before; this is that case.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeat: bool,
}

/// Who raised a case, as sealed in the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Raiser {
    pub user_id: i64,
    pub email: String,
    pub name: String,
}

/// Someone looking at or acting on a case.
#[derive(Debug, Clone)]
pub enum Viewer {
    /// A signed-in person.
    Person(User),
    /// An anonymous raiser who gave the case's receipt code and passphrase.
    Receipt,
}

/// A person's part in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The speak-up guardian: sees and may act on every case.
    Guardian,
    /// In the handler chain; `current` may act.
    Handler { current: bool, level: i64 },
    /// The signed-in person who raised it.
    Raiser,
    /// The anonymous raiser, by receipt.
    AnonymousRaiser,
}

impl Part {
    /// May take the case forward (change its status, write to the raiser, record actions).
    #[must_use]
    pub fn acts(self) -> bool {
        matches!(self, Part::Guardian | Part::Handler { current: true, .. })
    }

    /// Is the raiser.
    #[must_use]
    pub fn raises(self) -> bool {
        matches!(self, Part::Raiser | Part::AnonymousRaiser)
    }

    fn actor(self) -> &'static str {
        match self {
            Part::Guardian => "guardian",
            Part::Handler { .. } => "handler",
            Part::Raiser | Part::AnonymousRaiser => "raiser",
        }
    }
}

/// One line of a case's timeline, opened for the viewer.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    pub at: i64,
    /// Who did it, as this viewer may see it.
    pub who: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Whether the raiser sees it.
    pub to_raiser: bool,
}

/// A case as one viewer may see it.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub row: ConcernRow,
    pub category: Category,
    pub status: Status,
    pub part: Part,
    pub text: String,
    /// The raiser's name and e-mail, when this viewer may see them.
    pub raiser: Option<Raiser>,
    pub outcome: Option<String>,
    pub timeline: Vec<TimelineItem>,
    /// The handler chain: (e-mail, level), first handler first.
    pub handlers: Vec<(String, i64)>,
    pub current_handler: Option<String>,
    pub allowed: Vec<Transition>,
    pub detriments: Vec<(DetrimentRow, String)>,
    pub due: Option<(DueKind, i64)>,
    /// Attached files and their names.
    pub files: Vec<(pause_store::FileRow, String)>,
}

/// The speak-up part of the state, or a clear refusal when the service has no key.
///
/// # Errors
/// [`AppError::Unavailable`]-like refusal when speak-up is not set up.
pub fn speak_up(state: &AppState) -> Result<&Arc<SpeakUp>, AppError> {
    state.speakup.as_ref().ok_or_else(|| {
        AppError::Unprocessable(
            "speaking up is not set up on this service yet: the administrator starts it with \
             --speak-up-key-file (see `pause speak-up keygen`)"
                .into(),
        )
    })
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::Unprocessable(message.into())
}

fn internal(what: &str) -> impl FnOnce(pause_speakup::SealError) -> AppError + '_ {
    move |e| AppError::Internal(anyhow::anyhow!("could not open {what}: {e}"))
}

/// The first speak-up guardian, by account id.
async fn guardians(state: &AppState) -> Result<Vec<User>, AppError> {
    Ok(state
        .store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.role == Role::SpeakUpGuardian)
        .collect())
}

/// The head of a service, if the org chart names one.
async fn head_of(state: &AppState, service: Option<&str>) -> Result<Option<i64>, AppError> {
    let Some(service) = service else {
        return Ok(None);
    };
    Ok(state
        .store
        .services()
        .await?
        .into_iter()
        .find(|s| s.name == service)
        .and_then(|s| s.head_id))
}

/// People a raiser may choose as "another senior manager".
///
/// # Errors
/// When the store fails.
pub async fn senior_managers(state: &AppState) -> Result<Vec<User>, AppError> {
    Ok(state
        .store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| matches!(u.role, Role::SeniorManager | Role::HeadOfService))
        .collect())
}

/// Notifications for `users` (each once), by e-mail too when the service sends e-mail.
fn notices(su: &SpeakUp, users: &[i64], kind: &str, at: i64) -> Vec<NewNotification> {
    let mut seen = Vec::new();
    users
        .iter()
        .filter(|u| {
            if seen.contains(*u) {
                false
            } else {
                seen.push(**u);
                true
            }
        })
        .map(|&user_id| NewNotification {
            user_id,
            concern_id: None,
            kind: kind.to_string(),
            created_at: at,
            mail: su.mailer.is_some(),
            mail_after: 0,
            link_case: true,
        })
        .collect()
}

fn audit(at: i64, case_id: i64, actor: &str, action: &str, detail: String) -> NewAudit {
    NewAudit {
        at,
        case_id: Some(case_id),
        actor: actor.to_string(),
        action: action.to_string(),
        detail,
    }
}

/// Who did something, for the audit log. A raiser is never named by account: the log would
/// otherwise link a confidential raiser's account to their case for anyone with the database.
pub(crate) fn actor_label(viewer: &Viewer, part: Part) -> String {
    match (viewer, part) {
        (Viewer::Receipt, _) | (_, Part::AnonymousRaiser) => "anonymous raiser".into(),
        (_, Part::Raiser) => "raiser".into(),
        (Viewer::Person(u), _) => format!("user:{}", u.id),
    }
}

/// Notices to a signed-in raiser about their own case: stored without the case's id (the
/// page links to their list of concerns), so no row ties their account to the case.
pub(crate) fn raiser_notices(
    su: &SpeakUp,
    row: &ConcernRow,
    kind: &str,
    at: i64,
) -> Vec<NewNotification> {
    raiser_account(su, row)
        .map(|r| {
            notices(su, &[r], kind, at)
                .into_iter()
                .map(|mut n| {
                    n.link_case = false;
                    n
                })
                .collect()
        })
        .unwrap_or_default()
}

/// E-mails caused by an anonymous raiser wait for the next morning's batch (08:00), so the
/// moment a handler's mailbox lights up says nothing about when the raiser acted.
fn hold_mail(su: &SpeakUp, identity: &str, notify: &mut [NewNotification], now: i64) {
    if identity == "anonymous" {
        let morning = su.config.calendar.start_of_day(now) + 86_400 + 8 * 3600;
        for n in notify {
            n.mail_after = morning;
        }
    }
}

/// Runs argon2 (about 19 MiB and tens of milliseconds each) off the async threads, at most a
/// few at a time, so a flood of passphrase attempts cannot exhaust memory.
async fn argon2<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = state
        .argon2
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// A sealed field's associated data: its name and the case's random context, so a sealed value
/// copied from another field or another case does not open.
pub(crate) fn ctx(case: &str, label: &str) -> String {
    format!("{label}@{case}")
}

/// The time to record for something an anonymous raiser did: only the day.
fn raiser_time(su: &SpeakUp, row_identity: &str, now: i64) -> i64 {
    if row_identity == "anonymous" {
        su.config.calendar.start_of_day(now)
    } else {
        now
    }
}

fn check_text(su: &SpeakUp, what: &str, text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(format!("the {what} is empty")));
    }
    let chars = text.chars().count();
    let max = su.config.max_message_chars;
    if chars > max {
        return Err(invalid(format!(
            "the {what} is {chars} characters long; the most this service accepts is {max}. \
             Shorten it, or send the rest as a second message"
        )));
    }
    Ok(text.to_string())
}

/// Raises a concern.
///
/// # Errors
/// Invalid fields (named), a recipient the org chart cannot resolve, or the store failing.
#[allow(clippy::too_many_lines)]
pub async fn raise(
    state: &AppState,
    who: Option<&User>,
    req: &RaiseRequest,
    now: i64,
) -> Result<Raised, AppError> {
    let su = speak_up(state)?;
    let category = Category::from_id(&req.category).ok_or_else(|| {
        invalid(format!(
            "category `{}` is not one of: {}",
            req.category,
            Category::ALL.map(Category::id).join(", ")
        ))
    })?;
    let text = check_text(su, "concern", &req.text)?;
    let anonymous = match req.identity.as_str() {
        "anonymous" => true,
        "open" | "confidential" => false,
        other => {
            return Err(invalid(format!(
                "identity `{other}` is not one of: open, confidential, anonymous"
            )))
        }
    };
    if !anonymous && who.is_none() {
        return Err(AppError::Unauthorized);
    }
    if !RECIPIENTS.iter().any(|(id, _)| *id == req.recipient) {
        return Err(invalid(format!(
            "recipient `{}` is not one of: line-manager, senior-manager, guardian",
            req.recipient
        )));
    }
    // Whom it goes to.
    let handler: User = match req.recipient.as_str() {
        "guardian" => guardians(state).await?.into_iter().next().ok_or_else(|| {
            invalid("this organisation has no speak-up guardian in Pause yet; choose a manager")
        })?,
        "senior-manager" => {
            let chosen = match req.recipient_id {
                Some(id) => Some(
                    senior_managers(state)
                        .await?
                        .into_iter()
                        .find(|u| u.id == id)
                        .ok_or_else(|| {
                            invalid(format!("recipient_id {id} is not a senior manager"))
                        })?,
                ),
                None => None,
            };
            match (chosen, who) {
                (Some(u), _) => u,
                (None, Some(me)) => {
                    // The manager's manager, else the head of the person's service.
                    let manager = match me.manager_id {
                        Some(m) => state.store.user_by_id(m).await?,
                        None => None,
                    };
                    let skip = match manager.and_then(|m| m.manager_id) {
                        Some(id) => state.store.user_by_id(id).await?,
                        None => None,
                    };
                    match skip {
                        Some(u) => u,
                        None => {
                            let head = head_of(state, me.service.as_deref()).await?;
                            match head {
                                Some(id) if id != me.id => state
                                    .store
                                    .user_by_id(id)
                                    .await?
                                    .ok_or_else(|| invalid("the head of your service has no account"))?,
                                _ => {
                                    return Err(invalid(
                                        "the org chart names no senior manager above you: choose one by recipient_id, or the guardian",
                                    ))
                                }
                            }
                        }
                    }
                }
                (None, None) => {
                    return Err(invalid(
                        "choose which senior manager receives it (recipient_id), or the guardian",
                    ))
                }
            }
        }
        _ => {
            let me = who.ok_or_else(|| {
                invalid("without signing in, Pause cannot know your line manager: choose a senior manager or the guardian")
            })?;
            let id = me.manager_id.ok_or_else(|| {
                invalid("the org chart names no line manager for you: choose another senior manager or the guardian")
            })?;
            state
                .store
                .user_by_id(id)
                .await?
                .ok_or_else(|| invalid("your line manager has no account"))?
        }
    };
    if who.is_some_and(|me| me.id == handler.id) {
        return Err(invalid(
            "that would send the concern to you: choose someone else",
        ));
    }

    let (receipt, passphrase_hash) = if anonymous {
        let passphrase = req.passphrase.as_deref().unwrap_or_default();
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(invalid(format!(
                "an anonymous concern needs a passphrase of at least {MIN_PASSPHRASE} characters: you will use it with your receipt code to follow the case"
            )));
        }
        if passphrase.chars().count() > 1024 {
            return Err(invalid("the passphrase is longer than 1024 characters"));
        }
        let pass = passphrase.to_string();
        let hash = argon2(state, move || crate::auth::hash_password(&pass)).await??;
        (Some(pause_speakup::new_receipt()), Some(hash))
    } else {
        if req.passphrase.is_some() {
            return Err(invalid(
                "a passphrase is only for anonymous concerns (yours is open or confidential)",
            ));
        }
        (None, None)
    };
    let raiser = match (anonymous, who) {
        (false, Some(me)) => {
            let name = req
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(&me.email);
            if name.chars().count() > 200 {
                return Err(invalid("the name is longer than 200 characters"));
            }
            Some(Raiser {
                user_id: me.id,
                email: me.email.clone(),
                name: name.to_string(),
            })
        }
        _ => None,
    };
    if let Some(key) = &req.submission {
        if key.len() > 200 {
            return Err(invalid("the submission key is longer than 200 characters"));
        }
    }

    let at = if anonymous {
        su.config.calendar.start_of_day(now)
    } else {
        now
    };
    let service = match &raiser {
        Some(_) => who.and_then(|me| me.service.clone()),
        None => None,
    }
    .or_else(|| handler.service.clone());
    let due = next_due(&su.config, category, Status::Raised, false, at);
    let raiser_json = match &raiser {
        Some(r) => Some(serde_json::to_vec(r).map_err(|e| AppError::Internal(e.into()))?),
        None => None,
    };
    let seal_context = crate::auth::random_token();
    let concern = NewConcern {
        seal_context: seal_context.clone(),
        category: category.id().to_string(),
        identity: req.identity.clone(),
        recipient: req.recipient.clone(),
        handler_id: handler.id,
        service,
        raised_at: at,
        due_kind: due.map(|(k, _)| k.id().to_string()),
        due_at: due.map(|(_, t)| t),
        text_sealed: su.keys.seal_str(&ctx(&seal_context, "concern.text"), &text),
        raiser_sealed: raiser_json.map(|j| su.keys.seal(&ctx(&seal_context, "concern.raiser"), &j)),
        raiser_tag: raiser
            .as_ref()
            .map(|r| su.keys.index("raiser", &r.user_id.to_string())),
        receipt_tag: receipt.as_ref().map(|r| su.keys.index("receipt", r)),
        receipt_sealed: receipt
            .as_ref()
            .map(|r| su.keys.seal_str(&ctx(&seal_context, "concern.receipt"), r)),
        passphrase_hash,
        submission_tag: req
            .submission
            .as_ref()
            .map(|k| su.keys.index("submission", k)),
    };
    let event = NewEvent {
        at,
        actor: "raiser".into(),
        actor_id: None,
        kind: "raised".into(),
        body_sealed: None,
        to_raiser: true,
    };
    let actor = if anonymous {
        "anonymous raiser".to_string()
    } else {
        "raiser".to_string()
    };
    let entry = NewAudit {
        at,
        case_id: None,
        actor,
        action: "raise".into(),
        detail: format!(
            "category={} identity={} recipient={} handler=user:{}",
            category.id(),
            req.identity,
            req.recipient,
            handler.id
        ),
    };
    let mut notify = notices(su, &[handler.id], "new-case", at);
    hold_mail(su, &req.identity, &mut notify, now);
    match state
        .store
        .create_concern(&concern, &event, &notify, &entry, su.as_ref())
        .await?
    {
        Created::New(id) => Ok(Raised {
            id,
            receipt: receipt.map(|r| pause_speakup::format_receipt(&r)),
            repeat: false,
        }),
        Created::Repeat(row) => {
            // Only the same person (or, for anonymous, the same passphrase) gets the answer again.
            let same = match (&row.raiser_tag, who) {
                (Some(tag), Some(me)) => *tag == su.keys.index("raiser", &me.id.to_string()),
                (None, _) => {
                    let hash = row.passphrase_hash.clone().unwrap_or_default();
                    let pass = req.passphrase.clone().unwrap_or_default();
                    argon2(state, move || crate::auth::verify_password(&pass, &hash)).await?
                }
                _ => false,
            };
            if !same {
                return Err(invalid(
                    "that submission key was already used: reload the form",
                ));
            }
            let receipt = match &row.receipt_sealed {
                Some(sealed) => Some(pause_speakup::format_receipt(
                    &su.keys
                        .open_string(&ctx(&row.seal_context, "concern.receipt"), sealed)
                        .map_err(internal("the receipt"))?,
                )),
                None => None,
            };
            Ok(Raised {
                id: row.id,
                receipt,
                repeat: true,
            })
        }
    }
}

/// The viewer's part in a case, if any.
///
/// # Errors
/// When the store fails.
pub async fn part_in(
    state: &AppState,
    su: &SpeakUp,
    viewer: &Viewer,
    row: &ConcernRow,
) -> Result<Option<Part>, AppError> {
    let user = match viewer {
        Viewer::Receipt => return Ok(Some(Part::AnonymousRaiser)),
        Viewer::Person(u) => u,
    };
    if let Some(tag) = &row.raiser_tag {
        // The tag finds the case; the sealed identity (bound to this case) confirms it, so a tag
        // copied onto another case in the database opens nothing.
        if *tag == su.keys.index("raiser", &user.id.to_string())
            && raiser_account(su, row) == Some(user.id)
        {
            return Ok(Some(Part::Raiser));
        }
    }
    if user.role == Role::SpeakUpGuardian {
        return Ok(Some(Part::Guardian));
    }
    let chain = state.store.handlers_of(row.id).await?;
    Ok(chain
        .iter()
        .find(|(id, _, _)| *id == user.id)
        .map(|&(_, level, _)| Part::Handler {
            current: row.handler_id == Some(user.id),
            level,
        }))
}

/// The case and the viewer's part in it; [`AppError::NotFound`] when they have none.
///
/// # Errors
/// Not found, or the store failing.
pub async fn open_case(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<(ConcernRow, Part), AppError> {
    let su = speak_up(state)?;
    let row = state.store.concern(id).await?.ok_or(AppError::NotFound)?;
    let part = part_in(state, su, viewer, &row)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row, part))
}

/// Whether this part may see a confidential raiser's name.
fn sees_name(part: Part, row: &ConcernRow) -> bool {
    match row.identity.as_str() {
        "anonymous" => false,
        "open" => true,
        _ => match part {
            Part::Guardian | Part::Raiser | Part::AnonymousRaiser => true,
            Part::Handler { level, .. } => level == 0 || row.consent,
        },
    }
}

/// Opens the case for the viewer and records the view in the audit log.
///
/// # Errors
/// When something sealed does not open (wrong key) or the store fails.
pub async fn view(
    state: &AppState,
    viewer: &Viewer,
    row: ConcernRow,
    part: Part,
    now: i64,
) -> Result<CaseView, AppError> {
    let su = speak_up(state)?;
    let text = su
        .keys
        .open_string(&ctx(&row.seal_context, "concern.text"), &row.text_sealed)
        .map_err(internal("the concern"))?;
    let raiser = match (&row.raiser_sealed, sees_name(part, &row)) {
        (Some(sealed), true) => {
            let json = su
                .keys
                .open(&ctx(&row.seal_context, "concern.raiser"), sealed)
                .map_err(internal("the raiser"))?;
            Some(
                serde_json::from_slice::<Raiser>(&json)
                    .map_err(|e| AppError::Internal(e.into()))?,
            )
        }
        _ => None,
    };
    let outcome = match &row.outcome_sealed {
        Some(s) => Some(
            su.keys
                .open_string(&ctx(&row.seal_context, "concern.outcome"), s)
                .map_err(internal("the outcome"))?,
        ),
        None => None,
    };
    let mut emails = std::collections::HashMap::new();
    let chain = state.store.handlers_of(row.id).await?;
    let mut handlers = Vec::new();
    for (id, level, _) in &chain {
        let email = match state.store.user_by_id(*id).await? {
            Some(u) => u.email,
            None => format!("account {id}"),
        };
        emails.insert(*id, email.clone());
        handlers.push((email, *level));
    }
    let current_handler = row.handler_id.and_then(|id| emails.get(&id).cloned());
    let raiser_label = match (&raiser, part.raises()) {
        (_, true) => "You".to_string(),
        (Some(r), false) => format!("{} (raiser)", r.name),
        (None, false) => match row.identity.as_str() {
            "anonymous" => "Anonymous raiser".into(),
            _ => "Confidential raiser".into(),
        },
    };
    let mut timeline = Vec::new();
    for e in state.store.events_of(row.id).await? {
        if part.raises() && !e.to_raiser {
            continue;
        }
        let body = match &e.body_sealed {
            Some(s) => Some(
                su.keys
                    .open_string(&ctx(&row.seal_context, "concern.event"), s)
                    .map_err(internal("a message"))?,
            ),
            None => None,
        };
        let who = match e.actor.as_str() {
            "raiser" => raiser_label.clone(),
            "system" => "Pause".to_string(),
            other => {
                let email = match e.actor_id {
                    Some(id) => match emails.get(&id) {
                        Some(m) => m.clone(),
                        None => state
                            .store
                            .user_by_id(id)
                            .await?
                            .map_or_else(|| format!("account {id}"), |u| u.email),
                    },
                    None => String::new(),
                };
                if email.is_empty() {
                    other.to_string()
                } else {
                    format!("{email} ({other})")
                }
            }
        };
        timeline.push(TimelineItem {
            at: e.at,
            who,
            kind: e.kind,
            body,
            to_raiser: e.to_raiser,
        });
    }
    let mut detriments = Vec::new();
    if matches!(part, Part::Guardian) || part.raises() {
        for d in state.store.detriments_of(row.id).await? {
            let text = su
                .keys
                .open_string(&ctx(&row.seal_context, "detriment.text"), &d.text_sealed)
                .map_err(internal("a detriment report"))?;
            detriments.push((d, text));
        }
    }
    let mut files = Vec::new();
    for f in state.store.files_of(row.id).await? {
        let name = super::files::name_of(state, &row, &f)?;
        files.push((f, name));
    }
    let category = Category::from_id(&row.category).unwrap_or(Category::Other);
    let status = Status::from_id(&row.status).unwrap_or(Status::Raised);
    let allowed = if part.acts() {
        status.allowed()
    } else {
        Vec::new()
    };
    let due = match (row.due_kind.as_deref(), row.due_at) {
        (Some(k), Some(t)) => [DueKind::Acknowledge, DueKind::Feedback, DueKind::Outcome]
            .into_iter()
            .find(|d| d.id() == k)
            .map(|d| (d, t)),
        _ => None,
    };
    let at = match viewer {
        Viewer::Receipt => raiser_time(su, &row.identity, now),
        Viewer::Person(_) => now,
    };
    state
        .store
        .append_audit(
            &[audit(
                at,
                row.id,
                &actor_label(viewer, part),
                "view",
                format!("as={}", part.actor()),
            )],
            su.as_ref(),
        )
        .await?;
    Ok(CaseView {
        row,
        category,
        status,
        part,
        text,
        raiser,
        outcome,
        timeline,
        handlers,
        current_handler,
        allowed,
        detriments,
        due,
        files,
    })
}

/// What a handler is told when someone else changed the case between their reading and writing it.
const CHANGED_MEANWHILE: &str =
    "the case changed while you were looking at it: reload and try again";

/// Writes a change decided on `row`, with its event, notifications and audit entry; refuses
/// clearly (nothing written) when someone changed the case first.
#[allow(clippy::too_many_arguments)]
async fn commit(
    state: &AppState,
    su: &SpeakUp,
    row: &ConcernRow,
    change: &ConcernChange,
    event: Option<&NewEvent>,
    notify: &[NewNotification],
    entry: &NewAudit,
    conflict: &str,
) -> Result<(), AppError> {
    if state
        .store
        .change_concern(row.id, row.version, change, event, notify, entry, su)
        .await?
    {
        Ok(())
    } else {
        Err(invalid(conflict))
    }
}

/// The signed-in raiser's account id, from the sealed identity (for notifying them).
pub(crate) fn raiser_account(su: &SpeakUp, row: &ConcernRow) -> Option<i64> {
    let sealed = row.raiser_sealed.as_ref()?;
    let json = su
        .keys
        .open(&ctx(&row.seal_context, "concern.raiser"), sealed)
        .ok()?;
    serde_json::from_slice::<Raiser>(&json)
        .ok()
        .map(|r| r.user_id)
}

/// The deadline after a change.
fn due_after(
    su: &SpeakUp,
    row: &ConcernRow,
    status: Status,
    feedback: bool,
    clock: i64,
) -> Option<Option<(String, i64)>> {
    let category = Category::from_id(&row.category).unwrap_or(Category::Other);
    Some(
        next_due(&su.config, category, status, feedback, clock)
            .map(|(k, t)| (k.id().to_string(), t)),
    )
}

/// Moves a case on (acknowledge, investigate, give the outcome, close, reopen).
///
/// # Errors
/// Not the viewer's to act on, a transition the state machine forbids (named), a missing outcome
/// text, a concurrent change, or the store failing.
pub async fn transition(
    state: &AppState,
    user: &User,
    id: i64,
    t: Transition,
    note: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let su = speak_up(state)?;
    let viewer = Viewer::Person(user.clone());
    let (row, part) = open_case(state, &viewer, id).await?;
    if !part.acts() {
        return Err(AppError::Forbidden);
    }
    let status = Status::from_id(&row.status).unwrap_or(Status::Raised);
    let next = status.apply(t).map_err(|e| invalid(e.to_string()))?;
    let mut change = ConcernChange {
        status: Some(next.id().to_string()),
        overdue: Some(false),
        ..ConcernChange::default()
    };
    let mut body = None;
    let mut feedback = row.feedback_given;
    let mut clock = row.clock_start;
    match t {
        Transition::Acknowledge => change.acknowledged_at = Some(now),
        Transition::Investigate => {
            if row.acknowledged_at.is_none() {
                change.acknowledged_at = Some(now);
            }
        }
        Transition::GiveOutcome => {
            let text = check_text(su, "outcome", note.unwrap_or_default())?;
            change.outcome_sealed = Some(
                su.keys
                    .seal_str(&ctx(&row.seal_context, "concern.outcome"), &text),
            );
            body = Some(
                su.keys
                    .seal_str(&ctx(&row.seal_context, "concern.event"), &text),
            );
            feedback = true;
            change.feedback_given = Some(true);
        }
        Transition::Close => change.closed_at = Some(Some(now)),
        Transition::Reopen => {
            change.closed_at = Some(None);
            clock = now;
            change.clock_start = Some(now);
            change.retention_warned = Some(false);
        }
    }
    if let (Some(n), None) = (note.map(str::trim).filter(|n| !n.is_empty()), &body) {
        let text = check_text(su, "note", n)?;
        body = Some(
            su.keys
                .seal_str(&ctx(&row.seal_context, "concern.event"), &text),
        );
    }
    change.due = due_after(su, &row, next, feedback, clock);
    let event = NewEvent {
        at: now,
        actor: part.actor().into(),
        actor_id: Some(user.id),
        kind: t.id().to_string(),
        body_sealed: body,
        to_raiser: true,
    };
    let notify = raiser_notices(su, &row, t.id(), now);
    let entry = audit(
        now,
        id,
        &actor_label(&viewer, part),
        t.id(),
        format!("{} -> {}", status.id(), next.id()),
    );
    commit(
        state,
        su,
        &row,
        &change,
        Some(&event),
        &notify,
        &entry,
        CHANGED_MEANWHILE,
    )
    .await?;
    Ok(())
}

/// What kind of entry a handler writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A message to the other side (raiser <-> handler).
    Message,
    /// An action taken ("you said, we did"), shown to the raiser.
    Action,
    /// An internal note the raiser does not see.
    Internal,
}

/// Adds a message, an action taken or an internal note.
///
/// # Errors
/// No part in the case, a raiser writing an action or note, a closed case, an empty or
/// oversized text, or the store failing.
pub async fn write(
    state: &AppState,
    viewer: &Viewer,
    row: ConcernRow,
    part: Part,
    kind: Note,
    text: &str,
    now: i64,
) -> Result<(), AppError> {
    let su = speak_up(state)?;
    let text = check_text(su, "message", text)?;
    if part.raises() && kind != Note::Message {
        return Err(AppError::Forbidden);
    }
    if !part.raises() && !part.acts() {
        return Err(AppError::Forbidden);
    }
    if row.status == Status::Closed.id() {
        return Err(invalid(
            "the case is closed: ask for it to be reopened, or raise a new concern",
        ));
    }
    let at = if part.raises() {
        raiser_time(su, &row.identity, now)
    } else {
        now
    };
    let mut change = ConcernChange::default();
    let to_raiser = kind != Note::Internal;
    if !part.raises() && to_raiser && !row.feedback_given {
        change.feedback_given = Some(true);
        let status = Status::from_id(&row.status).unwrap_or(Status::Raised);
        change.due = due_after(su, &row, status, true, row.clock_start);
        change.overdue = Some(false);
    }
    let event = NewEvent {
        at,
        actor: part.actor().into(),
        actor_id: match (part, viewer) {
            (Part::Guardian | Part::Handler { .. }, Viewer::Person(u)) => Some(u.id),
            _ => None,
        },
        kind: match kind {
            Note::Message => "message",
            Note::Action => "action",
            Note::Internal => "note",
        }
        .into(),
        body_sealed: Some(
            su.keys
                .seal_str(&ctx(&row.seal_context, "concern.event"), &text),
        ),
        to_raiser,
    };
    let notify = if part.raises() {
        let mut n = row
            .handler_id
            .map(|h| notices(su, &[h], "message", at))
            .unwrap_or_default();
        hold_mail(su, &row.identity, &mut n, now);
        n
    } else if to_raiser {
        raiser_notices(su, &row, "message", at)
    } else {
        Vec::new()
    };
    let entry = audit(
        at,
        row.id,
        &actor_label(viewer, part),
        &event.kind,
        format!("as={}", part.actor()),
    );
    commit(state, su, &row, &change, Some(&event), &notify, &entry, "the case changed while you were writing: your message was not sent; reload and send it again").await?;
    Ok(())
}

/// A confidential raiser lets everyone handling the case see their name.
///
/// # Errors
/// Not the raiser, not a confidential case, or the store failing.
pub async fn consent(state: &AppState, user: &User, id: i64, now: i64) -> Result<(), AppError> {
    let su = speak_up(state)?;
    let viewer = Viewer::Person(user.clone());
    let (row, part) = open_case(state, &viewer, id).await?;
    if part != Part::Raiser {
        return Err(AppError::Forbidden);
    }
    if row.identity != "confidential" || row.consent {
        return Err(invalid(
            "there is nothing to consent to: your name is already shared as you chose",
        ));
    }
    let change = ConcernChange {
        consent: Some(true),
        ..ConcernChange::default()
    };
    let event = NewEvent {
        at: now,
        actor: "raiser".into(),
        actor_id: None,
        kind: "consent".into(),
        body_sealed: None,
        to_raiser: true,
    };
    let entry = audit(
        now,
        id,
        &actor_label(&viewer, part),
        "consent",
        String::new(),
    );
    commit(
        state,
        su,
        &row,
        &change,
        Some(&event),
        &[],
        &entry,
        "the case changed meanwhile: reload and try again",
    )
    .await
}

/// The raiser reports detriment for having spoken up; the guardians are told.
///
/// # Errors
/// Not the raiser, an empty or oversized report, or the store failing.
pub async fn report_detriment(
    state: &AppState,
    viewer: &Viewer,
    row: &ConcernRow,
    part: Part,
    text: &str,
    now: i64,
) -> Result<i64, AppError> {
    let su = speak_up(state)?;
    if !part.raises() {
        return Err(AppError::Forbidden);
    }
    let text = check_text(su, "report", text)?;
    let at = raiser_time(su, &row.identity, now);
    let ids: Vec<i64> = guardians(state).await?.iter().map(|g| g.id).collect();
    let mut notify = notices(su, &ids, "detriment", at);
    hold_mail(su, &row.identity, &mut notify, now);
    let entry = audit(
        at,
        row.id,
        &actor_label(viewer, part),
        "detriment",
        String::new(),
    );
    Ok(state
        .store
        .add_detriment(
            row.id,
            at,
            &su.keys
                .seal_str(&ctx(&row.seal_context, "detriment.text"), &text),
            &notify,
            &entry,
            su.as_ref(),
        )
        .await?)
}

/// The guardian moves a detriment report on (`reviewing`, `addressed`).
///
/// # Errors
/// Not the guardian, an unknown status, or the store failing.
pub async fn detriment_status(
    state: &AppState,
    user: &User,
    detriment_id: i64,
    status: &str,
    now: i64,
) -> Result<(), AppError> {
    let su = speak_up(state)?;
    if user.role != Role::SpeakUpGuardian {
        return Err(AppError::Forbidden);
    }
    if !["reported", "reviewing", "addressed"].contains(&status) {
        return Err(invalid("status must be reported, reviewing or addressed"));
    }
    let case_id = state
        .store
        .all_detriments()
        .await?
        .into_iter()
        .find(|d| d.id == detriment_id)
        .map(|d| d.concern_id)
        .ok_or(AppError::NotFound)?;
    state
        .store
        .set_detriment_status(
            detriment_id,
            status,
            &audit(
                now,
                case_id,
                &format!("user:{}", user.id),
                "detriment-status",
                format!("detriment={detriment_id} status={status}"),
            ),
            su.as_ref(),
        )
        .await?;
    Ok(())
}

/// Look-ups allowed per case per day, right or wrong (stored under the receipt's keyed hash,
/// by day only). Counted before the passphrase is checked, so parallel guesses cannot race past.
const RECEIPT_ATTEMPTS_PER_CASE: i64 = 50;
/// Failed receipt look-ups allowed per client address per window (in memory only: an
/// anonymous raiser's address is never stored).
const RECEIPT_FAILURES_PER_ADDRESS: u32 = 20;

/// The case behind a receipt code and passphrase. Any mistake gives the same answer, after the
/// same work, whichever part was wrong.
///
/// # Errors
/// [`AppError::NotFound`] for a wrong code or passphrase, [`AppError::TooManyRequests`] after
/// too many attempts.
pub async fn by_receipt(
    state: &AppState,
    receipt: &str,
    passphrase: &str,
    address: Option<std::net::IpAddr>,
    now: i64,
) -> Result<ConcernRow, AppError> {
    let su = speak_up(state)?;
    let day = su.config.calendar.start_of_day(now);
    if let Some(ip) = address {
        if state.receipt_failures.count(ip, now) >= RECEIPT_FAILURES_PER_ADDRESS {
            return Err(AppError::TooManyRequests(15));
        }
    }
    let canonical = pause_speakup::normalise_receipt(receipt);
    let tag = canonical.as_ref().map(|c| su.keys.index("receipt", c));
    if let Some(tag) = &tag {
        if state.store.rate_hit(&format!("receipt:{tag}"), day).await? > RECEIPT_ATTEMPTS_PER_CASE {
            return Err(AppError::TooManyRequests(60 * 24));
        }
    }
    let row = match &tag {
        Some(tag) => state.store.concern_by_receipt(tag).await?,
        None => None,
    };
    let hash = row
        .as_ref()
        .and_then(|r| r.passphrase_hash.clone())
        .unwrap_or_else(|| crate::auth::dummy_hash().to_string());
    let pass = passphrase.to_string();
    let ok = argon2(state, move || crate::auth::verify_password(&pass, &hash)).await?;
    // The receipt sealed with the case must be the one typed (a receipt tag and passphrase
    // copied onto another case in the database open nothing).
    let bound = match (&row, &canonical) {
        (Some(r), Some(c)) => r.receipt_sealed.as_ref().is_some_and(|sealed| {
            su.keys
                .open_string(&ctx(&r.seal_context, "concern.receipt"), sealed)
                .is_ok_and(|opened| crate::auth::same(&opened, c))
        }),
        _ => false,
    };
    match row {
        Some(row) if ok && bound => Ok(row),
        _ => {
            if let Some(ip) = address {
                state.receipt_failures.hit(ip, now);
            }
            Err(AppError::NotFound)
        }
    }
}

/// The cases a signed-in person may see in their lists: (raised by them, handled by them or,
/// for the guardian, every case).
///
/// # Errors
/// When the store fails.
pub async fn lists(
    state: &AppState,
    user: &User,
) -> Result<(Vec<ConcernRow>, Vec<ConcernRow>), AppError> {
    let su = speak_up(state)?;
    let mine = state
        .store
        .concerns_raised_by(&su.keys.index("raiser", &user.id.to_string()))
        .await?;
    let handled = if user.role == Role::SpeakUpGuardian {
        state.store.all_concerns().await?
    } else {
        state.store.concerns_handled_by(user.id).await?
    };
    Ok((mine, handled))
}

/// The current handler passes the case up: to their line manager, or the head of the service
/// ("a line manager who cannot address a concern passes it to their own manager"). The deadline
/// clock starts again for the new handler.
///
/// # Errors
/// Not the current handler, a closed case, nobody above, or a concurrent change.
pub async fn pass_up(
    state: &AppState,
    user: &User,
    id: i64,
    note: &str,
    now: i64,
) -> Result<String, AppError> {
    let su = speak_up(state)?;
    let viewer = Viewer::Person(user.clone());
    let (row, part) = open_case(state, &viewer, id).await?;
    if !matches!(part, Part::Handler { current: true, .. }) {
        return Err(AppError::Forbidden);
    }
    if row.status == Status::Closed.id() {
        return Err(invalid("the case is closed"));
    }
    let note = check_text(su, "reason", note)?;
    let chain = state.store.handlers_of(row.id).await?;
    let next = super::jobs::next_handler(state, &row, &chain)
        .await?
        .ok_or_else(|| invalid("there is nobody above you in the org chart for this case: you are the last step (the speak-up guardian can help)"))?;
    let level = row.escalation_level + 1;
    let category = Category::from_id(&row.category).unwrap_or(Category::Other);
    let status = Status::from_id(&row.status).unwrap_or(Status::Raised);
    let change = ConcernChange {
        handler_id: Some(next.id),
        add_handler: Some((next.id, level)),
        escalation_level: Some(level),
        clock_start: Some(now),
        due: Some(
            next_due(&su.config, category, status, row.feedback_given, now)
                .map(|(k, t)| (k.id().to_string(), t)),
        ),
        overdue: Some(false),
        ..ConcernChange::default()
    };
    let event = NewEvent {
        at: now,
        actor: "handler".into(),
        actor_id: Some(user.id),
        kind: "passed-up".into(),
        body_sealed: Some(su.keys.seal_str(
            &ctx(&row.seal_context, "concern.event"),
            &format!("Passed to {}: {note}", next.email),
        )),
        to_raiser: true,
    };
    let mut notify = notices(su, &[next.id], "passed-up", now);
    notify.extend(raiser_notices(su, &row, "passed-up", now));
    let entry = audit(
        now,
        id,
        &actor_label(&viewer, part),
        "pass-up",
        format!("level={level} handler=user:{}", next.id),
    );
    commit(
        state,
        su,
        &row,
        &change,
        Some(&event),
        &notify,
        &entry,
        CHANGED_MEANWHILE,
    )
    .await?;
    Ok(next.email)
}
