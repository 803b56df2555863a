//! The organisation chart, for `admin`: who manages whom, who works in which service, who heads
//! it. Edited person by person, or replaced from a CSV file (`email,role,manager,service`), the
//! same file `pause org import` reads. A file with any error changes nothing.

use std::collections::HashMap;

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use pause_store::{OrgImported, OrgPerson, Role, Store};
use serde::Deserialize;

use crate::auth::{Authorised, RoleSet};
use crate::error::AppError;
use crate::pages::layout;
use crate::state::AppState;

/// Edit the org chart.
#[derive(Debug)]
pub struct Admins;
impl RoleSet for Admins {
    const ROLES: &'static [Role] = &[Role::Admin];
}

/// Checks an org chart file against the accounts already in `store` and writes it in one
/// transaction. Returns what was done, or every problem found (by line) with nothing written.
///
/// # Errors
/// The problems, one per line, or a store failure.
pub async fn import(
    store: &dyn Store,
    text: &str,
    now: i64,
    guardian_changes: GuardianChanges,
) -> Result<OrgImported, ImportError> {
    let users = store
        .list_users()
        .await
        .map_err(|e| ImportError::Store(e.into()))?;
    let by_id: HashMap<i64, String> = users.iter().map(|u| (u.id, u.email.clone())).collect();
    let existing: HashMap<String, Option<String>> = users
        .iter()
        .map(|u| {
            (
                u.email.clone(),
                u.manager_id.and_then(|m| by_id.get(&m).cloned()),
            )
        })
        .collect();
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
    let rows = pause_speakup::parse_org_csv(text, &roles, &existing)
        .map_err(|e| ImportError::Invalid(e.to_string()))?;
    if guardian_changes == GuardianChanges::Refused {
        // Whoever holds the guardian role reads every case: it is not given or taken on a page.
        let mut problems = Vec::new();
        for r in &rows {
            let was_guardian = users
                .iter()
                .any(|u| u.email == r.email && u.role == Role::SpeakUpGuardian);
            if r.role == Role::SpeakUpGuardian.id() || was_guardian {
                problems.push(format!(
                    "line {}: {}: the speak-up guardian role is given and taken only on the command line (`pause users add ... --role speak-up-guardian`, `pause org import`), not from this page",
                    r.line, r.email
                ));
            }
        }
        if !problems.is_empty() {
            return Err(ImportError::Invalid(problems.join("\n")));
        }
    }
    let people: Vec<OrgPerson> = rows
        .into_iter()
        .map(|r| OrgPerson {
            role: Role::from_id(&r.role).unwrap_or(Role::Staff),
            email: r.email,
            manager_email: r.manager,
            service: r.service,
        })
        .collect();
    store
        .import_org(&people, now)
        .await
        .map_err(|e| ImportError::Store(e.into()))
}

/// Whether an import may give or take the speak-up guardian role (the command line may; the
/// admin's page may not, or an admin could make themselves guardian and read every case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardianChanges {
    Allowed,
    Refused,
}

/// Records an org chart change in the speak-up audit log (when speaking up is on).
async fn audit_org(
    state: &AppState,
    who: i64,
    action: &str,
    detail: String,
) -> Result<(), AppError> {
    if let Some(su) = &state.speakup {
        state
            .store
            .append_audit(
                &[pause_store::NewAudit {
                    at: crate::now(),
                    case_id: None,
                    actor: format!("user:{who}"),
                    action: action.into(),
                    detail,
                }],
                su.as_ref(),
            )
            .await?;
    }
    Ok(())
}

/// Why an import did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems (one per line, naming the CSV line).
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Store(anyhow::Error),
}

