//! Speak up, as pages and as JSON: raise a concern, follow it (signed in, or anonymously with a
//! receipt code and passphrase), handle it, and see notifications.
//!
//! Every decision about who may do what is in [`crate::speakup::cases`]; these handlers only
//! read requests and render answers.

use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use pause_speakup::{Category, Status, Transition};
use pause_store::{ConcernRow, Role};
use serde::Deserialize;

use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::AppError;
use crate::handlers::api::ApiJson;
use crate::pages::{date, layout, when};
use crate::speakup::cases::{
    self, CaseView, Note, Part, RaiseRequest, Raised, Viewer, IDENTITIES, RECIPIENTS,
};
use crate::speakup::files;
use crate::state::AppState;

/// The header carrying an anonymous raiser's passphrase.
pub const PASSPHRASE_HEADER: &str = "pause-passphrase";

fn csrf_header(who: &SignedIn, headers: &HeaderMap) -> Result<(), AppError> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    who.check_csrf(token)
}

// ---------------------------------------------------------------------------------------------
// JSON API

/// `POST /api/v1/concerns`: raise a concern (signed in with `X-CSRF-Token`, or anonymously
/// without signing in).
///
/// # Errors
/// 401 for open or confidential without a session, 403 without the CSRF token, 422 for fields
/// that do not fit (named).
pub async fn api_raise(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<RaiseRequest>,
) -> Result<Response, AppError> {
    if let Some(who) = &who {
        csrf_header(who, &headers)?;
    }
    limit_anonymous(&state, &req.identity, peer, state.clock.now())?;
    let raised = cases::raise(
        &state,
        who.as_ref().map(|w| &w.user),
        &req,
        state.clock.now(),
    )
    .await?;
    let status = if raised.repeat {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, axum::Json(raised)).into_response())
}

/// Anonymous concerns allowed per address per 15 minutes (counted in memory only).
const ANONYMOUS_RAISES_PER_ADDRESS: u32 = 10;

fn limit_anonymous(
    state: &AppState,
    identity: &str,
    peer: std::net::SocketAddr,
    now: i64,
) -> Result<(), AppError> {
    if identity == "anonymous" {
        if state.anonymous_raises.count(peer.ip(), now) >= ANONYMOUS_RAISES_PER_ADDRESS {
            return Err(AppError::TooManyRequests(15));
        }
        state.anonymous_raises.hit(peer.ip(), now);
    }
    Ok(())
}

