//! The organisation's policy (comms, admin): edit, validate, version, export and import.
//!
//! Every save is a new version with who and when; the newest is in force on every instance
//! from the next request (see [`crate::engines`]). Export and import use the TOML that
//! `pause check --policy` reads. A failed save changes nothing and keeps what was typed.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use pause_core::{Category, Engine, Policy, Severity, RULES};
use serde::Deserialize;

use crate::auth::{Authorised, Editors, SignedIn};
use crate::error::AppError;
use crate::pages::{layout, when};
use crate::state::AppState;

const MAX_ITEMS: usize = 1000;
const MAX_ITEM_CHARS: usize = 200;

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// The policy in force: (version id or 0, TOML text, policy).
pub(crate) async fn in_force(state: &AppState) -> Result<(i64, String, Policy), AppError> {
    let loaded = state.engines.current().await?;
    let text = match loaded.version {
        Some(id) => state
            .store
            .policy_version(id)
            .await?
            .map(|v| v.policy_toml)
            .unwrap_or_default(),
        None => loaded.policy.to_toml(),
    };
    Ok((loaded.version.unwrap_or(0), text, loaded.policy.clone()))
}

fn setting_value(policy: &Policy, key: &str) -> &'static str {
    match policy.rules.get(key) {
        Some(s) if s.enabled == Some(false) => "off",
        Some(s) => s.severity.map_or("default", Severity::id),
        None => "default",
    }
}

fn select(key: &str, current: &str, default_label: &str) -> Markup {
    let name = format!("setting:{key}");
    html! {
        select name=(name) aria-label=(format!("Setting for {key}")) {
            @for (value, label) in [("default", default_label), ("off", "off"), ("low", "low"), ("medium", "medium"), ("high", "high")] {
                option value=(value) selected[current == value] { (label) }
            }
        }
    }
}

fn lines(items: &[String]) -> String {
    items.join("\n")
}

