//! The speak-up service's background work: escalate cases whose deadline passed, warn about and
//! delete closed cases at the end of their retention period, send the e-mails.
//!
//! [`tick`] does one round at a given time, so tests drive it with their own clock; `pause
//! serve` runs it every minute. Several instances may run it at once: every change is
//! conditional on the case's version, so each escalation happens exactly once.

use pause_speakup::{Category, Status};
use pause_store::{ConcernChange, ConcernRow, NewAudit, NewEvent, Role, User};

use super::cases::speak_up;
use super::SpeakUp;
use crate::error::AppError;
use crate::state::AppState;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub escalated: u32,
    /// Deadlines missed with nobody left above the handler (the guardian is told).
    pub overdue: u32,
    pub retention_warnings: u32,
    pub deleted: u32,
    pub mails_sent: u32,
    pub mails_failed: u32,
}

fn notify_all(
    su: &SpeakUp,
    users: &[i64],
    kind: &str,
    at: i64,
) -> Vec<pause_store::NewNotification> {
    let mut ids = users.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|user_id| pause_store::NewNotification {
            user_id,
            concern_id: None,
            kind: kind.into(),
            created_at: at,
            mail: su.mailer.is_some(),
            mail_after: 0,
            link_case: true,
        })
        .collect()
}

/// Whom a case goes to next when its handler misses a deadline: the handler's line manager,
/// then the head of the case's service; `None` at the head (or with nobody above).
pub(crate) async fn next_handler(
    state: &AppState,
    row: &ConcernRow,
    chain: &[(i64, i64, i64)],
) -> Result<Option<User>, AppError> {
    let head = match &row.service {
        Some(s) => state
            .store
            .services()
            .await?
            .into_iter()
            .find(|x| &x.name == s)
            .and_then(|x| x.head_id),
        None => None,
    };
    let current = match row.handler_id {
        Some(id) => state.store.user_by_id(id).await?,
        None => None,
    };
    let Some(current) = current else {
        return Ok(None);
    };
    if Some(current.id) == head {
        return Ok(None);
    }
    let in_chain = |id: i64| chain.iter().any(|(u, _, _)| *u == id);
    // After the first escalation, straight to the head of service.
    let candidates = if row.escalation_level >= 1 {
        [head, current.manager_id]
    } else {
        [current.manager_id, head]
    };
    for id in candidates.into_iter().flatten() {
        if !in_chain(id) {
            if let Some(u) = state.store.user_by_id(id).await? {
                return Ok(Some(u));
            }
        }
    }
    Ok(None)
}

async fn guardian_ids(state: &AppState) -> Result<Vec<i64>, AppError> {
    Ok(state
        .store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.role == Role::SpeakUpGuardian)
        .map(|u| u.id)
        .collect())
}

async fn escalate(
    state: &AppState,
    su: &SpeakUp,
    row: &ConcernRow,
    now: i64,
    round: &mut Round,
) -> Result<(), AppError> {
    let chain = state.store.handlers_of(row.id).await?;
    let guardians = guardian_ids(state).await?;
    let due = row.due_kind.clone().unwrap_or_default();
    match next_handler(state, row, &chain).await? {
        Some(next) => {
            let level = row.escalation_level + 1;
            let category = Category::from_id(&row.category).unwrap_or(Category::Other);
            let status = Status::from_id(&row.status).unwrap_or(Status::Raised);
            let change = ConcernChange {
                handler_id: Some(next.id),
                add_handler: Some((next.id, level)),
                escalation_level: Some(level),
                clock_start: Some(now),
                due: Some(
                    pause_speakup::next_due(&su.config, category, status, row.feedback_given, now)
                        .map(|(k, t)| (k.id().to_string(), t)),
                ),
                overdue: Some(false),
                ..ConcernChange::default()
            };
            let event = NewEvent {
                at: now,
                actor: "system".into(),
                actor_id: None,
                kind: "escalated".into(),
                body_sealed: Some(su.keys.seal_str(
                    &super::cases::ctx(&row.seal_context, "concern.event"),
                    &format!(
                        "The deadline for the {} passed; the case now rests with {}.",
                        label(&due),
                        next.email
                    ),
                )),
                to_raiser: true,
            };
            let mut people = vec![next.id];
            people.extend(&guardians);
            let notify = notify_all(su, &people, "escalated", now);
            let entry = NewAudit {
                at: now,
                case_id: Some(row.id),
                actor: "system".into(),
                action: "escalate".into(),
                detail: format!("missed={due} level={level} handler=user:{}", next.id),
            };
            if state
                .store
                .change_concern(
                    row.id,
                    row.version,
                    &change,
                    Some(&event),
                    &notify,
                    &entry,
                    su,
                )
                .await?
            {
                round.escalated += 1;
            }
        }
        None => {
            let change = ConcernChange {
                overdue: Some(true),
                ..ConcernChange::default()
            };
            let notify = notify_all(su, &guardians, "overdue", now);
            let entry = NewAudit {
                at: now,
                case_id: Some(row.id),
                actor: "system".into(),
                action: "overdue".into(),
                detail: format!("missed={due} level={}", row.escalation_level),
            };
            if state
                .store
                .change_concern(row.id, row.version, &change, None, &notify, &entry, su)
                .await?
            {
                round.overdue += 1;
            }
        }
    }
    Ok(())
}