fn passphrase(headers: &HeaderMap) -> String {
    headers
        .get(PASSPHRASE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn timeline_json(view: &CaseView) -> serde_json::Value {
    serde_json::json!({
        "id": view.row.id,
        "category": view.category.id(),
        "status": view.status.id(),
        "raised_on": date(view.row.raised_at),
        "handler": view.current_handler,
        "outcome": view.outcome,
        "timeline": view.timeline,
    })
}

/// `GET /api/v1/concerns/receipt/{receipt}` with the passphrase in `Pause-Passphrase`: an
/// anonymous raiser's view of their case (status, messages, actions, outcome).
///
/// # Errors
/// 404 for a wrong code or passphrase (the same either way), 429 after too many.
pub async fn api_receipt(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Path(receipt): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let row = cases::by_receipt(
        &state,
        &receipt,
        &passphrase(&headers),
        Some(peer.ip()),
        now,
    )
    .await?;
    let view = cases::view(&state, &Viewer::Receipt, row, Part::AnonymousRaiser, now).await?;
    Ok(axum::Json(timeline_json(&view)).into_response())
}

/// A message body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    pub text: String,
}

/// `POST /api/v1/concerns/receipt/{receipt}/messages`: an anonymous raiser writes to the
/// handler.
///
/// # Errors
/// As the receipt look-up, and 422 for an empty or oversized message or a closed case.
pub async fn api_receipt_message(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Path(receipt): Path<String>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<MessageRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let row = cases::by_receipt(
        &state,
        &receipt,
        &passphrase(&headers),
        Some(peer.ip()),
        now,
    )
    .await?;
    cases::write(
        &state,
        &Viewer::Receipt,
        row,
        Part::AnonymousRaiser,
        Note::Message,
        &req.text,
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ---------------------------------------------------------------------------------------------
// Pages

fn status_badge(row: &ConcernRow, now: i64) -> Markup {
    let status = Status::from_id(&row.status).map_or(row.status.as_str(), |s| s.label());
    let late = row.overdue || row.due_at.is_some_and(|t| t <= now);
    html! {
        span class=(format!("status status-{}", row.status)) { (status) }
        @if late && row.status != "closed" { " " span.overdue { "overdue" } }
    }
}

fn category_label(id: &str) -> &str {
    Category::from_id(id).map_or(id, |c| c.label())
}

/// `GET /speak-up`: what speaking up is, and the ways in (open to everyone, so that someone
/// without an account, or who would rather not sign in, can raise anonymously).
pub async fn landing(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
) -> Result<Markup, AppError> {
    let lists = match &who {
        Some(w) if state.speakup.is_some() => Some(cases::lists(&state, &w.user).await?),
        _ => None,
    };
    let now = state.clock.now();
    Ok(layout(
        "Speak up",
        who.as_ref(),
        &[],
        &html! {
            h1 { "Speak up" }
            p.lede { "If something worries you about patient safety, staffing, how people are treated or how things are done, say it here, inside the organisation, where it can be put right. You do not need proof, only a reasonable concern. Speaking up is protected: nobody may treat you worse for it." }
            @if state.speakup.is_none() {
                p.error { "Speaking up is not set up on this service yet. Until it is, talk to your line manager or your Freedom to Speak Up guardian." }
            } @else {
                div.actions {
                    a.button href="/concerns/new" { "Raise a concern" }
                    a.button.secondary href="/concerns/follow" { "Follow an anonymous concern" }
                }
                ul {
                    li { strong { "Open" } ": your name is shown to everyone handling it." }
                    li { strong { "Confidential" } ": only the person you send it to and the speak-up guardian know it was you; nobody else is told without your consent." }
                    li { strong { "Anonymous" } ": nobody can tell it was you. You get a receipt code and choose a passphrase, and use them to follow the case and talk to the handler. Pause keeps no address, browser detail or time of day for anonymous concerns." }
                }
                @if let Some((mine, handled)) = lists {
                    h2 { "Concerns you raised" }
                    (case_table(&mine, now, false))
                    @if !handled.is_empty() || who.as_ref().is_some_and(|w| w.user.role != Role::Staff) {
                        h2 { @if who.as_ref().is_some_and(|w| w.user.role == Role::SpeakUpGuardian) { "Every case" } @else { "Concerns you handle" } }
                        (case_table(&handled, now, true))
                    }
                }
            }
        },
    ))
}

fn case_table(rows: &[ConcernRow], now: i64, handling: bool) -> Markup {
    html! {
        @if rows.is_empty() {
            p.fine { "None." }
        } @else {
            table.cases {
                thead { tr { th { "Case" } th { "Raised" } th { "Category" } th { "Status" } @if handling { th { "Next deadline" } } } }
                tbody {
                    @for r in rows {
                        tr {
                            td { a href=(format!("/concerns/{}", r.id)) { "#" (r.id) } }
                            td { (date(r.raised_at)) }
                            td { (category_label(&r.category)) }
                            td { (status_badge(r, now)) }
                            @if handling {
                                td { @if let (Some(k), Some(t)) = (&r.due_kind, r.due_at) { (k) " by " (when(t)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The raise form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct RaiseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    identity: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    recipient_id: String,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    passphrase_again: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    submission: String,
}

async fn raise_form(
    state: &AppState,
    who: Option<&SignedIn>,
    values: &RaiseForm,
    error: Option<&str>,
) -> Result<Markup, AppError> {
    let seniors = cases::senior_managers(state).await?;
    let submission = if values.submission.is_empty() {
        crate::auth::random_token()
    } else {
        values.submission.clone()
    };
    let identity = if values.identity.is_empty() {
        if who.is_some() {
            "confidential"
        } else {
            "anonymous"
        }
    } else {
        values.identity.as_str()
    };
    let recipient = if values.recipient.is_empty() {
        if who.is_some() {
            "line-manager"
        } else {
            "guardian"
        }
    } else {
        values.recipient.as_str()
    };
    Ok(layout(
        "Raise a concern",
        who,
        &["concern.js"],
        &html! {
            h1 { "Raise a concern" }
            p.lede { "Say what you have seen or what worries you, and who should deal with it. Leave out patients' names and other details that identify them: the handler will ask if they need more." }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form.raise method="post" action="/concerns/new" {
                @if let Some(w) = who { input type="hidden" name="csrf" value=(w.csrf()); }
                input type="hidden" name="submission" value=(submission);
                label for="category" { "What is it about?" }
                select #category name="category" {
                    @for c in Category::ALL {
                        option value=(c.id()) selected[values.category == c.id()] { (c.label()) }
                    }
                }
                label for="text" { "Your concern" }
                textarea #text name="text" rows="8" required maxlength="20000" { (values.text) }
                fieldset {
                    legend { "How should you be known?" }
                    @for (id, label) in IDENTITIES {
                        @let disabled = who.is_none() && id != "anonymous";
                        label.choice {
                            input type="radio" name="identity" value=(id) checked[identity == id] disabled[disabled];
                            " " (label)
                            @if disabled { " (sign in first)" }
                        }
                    }
                }
                div #named hidden[identity == "anonymous"] {
                    label for="name" { "Your name, as the handler will see it" }
                    input #name name="name" value=(values.name) maxlength="200" autocomplete="name";
                }
                div #anonymous hidden[identity != "anonymous"] {
                    p { "Choose a passphrase of at least " (cases::MIN_PASSPHRASE) " characters. With the receipt code you will be given, it lets you follow the case and talk to the handler. Nobody can recover it for you." }
                    label for="passphrase" { "Passphrase" }
                    input #passphrase type="password" name="passphrase" autocomplete="new-password" minlength=(cases::MIN_PASSPHRASE);
                    label for="passphrase_again" { "Passphrase again" }
                    input #passphrase_again type="password" name="passphrase_again" autocomplete="new-password";
                }
                fieldset {
                    legend { "Who should receive it?" }
                    @for (id, label) in RECIPIENTS {
                        @let disabled = who.is_none() && id == "line-manager";
                        label.choice {
                            input type="radio" name="recipient" value=(id) checked[recipient == id] disabled[disabled];
                            " " (label)
                            @if disabled { " (sign in so Pause knows who that is)" }
                        }
                    }
                    label for="recipient_id" { "Which senior manager (for \"another senior manager\")" }
                    select #recipient_id name="recipient_id" {
                        option value="" { @if who.is_some() { "Your manager's manager, or the head of your service" } @else { "Choose one" } }
                        @for u in &seniors {
                            option value=(u.id) selected[values.recipient_id == u.id.to_string()] {
                                (u.email) @if let Some(s) = &u.service { " (" (s) ")" }
                            }
                        }
                    }
                }
                p.small { "If the person you choose does not answer in time, the concern goes up to their manager and then to the head of service, and the speak-up guardian sees every late case." }
                button type="submit" { "Send the concern" }
            }
        },
    ))
}

/// `GET /concerns/new`: the raise form (the compose page and the browser extension pass a
/// redacted draft in the URL's fragment, which never reaches the server; `concern.js` fills it
/// in and clears the fragment).
pub async fn new_page(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
) -> Result<Markup, AppError> {
    cases::speak_up(&state)?;
    raise_form(&state, who.as_ref(), &RaiseForm::default(), None).await
}

/// `POST /concerns/new`.
///
/// # Errors
/// 403 with a forged form when signed in; problems with the fields come back on the form.
pub async fn new_submit(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Form(form): Form<RaiseForm>,
) -> Result<Response, AppError> {
    if let Some(w) = &who {
        w.check_csrf(&form.csrf)?;
    }
    limit_anonymous(&state, &form.identity, peer, state.clock.now())?;
    let anonymous = form.identity == "anonymous";
    if anonymous && form.passphrase != form.passphrase_again {
        return Ok(raise_form(
            &state,
            who.as_ref(),
            &form,
            Some("The two passphrases differ."),
        )
        .await?
        .into_response());
    }
    let req = RaiseRequest {
        category: form.category.clone(),
        text: form.text.clone(),
        identity: form.identity.clone(),
        recipient: form.recipient.clone(),
        recipient_id: form.recipient_id.parse().ok(),
        passphrase: anonymous.then(|| form.passphrase.clone()),
        name: (!anonymous).then(|| form.name.clone()),
        submission: Some(form.submission.clone()).filter(|s| !s.is_empty()),
    };
    match cases::raise(
        &state,
        who.as_ref().map(|w| &w.user),
        &req,
        state.clock.now(),
    )
    .await
    {
        Ok(raised) => Ok(raised_page(who.as_ref(), &raised).into_response()),
        Err(AppError::Unprocessable(message)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            raise_form(&state, who.as_ref(), &form, Some(&message)).await?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

fn raised_page(who: Option<&SignedIn>, raised: &Raised) -> Markup {
    layout(
        "Concern raised",
        who,
        &[],
        &html! {
            h1 { "Thank you for speaking up" }
            @if let Some(receipt) = &raised.receipt {
                p.lede { "Your concern has been sent anonymously. Keep this receipt code somewhere safe: with your passphrase it is the only way to follow the case. Pause cannot show it again." }
                p.receipt { code #receipt { (receipt) } }
                p { a.button href="/concerns/follow" { "Follow the case" } }
            } @else {
                p.lede { "Your concern (case #" (raised.id) ") has been sent. You will see here when it is acknowledged, what is being done, and the outcome." }
                p { a.button href=(format!("/concerns/{}", raised.id)) { "See the case" } }
            }
        },
    )
}

/// `GET /concerns/{id}`: a case, as the viewer may see it.
///
/// # Errors
/// 404 when the viewer has no part in it.
pub async fn case_page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
) -> Result<Markup, AppError> {
    let viewer = Viewer::Person(who.user.clone());
    let now = state.clock.now();
    let (row, part) = cases::open_case(&state, &viewer, id).await?;
    state.store.mark_read(who.user.id, Some(id), now).await?;
    let view = cases::view(&state, &viewer, row, part, now).await?;
    Ok(layout(
        &format!("Case #{id}"),
        Some(&who),
        &[],
        &case_body(&view, Some(&who), None, now),
    ))
}

/// The receipt and passphrase, carried in the anonymous raiser's forms (never in a cookie).
#[derive(Debug, Default, Deserialize)]
pub struct ReceiptForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    what: String,
}

#[allow(clippy::too_many_lines)]
fn case_body(
    view: &CaseView,
    who: Option<&SignedIn>,
    anon: Option<&ReceiptForm>,
    now: i64,
) -> Markup {
    let id = view.row.id;
    let csrf = who.map(SignedIn::csrf).unwrap_or_default();
    let hidden = |what: &str| {
        html! {
            @if let Some(a) = anon {
                input type="hidden" name="receipt" value=(a.receipt);
                input type="hidden" name="passphrase" value=(a.passphrase);
                input type="hidden" name="what" value=(what);
            } @else {
                input type="hidden" name="csrf" value=(csrf);
            }
        }
    };
    let write_to = if anon.is_some() {
        "/concerns/follow/write".to_string()
    } else {
        format!("/concerns/{id}/write")
    };
    html! {
        h1 { "Case #" (id) ": " (view.category.label()) }
        p.meta {
            (status_badge(&view.row, now))
            " · raised " (date(view.row.raised_at))
            @if let Some(h) = &view.current_handler { " · with " (h) }
            @if let Some((k, t)) = view.due { " · " (k.label()) " due by " (when(t)) }
        }
        @match view.part {
            Part::Raiser | Part::AnonymousRaiser => {
                p { "You raised this concern. Everything written to you and everything done about it appears below." }
            }
            _ => {
                p.meta {
                    "Raised by: "
                    @match &view.raiser {
                        Some(r) => { strong { (r.name) } @if r.name != r.email { " (" (r.email) ")" } }
                        None => @if view.row.identity == "anonymous" { "an anonymous member of staff" } @else { "a member of staff who asked for confidentiality (their name is not shown to you)" }
                    }
                    " · " (view.row.identity)
                }
            }
        }
        section.concern-text {
            h2 { "The concern" }
            blockquote { @for line in view.text.lines() { (line) br; } }
        }
        @if let Some(outcome) = &view.outcome {
            section.outcome {
                h2 { "Outcome" }
                blockquote { @for line in outcome.lines() { (line) br; } }
            }
        }
        section.timeline {
            h2 { "What has happened" }
            ol.timeline {
                @for item in &view.timeline {
                    li class=(format!("event event-{}", item.kind)) {
                        @let day_only = view.row.identity == "anonymous" && item.kind != "escalated" && (item.who == "You" || item.who == "Anonymous raiser");
                        p.head { span.when { @if day_only { (date(item.at)) } @else { (when(item.at)) } } " · " strong { (item.who) } " · " (event_label(&item.kind)) @if !item.to_raiser { " (internal)" } }
                        @if let Some(body) = &item.body { blockquote { @for line in body.lines() { (line) br; } } }
                    }
                }
            }
        }
        @if view.status != Status::Closed && (view.part.raises() || view.part.acts()) {
            section.write {
                h2 { @if view.part.raises() { "Write to the handler" } @else { "Write" } }
                form method="post" action=(write_to) {
                    (hidden("message"))
                    textarea name="text" rows="4" required maxlength="20000" {}
                    @if view.part.acts() {
                        fieldset.inline {
                            label.choice { input type="radio" name="kind" value="message" checked; " A message to the raiser" }
                            label.choice { input type="radio" name="kind" value="action"; " An action taken (\"you said, we did\")" }
                            label.choice { input type="radio" name="kind" value="note"; " An internal note" }
                        }
                    }
                    button type="submit" { "Send" }
                }
            }
        }
        @if !view.allowed.is_empty() {
            section.act {
                h2 { "Move the case on" }
                @for t in &view.allowed {
                    form.act method="post" action=(format!("/concerns/{id}/act")) {
                        input type="hidden" name="csrf" value=(csrf);
                        input type="hidden" name="transition" value=(t.id());
                        @if *t == Transition::GiveOutcome {
                            label { "The outcome, as the raiser will read it" }
                            textarea name="note" rows="4" required maxlength="20000" {}
                        } @else {
                            input type="text" name="note" placeholder="A note for the timeline (optional)" maxlength="2000";
                        }
                        button type="submit" data-transition=(t.id()) { (t.label()) }
                    }
                }
            }
        }
        @if !view.files.is_empty() || (view.status != Status::Closed && (view.part.raises() || view.part.acts())) {
            section.files {
                h2 { "Files" }
                @if view.files.is_empty() { p.small { "No files yet." } }
                ul.files {
                    @for (f, name) in &view.files {
                        li {
                            @if let Some(a) = anon {
                                form.inline method="post" action="/concerns/follow/download" {
                                    input type="hidden" name="receipt" value=(a.receipt);
                                    input type="hidden" name="passphrase" value=(a.passphrase);
                                    input type="hidden" name="file" value=(f.id);
                                    button.link type="submit" { (name) }
                                }
                            } @else {
                                a href=(format!("/concerns/{id}/files/{}", f.id)) download { (name) }
                            }
                            " · " (f.content_type) " · " (format!("{:.0} KB", f.size as f64 / 1024.0)) " · " (f.actor) " · " (date(f.uploaded_at))
                        }
                    }
                }
                @if view.status != Status::Closed && (view.part.raises() || view.part.acts()) {
                    form.upload method="post" enctype="multipart/form-data" action=(if anon.is_some() { "/concerns/follow/files".to_string() } else { format!("/concerns/{id}/files") }) {
                        @if let Some(a) = anon {
                            input type="hidden" name="receipt" value=(a.receipt);
                            input type="hidden" name="passphrase" value=(a.passphrase);
                        } @else {
                            input type="hidden" name="csrf" value=(csrf);
                        }
                        label for="file" { "Attach a file (PDF, PNG, JPEG or plain text, up to " (files::MAX_FILE_BYTES / 1_048_576) " MB)" }
                        input #file type="file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain";
                        p.small { "Photos lose their location and camera details when attached. A document you wrote may still carry your name in its properties: if you are anonymous, check it first." }
                        button.secondary type="submit" { "Attach" }
                    }
                }
            }
        }
        @if matches!(view.part, Part::Handler { current: true, .. }) && view.status != Status::Closed {
            section.pass-up {
                h2 { "Cannot deal with it yourself?" }
                p { "Pass it to your own line manager (or the head of service). The raiser sees that it was passed on." }
                form.act method="post" action=(format!("/concerns/{id}/pass-up")) {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="text" name="note" required maxlength="2000" placeholder="Why (the raiser sees this)";
                    button.secondary type="submit" { "Pass it up" }
                }
            }
        }
        @if view.part == Part::Raiser && view.row.identity == "confidential" && !view.row.consent {
            section.consent {
                h2 { "Your name" }
                p { "Only the person you sent this to and the speak-up guardian know it was you. If the case goes to someone else, they do not see your name unless you agree." }
                form method="post" action=(format!("/concerns/{id}/consent")) {
                    input type="hidden" name="csrf" value=(csrf);
                    button.secondary type="submit" { "Let everyone handling the case see my name" }
                }
            }
        }
        @if view.part.raises() {
            section.detriment {
                h2 { "Have you been treated worse for speaking up?" }
                p { "That is called detriment, and it is not allowed. Tell the speak-up guardian here; it is recorded separately from the case." }
                form method="post" action=(if anon.is_some() { "/concerns/follow/write".to_string() } else { format!("/concerns/{id}/detriment") }) {
                    (hidden("detriment"))
                    textarea name="text" rows="3" required maxlength="20000" {}
                    button.secondary type="submit" { "Report detriment" }
                }
            }
        }
        @if !view.detriments.is_empty() {
            section.detriments {
                h2 { "Detriment reported" }
                @for (d, text) in &view.detriments {
                    div.detriment {
                        p.head { (date(d.reported_at)) " · " (d.status) }
                        blockquote { (text) }
                        @if view.part == Part::Guardian {
                            form.inline method="post" action=(format!("/concerns/detriment/{}", d.id)) {
                                input type="hidden" name="csrf" value=(csrf);
                                select name="status" {
                                    @for s in ["reported", "reviewing", "addressed"] { option value=(s) selected[d.status == s] { (s) } }
                                }
                                button.secondary type="submit" { "Update" }
                            }
                        }
                    }
                }
            }
        }
        @if !view.part.raises() {
            section.chain {
                h2 { "Handled by" }
                ol { @for (email, level) in &view.handlers { li { (email) @if *level > 0 { " (escalation " (level) ")" } } } }
            }
        }
    }
}

fn event_label(kind: &str) -> &str {
    match kind {
        "raised" => "raised the concern",
        "acknowledge" => "acknowledged it",
        "investigate" => "started investigating",
        "give-outcome" => "gave the outcome",
        "close" => "closed the case",
        "reopen" => "reopened the case",
        "escalated" => "escalated",
        "message" => "wrote",
        "action" => "recorded an action taken",
        "note" => "added a note",
        "consent" => "agreed to share their name",
        "retention-warning" => "retention warning",
        "file" => "attached a file",
        "passed-up" => "passed the case up",
        other => other,
    }
}

/// A handler's move.
#[derive(Debug, Deserialize)]
pub struct ActForm {
    csrf: String,
    transition: String,
    #[serde(default)]
    note: String,
}

/// `POST /concerns/{id}/act`.
///
/// # Errors
/// 403 forged or not the viewer's to act on, 404 no part, 422 a move the case cannot make.
pub async fn act(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<ActForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    let t = Transition::from_id(&form.transition).ok_or_else(|| {
        AppError::Unprocessable(format!(
            "`{}` is not a move a case can make",
            form.transition
        ))
    })?;
    let note = Some(form.note.as_str()).filter(|n| !n.trim().is_empty());
    cases::transition(&state, &who.user, id, t, note, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

/// Why a case is passed up.
#[derive(Debug, Deserialize)]
pub struct PassUpForm {
    csrf: String,
    note: String,
}

/// `POST /concerns/{id}/pass-up` (the current handler).
///
/// # Errors
/// 403 forged or not the current handler, 404 no part, 422 closed, no reason, nobody above.
pub async fn pass_up(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<PassUpForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    cases::pass_up(&state, &who.user, id, &form.note, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

/// A message, action or note.
#[derive(Debug, Deserialize)]
pub struct WriteForm {
    csrf: String,
    text: String,
    #[serde(default)]
    kind: String,
}

/// `POST /concerns/{id}/write`.
///
/// # Errors
/// 403 forged or not allowed, 404 no part, 422 empty, oversized or closed.
pub async fn write(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<WriteForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    let viewer = Viewer::Person(who.user.clone());
    let (row, part) = cases::open_case(&state, &viewer, id).await?;
    let kind = match form.kind.as_str() {
        "" | "message" => Note::Message,
        "action" => Note::Action,
        "note" => Note::Internal,
        other => {
            return Err(AppError::Unprocessable(format!(
                "`{other}` is not message, action or note"
            )))
        }
    };
    cases::write(
        &state,
        &viewer,
        row,
        part,
        kind,
        &form.text,
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

/// Just the CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /concerns/{id}/consent`.
///
/// # Errors
/// 403 forged or not the raiser, 404 no part.
pub async fn consent(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    cases::consent(&state, &who.user, id, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

/// `POST /concerns/{id}/detriment`.
///
/// # Errors
/// 403 forged or not the raiser, 404 no part, 422 empty or oversized.
pub async fn detriment(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<WriteForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    let viewer = Viewer::Person(who.user.clone());
    let (row, part) = cases::open_case(&state, &viewer, id).await?;
    cases::report_detriment(&state, &viewer, &row, part, &form.text, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

/// A detriment report's new status.
#[derive(Debug, Deserialize)]
pub struct DetrimentStatusForm {
    csrf: String,
    status: String,
}

/// `POST /concerns/detriment/{id}` (the guardian).
///
/// # Errors
/// 403 forged or not the guardian, 404 unknown report.
pub async fn detriment_status(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<DetrimentStatusForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    cases::detriment_status(&state, &who.user, id, &form.status, state.clock.now()).await?;
    Ok(Redirect::to("/speak-up/oversight"))
}

fn follow_form(who: Option<&SignedIn>, receipt: &str, error: Option<&str>) -> Markup {
    layout(
        "Follow a concern",
        who,
        &[],
        &html! {
            h1 { "Follow an anonymous concern" }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form method="post" action="/concerns/follow" autocomplete="off" {
                label for="receipt" { "Receipt code" }
                input #receipt name="receipt" required placeholder="XXXX-XXXX-XXXX-XXXX" spellcheck="false" value=(receipt);
                label for="passphrase" { "Passphrase" }
                input #passphrase type="password" name="passphrase" required;
                button type="submit" { "Open the case" }
            }
            p.small { "Pause does not keep your address or the time of day you look. Nothing here is stored in your browser." }
        },
    )
}

/// `GET /concerns/follow`.
pub async fn follow_page(MaybeSignedIn(who): MaybeSignedIn) -> Markup {
    follow_form(who.as_ref(), "", None)
}

async fn anonymous_case(
    state: &AppState,
    peer: std::net::SocketAddr,
    form: &ReceiptForm,
) -> Result<(ConcernRow, i64), AppError> {
    let now = state.clock.now();
    let row =
        cases::by_receipt(state, &form.receipt, &form.passphrase, Some(peer.ip()), now).await?;
    Ok((row, now))
}

/// The follow form again (404) after a wrong receipt code or passphrase.
fn not_opened(who: Option<&SignedIn>, receipt: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        follow_form(
            who,
            receipt,
            Some("That receipt code and passphrase do not open a case. Check both and try again."),
        ),
    )
        .into_response()
}

/// The anonymous raiser's page of case `id` as it stands now (their receipt and passphrase
/// ride in its forms, never in a cookie).
async fn anonymous_page(
    state: &AppState,
    who: Option<&SignedIn>,
    id: i64,
    form: &ReceiptForm,
    now: i64,
) -> Result<Response, AppError> {
    let row = state.store.concern(id).await?.ok_or(AppError::NotFound)?;
    let view = cases::view(state, &Viewer::Receipt, row, Part::AnonymousRaiser, now).await?;
    Ok(layout(
        "Your concern",
        who,
        &[],
        &case_body(&view, None, Some(form), now),
    )
    .into_response())
}

/// `POST /concerns/follow`: the anonymous raiser's view.
///
/// # Errors
/// 429 after too many failures; a wrong code or passphrase comes back on the form.
pub async fn follow(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Form(form): Form<ReceiptForm>,
) -> Result<Response, AppError> {
    match anonymous_case(&state, peer, &form).await {
        Ok((row, now)) => anonymous_page(&state, who.as_ref(), row.id, &form, now).await,
        Err(AppError::NotFound) => Ok(not_opened(who.as_ref(), &form.receipt)),
        Err(e) => Err(e),
    }
}

/// `POST /concerns/follow/write`: the anonymous raiser writes (a message or a detriment report).
///
/// # Errors
/// As [`follow`], and 422 for an empty or oversized text.
pub async fn follow_write(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Form(form): Form<ReceiptForm>,
) -> Result<Response, AppError> {
    let (row, now) = match anonymous_case(&state, peer, &form).await {
        Ok(x) => x,
        Err(AppError::NotFound) => return Ok(not_opened(who.as_ref(), &form.receipt)),
        Err(e) => return Err(e),
    };
    if form.what == "detriment" {
        cases::report_detriment(
            &state,
            &Viewer::Receipt,
            &row,
            Part::AnonymousRaiser,
            &form.text,
            now,
        )
        .await?;
    } else {
        cases::write(
            &state,
            &Viewer::Receipt,
            row.clone(),
            Part::AnonymousRaiser,
            Note::Message,
            &form.text,
            now,
        )
        .await?;
    }
    anonymous_page(&state, who.as_ref(), row.id, &form, now).await
}

/// `GET /notifications`: what needs this person's attention.
///
/// # Errors
/// When the store fails.
pub async fn notifications(
    State(state): State<AppState>,
    who: SignedIn,
) -> Result<Markup, AppError> {
    let rows = state.store.notifications_of(who.user.id, 200).await?;
    Ok(layout(
        "Notifications",
        Some(&who),
        &[],
        &html! {
            h1 { "Notifications" }
            @if rows.is_empty() { p.fine { "Nothing needs your attention." } }
            @else {
                ul.notifications {
                    @for n in &rows {
                        li class=(if n.read_at.is_none() { "unread" } else { "read" }) {
                            span.when { (when(n.created_at)) } " · "
                            (notification_label(&n.kind))
                            @if let Some(c) = n.concern_id { " · " a href=(format!("/concerns/{c}")) { "case #" (c) } }
                            @else { " · " a href="/speak-up" { "your concerns" } }
                        }
                    }
                }
                form method="post" action="/notifications/read" {
                    input type="hidden" name="csrf" value=(who.csrf());
                    button.secondary type="submit" { "Mark all as read" }
                }
            }
        },
    ))
}

fn notification_label(kind: &str) -> &str {
    match kind {
        "new-case" => "A concern has been sent to you",
        "message" => "New message",
        "escalated" => "A case has been escalated to you (or is late)",
        "overdue" => "A case is overdue and cannot go higher",
        "detriment" => "Detriment reported",
        "retention-warning" => "A closed case will soon be deleted",
        "file" => "A file was attached to a case",
        "passed-up" => "A case was passed to you (or yours was passed on)",
        "acknowledge" => "Your concern was acknowledged",
        "investigate" => "Your concern is being investigated",
        "give-outcome" => "Your concern has an outcome",
        "close" => "Your concern was closed",
        "reopen" => "Your concern was reopened",
        other => other,
    }
}

/// `POST /notifications/read`.
///
/// # Errors
/// 403 forged.
pub async fn notifications_read(
    State(state): State<AppState>,
    who: SignedIn,
    Form(form): Form<CsrfForm>,
) -> Result<Redirect, AppError> {
    who.check_csrf(&form.csrf)?;
    state
        .store
        .mark_read(who.user.id, None, state.clock.now())
        .await?;
    Ok(Redirect::to("/notifications"))
}

/// The parts of an upload form: the file's name and bytes, and the other fields.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    fields: std::collections::HashMap<String, String>,
}

fn too_large() -> AppError {
    AppError::TooLarge(format!(
        "the file is larger than {} MB, the most this service accepts. Send a smaller photo or scan, or describe the evidence and the handler will arrange to see it",
        files::MAX_FILE_BYTES / 1_048_576
    ))
}

async fn read_upload(mut form: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload {
        name: String::new(),
        bytes: Vec::new(),
        fields: std::collections::HashMap::new(),
    };
    let mut got_file = false;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(e) => {
                return Err(AppError::BadRequest(format!(
                    "the upload could not be read: {e}"
                )))
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            up.name = field.file_name().unwrap_or("file").to_string();
            up.bytes = field
                .bytes()
                .await
                .map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        too_large()
                    } else {
                        AppError::BadRequest(format!("the file could not be read: {e}"))
                    }
                })?
                .to_vec();
            got_file = true;
        } else {
            let value = field
                .text()
                .await
                .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
            up.fields.insert(name, value);
        }
    }
    if !got_file {
        return Err(AppError::Unprocessable("choose a file to attach".into()));
    }
    Ok(up)
}

/// `POST /concerns/{id}/files` (multipart: csrf, file).
///
/// # Errors
/// 403 forged or not allowed, 404 no part, 413 too large, 422 unrecognised, closed or full.
pub async fn upload(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Redirect, AppError> {
    let up = read_upload(form).await?;
    who.check_csrf(up.fields.get("csrf").map_or("", String::as_str))?;
    let viewer = Viewer::Person(who.user.clone());
    let (row, part) = cases::open_case(&state, &viewer, id).await?;
    files::attach(
        &state,
        &viewer,
        &row,
        part,
        &up.name,
        up.bytes,
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/concerns/{id}")))
}

fn file_response(content_type: String, name: &str, body: Vec<u8>) -> Response {
    let mut res = (
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response();
    // Never rendered in the service's own origin, whatever it holds.
    res.headers_mut().insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    res
}

/// `GET /concerns/{id}/files/{file}`: a download, for the case's parties.
///
/// # Errors
/// 404 no part or no such file.
pub async fn download(
    State(state): State<AppState>,
    who: SignedIn,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let viewer = Viewer::Person(who.user.clone());
    let (row, part) = cases::open_case(&state, &viewer, id).await?;
    let (ct, name, body) =
        files::download(&state, &viewer, &row, part, file, state.clock.now()).await?;
    Ok(file_response(ct, &name, body))
}

/// `POST /concerns/follow/files` (multipart: receipt, passphrase, file): an anonymous raiser
/// attaches a file.
///
/// # Errors
/// As [`follow`], 413 too large, 422 unrecognised, closed or full.
pub async fn follow_upload(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    form: Multipart,
) -> Result<Response, AppError> {
    let up = read_upload(form).await?;
    let receipt = ReceiptForm {
        receipt: up.fields.get("receipt").cloned().unwrap_or_default(),
        passphrase: up.fields.get("passphrase").cloned().unwrap_or_default(),
        ..ReceiptForm::default()
    };
    let (row, now) = match anonymous_case(&state, peer, &receipt).await {
        Ok(x) => x,
        Err(AppError::NotFound) => return Ok(not_opened(who.as_ref(), &receipt.receipt)),
        Err(e) => return Err(e),
    };
    files::attach(
        &state,
        &Viewer::Receipt,
        &row,
        Part::AnonymousRaiser,
        &up.name,
        up.bytes,
        now,
    )
    .await?;
    anonymous_page(&state, who.as_ref(), row.id, &receipt, now).await
}

/// The anonymous download form.
#[derive(Debug, Deserialize)]
pub struct DownloadForm {
    receipt: String,
    passphrase: String,
    file: i64,
}

/// `POST /concerns/follow/download`: an anonymous raiser downloads a file of their case (a
/// POST, so the passphrase never goes in a URL).
///
/// # Errors
/// As [`follow`]; 404 for no such file.
pub async fn follow_download(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Form(form): Form<DownloadForm>,
) -> Result<Response, AppError> {
    let receipt = ReceiptForm {
        receipt: form.receipt,
        passphrase: form.passphrase,
        ..ReceiptForm::default()
    };
    let (row, now) = anonymous_case(&state, peer, &receipt).await?;
    let (ct, name, body) = files::download(
        &state,
        &Viewer::Receipt,
        &row,
        Part::AnonymousRaiser,
        form.file,
        now,
    )
    .await?;
    Ok(file_response(ct, &name, body))
}