/// The editing form, filled from `policy` (the one in force, or what was just typed).
#[allow(clippy::too_many_arguments)] // one page, shown from three handlers in three states
fn editor(
    who: &SignedIn,
    base: i64,
    policy: &Policy,
    note: &str,
    errors: &[String],
    notice: Option<&str>,
    history: &[pause_store::PolicyVersion],
    import_text: &str,
) -> Markup {
    let org = &policy.organisation;
    let content = html! {
        h1 { "Organisation policy" }
        p.lede {
            @if base == 0 { "No policy saved yet: Pause is using its built-in defaults." }
            @else { "Version " (base) " is in force on every instance." }
            " " a href="/policy/export" download { "Export as TOML" }
        }
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        @if !errors.is_empty() {
            div.error role="alert" {
                p { "Nothing was saved:" }
                ul { @for e in errors { li { (e) } } }
            }
        }
        form #policy-form method="post" action="/policy" {
            input type="hidden" name="csrf" value=(who.csrf());
            input type="hidden" name="base" value=(base);
            fieldset {
                legend { "The organisation" }
                label for="name" { "Name" }
                input #name type="text" name="name" value=(org.name) maxlength="200";
                div.grid2 {
                    div {
                        label for="aliases" { "Other names " span.hint { "(one per line)" } }
                        textarea #aliases name="aliases" rows="4" { (lines(&org.aliases)) }
                    }
                    div {
                        label for="handles" { "Social-media handles " span.hint { "(one per line)" } }
                        textarea #handles name="handles" rows="4" { (lines(&org.handles)) }
                    }
                    div {
                        label for="public_contacts" { "Public phone numbers and e-mail addresses " span.hint { "(never flagged)" } }
                        textarea #public_contacts name="public_contacts" rows="4" { (lines(&org.public_contacts)) }
                    }
                    div {
                        label for="suppliers" { "Suppliers " span.hint { "(accusations against them are defamation risks)" } }
                        textarea #suppliers name="suppliers" rows="4" { (lines(&policy.suppliers.names)) }
                    }
                }
                label for="confidential" { "Confidential terms " span.hint { "(codenames, unannounced projects; one per line)" } }
                textarea #confidential name="confidential" rows="3" { (lines(&policy.confidential.terms)) }
            }
            fieldset {
                legend { "Rule settings" }
                p.hint { "Turn a whole category or a single rule off, or change how strongly it nudges. Only medium and high findings make the verdict \"pause\"." }
                div.table-wrap {
                    table {
                        thead { tr { th { "Category or rule" } th { "Default" } th { "Setting" } } }
                        tbody {
                            @for c in Category::ALL {
                                tr {
                                    th { (c.title()) " " code { (c.id()) } }
                                    th { "" }
                                    th { (select(c.id(), setting_value(policy, c.id()), "as each rule says")) }
                                }
                                @for r in RULES.iter().filter(|r| r.category == c) {
                                    tr {
                                        td { code { (r.id) } }
                                        td { (r.severity.id()) }
                                        td { (select(r.id, setting_value(policy, r.id), "default")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            label for="note" { "What changed and why " span.hint { "(kept with the version)" } }
            input #note type="text" name="note" value=(note) maxlength="500";
            button type="submit" { "Save a new version" }
        }
        h2 { "Import" }
        form method="post" action="/policy/import" {
            input type="hidden" name="csrf" value=(who.csrf());
            label for="toml" { "Paste a policy file (the TOML that " code { "pause check --policy" } " reads)" }
            textarea #toml name="toml" rows="8" spellcheck="false" { (import_text) }
            label for="import-note" { "Note" }
            input #import-note type="text" name="note" maxlength="500";
            button type="submit" { "Import as a new version" }
        }
        form #policy-upload method="post" action="/policy/import" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(who.csrf());
            label for="policy-file" { "Or upload a policy file (" code { ".toml" } ", up to 64 KB)" }
            input #policy-file type="file" name="file" accept=".toml,text/plain" required;
            label for="upload-note" { "Note" }
            input #upload-note type="text" name="note" maxlength="500";
            button type="submit" { "Upload as a new version" }
        }
        h2 { "History" }
        @if history.is_empty() { p.muted { "No versions yet." } } @else {
            div.table-wrap { table {
                thead { tr { th { "Version" } th { "Saved" } th { "By" } th { "Note" } } }
                tbody { @for v in history { tr {
                    td { a href=(format!("/policy/versions/{}", v.id)) { (v.id) } }
                    td { (when(v.created_at)) }
                    td { (v.created_by_email) }
                    td { (v.note) }
                } } }
            } }
        }
    };
    layout("Policy", Some(who), &[], &content)
}

/// `GET /policy`.
///
/// # Errors
/// 403 unless comms or admin.
pub async fn page(
    State(state): State<AppState>,
    who: Authorised<Editors>,
    Query(q): Query<SavedQuery>,
) -> Result<Markup, AppError> {
    let (base, _, policy) = in_force(&state).await?;
    let history = state.store.policy_history(50).await?;
    let notice = q.saved.map(|s| {
        if s == "unchanged" {
            "Nothing had changed, so no new version was saved.".to_string()
        } else {
            format!("Saved as version {s}. Every instance uses it from now on.")
        }
    });
    Ok(editor(
        &who,
        base,
        &policy,
        "",
        &[],
        notice.as_deref(),
        &history,
        "",
    ))
}

fn list_field(name: &str, label: &str, value: &str, errors: &mut Vec<String>) -> Vec<String> {
    let items: Vec<String> = value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if items.len() > MAX_ITEMS {
        errors.push(format!("{label}: at most {MAX_ITEMS} entries"));
    }
    for item in &items {
        if item.chars().count() > MAX_ITEM_CHARS {
            errors.push(format!(
                "{label}: `{}…` is longer than {MAX_ITEM_CHARS} characters",
                item.chars().take(30).collect::<String>()
            ));
        }
    }
    let _ = name;
    items
}

/// Reads the form into a policy; errors name the field.
fn policy_from_form(fields: &[(String, String)]) -> (Policy, i64, String, Vec<String>) {
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut errors = Vec::new();
    let mut policy = Policy::default();
    let name = get("name").trim().to_string();
    if name.chars().count() > MAX_ITEM_CHARS {
        errors.push(format!("Name: at most {MAX_ITEM_CHARS} characters"));
    }
    policy.organisation.name = name;
    policy.organisation.aliases = list_field("aliases", "Other names", get("aliases"), &mut errors);
    policy.organisation.handles = list_field("handles", "Handles", get("handles"), &mut errors);
    policy.organisation.public_contacts = list_field(
        "public_contacts",
        "Public contacts",
        get("public_contacts"),
        &mut errors,
    );
    policy.suppliers.names = list_field("suppliers", "Suppliers", get("suppliers"), &mut errors);
    policy.confidential.terms = list_field(
        "confidential",
        "Confidential terms",
        get("confidential"),
        &mut errors,
    );
    let mut rules = BTreeMap::new();
    for (k, v) in fields {
        let Some(key) = k.strip_prefix("setting:") else {
            continue;
        };
        if pause_core::rules::find(key).is_none() && Category::from_id(key).is_none() {
            errors.push(format!("Rule settings: no rule or category named `{key}`"));
            continue;
        }
        let setting = match v.as_str() {
            "default" => continue,
            "off" => pause_core::policy::RuleSetting {
                enabled: Some(false),
                severity: None,
            },
            level => match Severity::from_id(level) {
                Some(s) => pause_core::policy::RuleSetting {
                    enabled: None,
                    severity: Some(s),
                },
                None => {
                    errors.push(format!(
                        "Rule settings: `{level}` is not a setting for `{key}`"
                    ));
                    continue;
                }
            },
        };
        rules.insert(key.to_string(), setting);
    }
    policy.rules = rules;
    let base = get("base").parse().unwrap_or(-1);
    (policy, base, get("note").trim().to_string(), errors)
}

/// Checks a policy fully: it must survive a TOML round trip and build an engine.
async fn validate(policy: &Policy) -> Result<String, String> {
    let text = policy.to_toml();
    let reparsed = Policy::from_toml(&text).map_err(|e| e.to_string())?;
    if &reparsed != policy {
        return Err("the policy does not survive being written as TOML".into());
    }
    tokio::task::spawn_blocking(move || Engine::new(&reparsed).map(|_| ()))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    Ok(text)
}

fn check_note(note: &str, errors: &mut Vec<String>) {
    if note.chars().count() > 500 {
        errors.push("Note: at most 500 characters".into());
    }
}

/// `POST /policy`: saves the form as a new version.
///
/// # Errors
/// 403 unless comms or admin, or with a forged form; invalid input re-shows the form (422), a
/// save based on an old version is refused (409).
pub async fn save(
    State(state): State<AppState>,
    who: Authorised<Editors>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map_or("", |(_, v)| v.as_str());
    who.check_csrf(csrf)?;
    let (policy, base, note, mut errors) = policy_from_form(&fields);
    check_note(&note, &mut errors);
    let (current, _, current_policy) = in_force(&state).await?;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() && base != current {
        status = StatusCode::CONFLICT;
        errors.push(format!(
            "Someone saved version {current} while you were editing (you started from version {base}). Your changes are below: reload the page to see theirs, then apply yours again."
        ));
    }
    if errors.is_empty() && policy == current_policy {
        return Ok(Redirect::to("/policy?saved=unchanged").into_response());
    }
    let text = if errors.is_empty() {
        match validate(&policy).await {
            Ok(text) => Some(text),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    } else {
        None
    };
    let Some(text) = text else {
        let history = state.store.policy_history(50).await?;
        let page = editor(&who, base, &policy, &note, &errors, None, &history, "");
        return Ok((status, page).into_response());
    };
    let id = state
        .store
        .save_policy(&text, &who.user, crate::now(), &note)
        .await?;
    tracing::info!(version = id, user = who.user.id, "policy saved");
    Ok(Redirect::to(&format!("/policy?saved={id}")).into_response())
}

#[derive(Deserialize)]
pub struct ImportForm {
    csrf: String,
    toml: String,
    #[serde(default)]
    note: String,
}

/// The upload form's fields (`csrf`, `note`, `file`) as an [`ImportForm`].
async fn uploaded(mut parts: Multipart) -> Result<ImportForm, AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest(format!("the upload could not be read: {}", e.body_text()))
        }
    };
    let mut form = ImportForm {
        csrf: String::new(),
        toml: String::new(),
        note: String::new(),
    };
    let mut file = None;
    while let Some(field) = parts.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(bad)?;
        let text = || {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| AppError::BadRequest(format!("field `{name}` is not UTF-8 text")))
        };
        match name.as_str() {
            "csrf" => form.csrf = text()?,
            "note" => form.note = text()?,
            "file" | "toml" => file = Some(text()?),
            _ => {}
        }
    }
    form.toml = file
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| AppError::BadRequest("choose a policy file to upload".into()))?;
    Ok(form)
}

/// `POST /policy/import`: a TOML policy file as a new version (kept as written, comments too).
///
/// # Errors
/// 403 unless comms or admin or with a forged form; a file that does not parse re-shows the
/// page with the line and column (422) and changes nothing.
pub async fn import(
    State(state): State<AppState>,
    who: Authorised<Editors>,
    req: Request,
) -> Result<Response, AppError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let form = if multipart {
        let parts = Multipart::from_request(req, &state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        uploaded(parts).await?
    } else {
        Form::<ImportForm>::from_request(req, &state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?
            .0
    };
    who.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    check_note(&form.note, &mut errors);
    let parsed = match Policy::from_toml(&form.toml) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(format!("The policy file does not parse: {e}"));
            None
        }
    };
    if let Some(p) = &parsed {
        if let Err(e) = validate(p).await {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        let (base, _, policy) = in_force(&state).await?;
        let history = state.store.policy_history(50).await?;
        let page = editor(&who, base, &policy, "", &errors, None, &history, &form.toml);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let note = if form.note.trim().is_empty() {
        "imported from a TOML file".to_string()
    } else {
        form.note.trim().to_string()
    };
    let id = state
        .store
        .save_policy(&form.toml, &who.user, crate::now(), &note)
        .await?;
    tracing::info!(version = id, user = who.user.id, "policy imported");
    Ok(Redirect::to(&format!("/policy?saved={id}")).into_response())
}

/// `GET /policy/export`: the policy in force as a TOML file.
///
/// # Errors
/// 403 unless comms or admin.
pub async fn export(
    State(state): State<AppState>,
    _who: Authorised<Editors>,
) -> Result<Response, AppError> {
    let (id, text, _) = in_force(&state).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"pause-policy-v{id}.toml\""),
            ),
        ],
        text,
    )
        .into_response())
}