fn label(due: &str) -> &'static str {
    match due {
        "acknowledge" => "acknowledgement",
        "feedback" => "first feedback",
        _ => "outcome",
    }
}

/// One round of the background work at `now`.
///
/// # Errors
/// When the store fails (the round stops; the next one carries on).
pub async fn tick(state: &AppState, now: i64) -> Result<Round, AppError> {
    let su = speak_up(state)?.clone();
    let mut round = Round::default();
    // Only what is due is read: the index on due_at keeps a round cheap however many cases.
    for row in state.store.due_concerns(now).await? {
        escalate(state, &su, &row, now, &mut round).await?;
    }
    for row in state.store.closed_concerns().await? {
        if let Some(closed) = row.closed_at {
            let delete_at = su.config.calendar.overdue_at(closed, su.config.retention);
            // The warning comes `retention_warning` before the deletion.
            let warn_at = delete_at
                - (su
                    .config
                    .calendar
                    .overdue_at(closed, su.config.retention_warning)
                    - closed);
            if now >= delete_at {
                let entry = NewAudit {
                    at: now,
                    case_id: Some(row.id),
                    actor: "system".into(),
                    action: "delete".into(),
                    detail: format!("retention={} closed_at={closed}", su.config.retention),
                };
                if state
                    .store
                    .delete_concern(row.id, row.version, &entry, su.as_ref())
                    .await?
                {
                    round.deleted += 1;
                }
            } else if now >= warn_at && !row.retention_warned {
                let guardians = guardian_ids(state).await?;
                let change = ConcernChange {
                    retention_warned: Some(true),
                    ..ConcernChange::default()
                };
                let event = NewEvent {
                    at: now,
                    actor: "system".into(),
                    actor_id: None,
                    kind: "retention-warning".into(),
                    body_sealed: Some(su.keys.seal_str(
                        &super::cases::ctx(&row.seal_context, "concern.event"),
                        &format!("This closed case will be deleted on {} under the retention period of {}.", crate::pages::date(delete_at), su.config.retention),
                    )),
                    to_raiser: false,
                };
                let notify = notify_all(&su, &guardians, "retention-warning", now);
                let entry = NewAudit {
                    at: now,
                    case_id: Some(row.id),
                    actor: "system".into(),
                    action: "retention-warning".into(),
                    detail: format!("delete_at={delete_at}"),
                };
                if state
                    .store
                    .change_concern(
                        row.id,
                        row.version,
                        &change,
                        Some(&event),
                        &notify,
                        &entry,
                        su.as_ref(),
                    )
                    .await?
                {
                    round.retention_warnings += 1;
                }
            }
        }
    }
    if round.deleted > 0 {
        state.store.purge_deleted().await?;
    }
    send_mail(state, &su, now, &mut round).await?;
    Ok(round)
}

async fn send_mail(
    state: &AppState,
    su: &SpeakUp,
    now: i64,
    round: &mut Round,
) -> Result<(), AppError> {
    let Some(mailer) = &su.mailer else {
        return Ok(());
    };
    // A bounded batch per round, so one slow server cannot hold the round up for long.
    for _ in 0..50 {
        let Some(job) = state.store.claim_mail(now, 300).await? else {
            break;
        };
        match mailer.send_attention(&job.email).await {
            Ok(()) => {
                state.store.mail_sent(job.id, now).await?;
                round.mails_sent += 1;
            }
            Err(e) => {
                // Back off: 1, 2, 4 ... minutes.
                let wait = 60 * (1_i64 << job.attempts.clamp(0, 10));
                tracing::warn!(error = %e, attempt = job.attempts, "an e-mail could not be sent; it will be retried");
                state
                    .store
                    .mail_failed(job.id, &e.to_string(), now + wait)
                    .await?;
                round.mails_failed += 1;
            }
        }
    }
    Ok(())
}

/// Runs [`tick`] every `every` seconds on the state's clock, for as long as the server runs.
pub async fn run(state: AppState, every: std::time::Duration) {
    let mut timer = tokio::time::interval(every);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        match tick(&state, state.clock.now()).await {
            Ok(r) if r != Round::default() => tracing::info!(
                escalated = r.escalated,
                overdue = r.overdue,
                warned = r.retention_warnings,
                deleted = r.deleted,
                mails = r.mails_sent,
                mail_failures = r.mails_failed,
                "speak-up round"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "speak-up round failed"),
        }
    }
}