fn org_page(
    who: &crate::auth::SignedIn,
    users: &[pause_store::User],
    services: &[pause_store::ServiceRow],
    message: Option<(&str, bool)>,
) -> Markup {
    let email_of = |id: Option<i64>| {
        id.and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| u.email.as_str())
            .unwrap_or("")
    };
    layout(
        "Organisation chart",
        Some(who),
        &[],
        &html! {
            h1 { "Organisation chart" }
            p.lede { "Concerns go to a person's line manager, escalate to that manager's manager and then to the head of the service. Keep this chart current." }
            @if let Some((m, ok)) = message { p class=(if ok { "notice" } else { "error" }) role="status" { @for line in m.lines() { (line) br; } } }
            h2 { "Import a CSV file" }
            p { "Columns " code { "email,role,manager,service" } " (a header row; other columns are ignored). People not yet in Pause are added without a password: " code { "pause users passwd" } " gives them one. A file with any problem changes nothing." }
            form method="post" action="/org/import" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(who.csrf());
                input type="file" name="file" accept=".csv,text/csv" required;
                button type="submit" { "Import" }
            }
            h2 { "Services" }
            table {
                thead { tr { th { "Service" } th { "Head" } } }
                tbody { @for s in services { tr { td { (s.name) } td { (email_of(s.head_id)) } } } }
            }
            h2 { "People" }
            table.org {
                thead { tr { th { "E-mail" } th { "Role" } th { "Line manager" } th { "Service" } th {} } }
                tbody {
                    @for u in users {
                        tr {
                            td { (u.email) }
                            td colspan="4" {
                                form.inline method="post" action=(format!("/org/{}", u.id)) {
                                    input type="hidden" name="csrf" value=(who.csrf());
                                    select name="role" aria-label="Role" {
                                        @for r in Role::ALL { option value=(r.id()) selected[r == u.role] { (r.id()) } }
                                    }
                                    select name="manager" aria-label="Line manager" {
                                        option value="" { "(none)" }
                                        @for m in users { @if m.id != u.id { option value=(m.id) selected[Some(m.id) == u.manager_id] { (m.email) } } }
                                    }
                                    input name="service" value=(u.service.as_deref().unwrap_or("")) aria-label="Service" maxlength="100";
                                    button.secondary type="submit" { "Save" }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `GET /org` (admin).
///
/// # Errors
/// 403 for anyone else.
pub async fn page(
    State(state): State<AppState>,
    who: Authorised<Admins>,
) -> Result<Markup, AppError> {
    let users = state.store.list_users().await?;
    let services = state.store.services().await?;
    Ok(org_page(&who, &users, &services, None))
}

/// `POST /org/import` (admin): a CSV file upload.
///
/// # Errors
/// 403 forged or not admin; problems in the file come back on the page (422).
pub async fn upload(
    State(state): State<AppState>,
    who: Authorised<Admins>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let mut csrf = String::new();
    let mut file = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("the upload could not be read: {e}")))?
    {
        match field.name() {
            Some("csrf") => {
                csrf = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?
            }
            Some("file") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?;
                file = Some(String::from_utf8(bytes.to_vec()).map_err(|e| {
                    AppError::Unprocessable(format!(
                        "the file is not UTF-8 text (byte {})",
                        e.utf8_error().valid_up_to()
                    ))
                })?);
            }
            _ => {}
        }
    }
    who.check_csrf(&csrf)?;
    let text = file.ok_or_else(|| AppError::Unprocessable("choose a CSV file to import".into()))?;
    let result = import(
        state.store.as_ref(),
        &text,
        crate::now(),
        GuardianChanges::Refused,
    )
    .await;
    if let Ok(done) = &result {
        audit_org(
            &state,
            who.user.id,
            "org-import",
            format!("added={} updated={}", done.added, done.updated),
        )
        .await?;
    }
    let users = state.store.list_users().await?;
    let services = state.store.services().await?;
    Ok(match result {
        Ok(done) => org_page(
            &who,
            &users,
            &services,
            Some((
                &format!("Imported: {} added, {} updated.", done.added, done.updated),
                true,
            )),
        )
        .into_response(),
        Err(ImportError::Invalid(m)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            org_page(
                &who,
                &users,
                &services,
                Some((&format!("Nothing was imported:\n{m}"), false)),
            ),
        )
            .into_response(),
        Err(ImportError::Store(e)) => return Err(AppError::Internal(e)),
    })
}

/// One person's place in the chart.
#[derive(Debug, Deserialize)]
pub struct EntryForm {
    csrf: String,
    role: String,
    #[serde(default)]
    manager: String,
    #[serde(default)]
    service: String,
}

/// `POST /org/{id}` (admin).
///
/// # Errors
/// 403 forged or not admin, 422 for an unknown role, a manager who is the person or would make
/// a loop.
pub async fn edit(
    State(state): State<AppState>,
    who: Authorised<Admins>,
    Path(id): Path<i64>,
    Form(form): Form<EntryForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    let role = Role::from_id(&form.role)
        .ok_or_else(|| AppError::Unprocessable(format!("`{}` is not a role", form.role)))?;
    let manager: Option<i64> = if form.manager.is_empty() {
        None
    } else {
        Some(
            form.manager
                .parse()
                .map_err(|_| AppError::Unprocessable("the manager is not an account".into()))?,
        )
    };
    if manager == Some(id) {
        return Err(AppError::Unprocessable(
            "nobody can be their own line manager".into(),
        ));
    }
    // No loops: walk up from the new manager.
    let users = state.store.list_users().await?;
    let mut cur = manager;
    let mut steps = 0;
    while let Some(m) = cur {
        if m == id {
            return Err(AppError::Unprocessable("that manager reports (directly or not) to this person: the chart would go round in a circle".into()));
        }
        steps += 1;
        if steps > users.len() {
            break;
        }
        cur = users.iter().find(|u| u.id == m).and_then(|u| u.manager_id);
    }
    if id == who.user.id {
        return Err(AppError::Unprocessable(
            "another admin changes your own place in the chart".into(),
        ));
    }
    let was = users
        .iter()
        .find(|u| u.id == id)
        .ok_or(AppError::NotFound)?;
    if (role == Role::SpeakUpGuardian) != (was.role == Role::SpeakUpGuardian) {
        return Err(AppError::Unprocessable(
            "the speak-up guardian role is given and taken only on the command line (`pause users add ... --role speak-up-guardian`), not from this page: whoever holds it reads every case".into(),
        ));
    }
    let service = Some(form.service.trim()).filter(|s| !s.is_empty());
    state
        .store
        .set_org_entry(id, role, manager, service)
        .await?;
    audit_org(
        &state,
        who.user.id,
        "org-edit",
        format!(
            "user={id} role={} manager={} service={}",
            role.id(),
            manager.map_or_else(|| "-".to_string(), |m| m.to_string()),
            service.unwrap_or("-")
        ),
    )
    .await?;
    Ok(Redirect::to("/org"))
}