/// A line diff (longest common subsequence): (kind, line) with kind `' '`, `'+'` or `'-'`.
fn diff<'a>(old: &'a str, new: &'a str) -> Vec<(char, &'a str)> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(('+', b[j]));
            j += 1;
        } else {
            out.push(('-', a[i]));
            i += 1;
        }
    }
    out
}

/// `GET /policy/versions/{id}`: one version, who saved it and when, and what changed.
///
/// # Errors
/// 403 unless comms or admin; 404 for an unknown version.
pub async fn version(
    State(state): State<AppState>,
    who: Authorised<Editors>,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let v = state
        .store
        .policy_version(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = state.store.policy_history(1000).await?;
    let previous_id = history.iter().map(|h| h.id).filter(|&h| h < id).max();
    let previous = match previous_id {
        Some(p) => state
            .store
            .policy_version(p)
            .await?
            .map(|p| p.policy_toml)
            .unwrap_or_default(),
        None => Policy::default().to_toml(),
    };
    let changes = diff(&previous, &v.policy_toml);
    let content = html! {
        h1 { "Policy version " (v.id) }
        p { "Saved " (when(v.created_at)) " by " (v.created_by_email) "." }
        @if !v.note.is_empty() { p { "Note: " (v.note) } }
        h2 { "What changed" @if let Some(p) = previous_id { " since version " (p) } @else { " from the built-in defaults" } }
        pre.toml { @for (kind, line) in &changes {
            @match kind {
                '+' => span.diff-add { "+ " (line) },
                '-' => span.diff-del { "- " (line) },
                _ => { "  " (line) "\n" },
            }
        } }
        h2 { "The whole file" }
        pre.toml { (v.policy_toml) }
        p { a href="/policy" { "Back to the policy" } }
    };
    Ok(layout(
        &format!("Policy version {id}"),
        Some(&who),
        &[],
        &content,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_added_and_removed_lines() {
        let d = diff("a\nb\nc\n", "a\nc\nd\n");
        assert_eq!(d, vec![(' ', "a"), ('-', "b"), (' ', "c"), ('+', "d")]);
    }

    #[test]
    fn the_form_round_trips_a_policy() {
        let fields: Vec<(String, String)> = [
            ("name", "Metropolis NHS Trust"),
            ("aliases", "MGH\n\n Metropolis General \n"),
            ("handles", "@MetropolisNHS"),
            ("public_contacts", "0161 496 0000"),
            ("suppliers", "MediSupply Ltd"),
            ("confidential", "Project Falcon"),
            ("setting:late-night", "off"),
            ("setting:defamation", "high"),
            ("setting:nhs-number", "default"),
            ("base", "3"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
        let (p, base, _, errors) = policy_from_form(&fields);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(base, 3);
        assert_eq!(p.organisation.aliases, vec!["MGH", "Metropolis General"]);
        assert_eq!(p.rules["late-night"].enabled, Some(false));
        assert_eq!(p.rules["defamation"].severity, Some(Severity::High));
        assert!(!p.rules.contains_key("nhs-number"));
        assert_eq!(Policy::from_toml(&p.to_toml()).unwrap(), p);
    }

    #[test]
    fn unknown_settings_are_errors() {
        let fields = vec![("setting:no-such-rule".to_string(), "off".to_string())];
        let (_, _, _, errors) = policy_from_form(&fields);
        assert_eq!(errors.len(), 1);
    }
}
