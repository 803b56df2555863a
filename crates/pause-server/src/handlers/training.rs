//! Training: scenarios where staff choose post / edit / raise a concern, then see what the
//! engine finds and why. Completion is recorded per person; managers see their own team's.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use pause_store::{Completion, NewScenario, Role, User};
use serde::Deserialize;

use crate::auth::{Authorised, Editors, Managers, SignedIn};
use crate::error::AppError;
use crate::pages::{findings_list, layout, marked, when};
use crate::state::AppState;
use crate::training::{Scenario, CHOICES};

const AUTHORS: &[Role] = &[Role::Comms, Role::Admin];

/// Shipped scenarios, then the ones comms added.
async fn all_scenarios(state: &AppState) -> Result<Vec<Scenario>, AppError> {
    let mut all: Vec<Scenario> = state.scenarios.as_ref().clone();
    all.extend(
        state
            .store
            .custom_scenarios()
            .await?
            .into_iter()
            .map(Scenario::from),
    );
    Ok(all)
}

fn choice_label(id: &str) -> &'static str {
    CHOICES
        .iter()
        .find(|(c, _)| *c == id)
        .map_or("?", |(_, label)| label)
}

/// `GET /training`: the scenarios and which this person has done.
///
/// # Errors
/// When the store cannot be read.
pub async fn index(State(state): State<AppState>, who: SignedIn) -> Result<Markup, AppError> {
    let all = all_scenarios(&state).await?;
    let done: HashMap<String, Completion> = state
        .store
        .completions_of(who.user.id)
        .await?
        .into_iter()
        .map(|c| (c.scenario.clone(), c))
        .collect();
    let finished = all.iter().filter(|s| done.contains_key(&s.id)).count();
    let content = html! {
        h1 { "Training" }
        p.lede { "Real situations, real drafts. Decide what you would do, then see what Pause finds and why." }
        p { "You have completed " strong { (finished) " of " (all.len()) } " scenarios." }
        @if AUTHORS.contains(&who.user.role) { p { a href="/training/new" { "Add a scenario" } } }
        ul.scenarios {
            @for s in &all {
                li {
                    a href=(format!("/training/{}", s.id)) { (s.title) }
                    @if let Some(c) = done.get(&s.id) {
                        span.done { "Done " @if c.correct { "✓" } }
                    } @else { span.muted { "Not yet" } }
                }
            }
        }
    };
    Ok(layout("Training", Some(&who), &[], &content))
}

async fn find(state: &AppState, id: &str) -> Result<Scenario, AppError> {
    all_scenarios(state)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(AppError::NotFound)
}

/// `GET /training/{id}`: the situation, the draft and the three choices.
///
/// # Errors
/// 404 for an unknown scenario.
pub async fn scenario(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let s = find(&state, &id).await?;
    let content = html! {
        p { a href="/training" { "← All scenarios" } }
        h1 { (s.title) }
        p { (s.setting) }
        p { "You have written:" }
        div.scenario-draft { (s.draft) }
        h2 { "What do you do?" }
        form method="post" action=(format!("/training/{}", s.id)) {
            input type="hidden" name="csrf" value=(who.csrf());
            div.choices {
                @for (value, label) in CHOICES {
                    button type="submit" name="choice" value=(value) class=(if *value == "post" { "" } else { "secondary" }) { (label) }
                }
            }
        }
    };
    Ok(layout(&s.title, Some(&who), &[], &content))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    csrf: String,
    choice: String,
}

/// `POST /training/{id}`: records the answer, shows what the engine finds and why.
///
/// # Errors
/// 403 with a forged form, 404 for an unknown scenario, 422 for an unknown choice.
pub async fn answer(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Markup, AppError> {
    who.check_csrf(&form.csrf)?;
    let s = find(&state, &id).await?;
    if !CHOICES.iter().any(|(c, _)| *c == form.choice) {
        return Err(AppError::Unprocessable(format!(
            "`{}` is not one of the choices",
            form.choice
        )));
    }
    let correct = form.choice == s.best;
    state
        .store
        .record_completion(&Completion {
            user_id: who.user.id,
            scenario: s.id.clone(),
            choice: form.choice.clone(),
            correct,
            completed_at: crate::now(),
        })
        .await?;
    let loaded = state.engines.current().await?;
    let at =
        s.at.as_deref()
            .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok());
    let report = loaded.engine.check(&s.draft, at);
    let verdict = match report.verdict {
        pause_core::Verdict::Pause => "Pause",
        pause_core::Verdict::Post => "Fine to post",
    };
    let all = all_scenarios(&state).await?;
    let next = all
        .iter()
        .skip_while(|x| x.id != s.id)
        .nth(1)
        .map(|x| x.id.clone());
    let content = html! {
        p { a href="/training" { "← All scenarios" } }
        h1 { (s.title) }
        @if correct {
            div.result-right role="status" { p { strong { "Good choice: " } (choice_label(&form.choice)) "." } }
        } @else {
            div.result-wrong role="status" {
                p { "You chose " strong { (choice_label(&form.choice)) } ". The better choice here: " strong { (choice_label(&s.best)) } "." }
            }
        }
        p { (s.explanation) }
        h2 { "What Pause finds in this draft" }
        p { "Verdict: " strong #training-verdict { (verdict) } }
        div.marked { (marked(&s.draft, &report)) }
        (findings_list(&report))
        p.actions {
            @if let Some(n) = next { a href=(format!("/training/{n}")) { "Next scenario →" } }
            " " a href="/training" { "All scenarios" }
        }
    };
    Ok(layout(&s.title, Some(&who), &[], &content))
}

/// The people reporting to `manager`, directly or further down (cycles cut).
async fn reports_of(state: &AppState, manager: &User) -> Result<Vec<User>, AppError> {
    let mut out: Vec<User> = Vec::new();
    let mut queue = vec![manager.id];
    while let Some(m) = queue.pop() {
        for u in state.store.team_of(m).await? {
            if u.id != manager.id && !out.iter().any(|o| o.id == u.id) {
                queue.push(u.id);
                out.push(u);
            }
        }
        if out.len() > 10_000 {
            break;
        }
    }
    out.sort_by(|a, b| a.email.cmp(&b.email));
    Ok(out)
}

/// `GET /training/team` (line managers and up): each person in their team and their training.
///
/// # Errors
/// 403 for roles that manage nobody.
pub async fn team(
    State(state): State<AppState>,
    who: Authorised<Managers>,
) -> Result<Markup, AppError> {
    let total = all_scenarios(&state).await?.len();
    let people = reports_of(&state, &who.user).await?;
    let completions = state.store.all_completions().await?;
    let content = html! {
        h1 { "My team's training" }
        p.lede { "People who report to you, directly or through their managers. There are " (total) " scenarios." }
        @if people.is_empty() {
            p.muted { "Nobody reports to you yet. An administrator adds people with " code { "pause users add EMAIL --manager " (who.user.email) } "." }
        } @else {
            div.table-wrap { table {
                thead { tr { th { "Person" } th { "Service" } th.num { "Completed" } th { "Last" } } }
                tbody { @for p in &people {
                    @let mine: Vec<&Completion> = completions.iter().filter(|c| c.user_id == p.id).collect();
                    tr {
                        td { (p.email) }
                        td { (p.service.as_deref().unwrap_or("")) }
                        td.num { (mine.len()) " / " (total) }
                        td { (mine.iter().map(|c| c.completed_at).max().map(when).unwrap_or_default()) }
                    }
                } }
            } }
        }
    };
    Ok(layout("My team", Some(&who), &[], &content))
}

fn new_form(who: &SignedIn, values: &NewScenarioForm, errors: &[String]) -> Markup {
    let content = html! {
        h1 { "Add a training scenario" }
        @if !errors.is_empty() { div.error role="alert" { ul { @for e in errors { li { (e) } } } } }
        form method="post" action="/training/new" {
            input type="hidden" name="csrf" value=(who.csrf());
            label for="title" { "Title" }
            input #title type="text" name="title" value=(values.title) maxlength="200" required;
            label for="setting" { "The situation" }
            textarea #setting name="setting" rows="3" required { (values.setting) }
            label for="draft" { "The draft post " span.hint { "(fictional: never a real patient)" } }
            textarea #draft name="draft" rows="3" required { (values.draft) }
            label for="best" { "The best choice" }
            select #best name="best" {
                @for (v, l) in CHOICES { option value=(v) selected[values.best == *v] { (l) } }
            }
            label for="explanation" { "Why" }
            textarea #explanation name="explanation" rows="3" required { (values.explanation) }
            button type="submit" { "Add the scenario" }
        }
    };
    layout("Add a scenario", Some(who), &[], &content)
}

#[derive(Deserialize, Default)]
pub struct NewScenarioForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    setting: String,
    #[serde(default)]
    draft: String,
    #[serde(default)]
    best: String,
    #[serde(default)]
    explanation: String,
}

/// `GET /training/new` (comms, admin).
///
/// # Errors
/// 403 for other roles.
pub async fn new_page(who: Authorised<Editors>) -> Result<Markup, AppError> {
    Ok(new_form(
        &who,
        &NewScenarioForm {
            best: "edit".into(),
            ..NewScenarioForm::default()
        },
        &[],
    ))
}

/// `POST /training/new` (comms, admin).
///
/// # Errors
/// 403 for other roles or a forged form; missing fields re-show the form (422).
pub async fn create(
    State(state): State<AppState>,
    who: Authorised<Editors>,
    Form(form): Form<NewScenarioForm>,
) -> Result<Response, AppError> {
    who.check_csrf(&form.csrf)?;
    let mut errors = Vec::new();
    for (name, value, max) in [
        ("Title", &form.title, 200),
        ("The situation", &form.setting, 2000),
        ("The draft", &form.draft, 2000),
        ("Why", &form.explanation, 4000),
    ] {
        if value.trim().is_empty() {
            errors.push(format!("{name} is empty"));
        } else if value.chars().count() > max {
            errors.push(format!("{name}: at most {max} characters"));
        }
    }
    if !CHOICES.iter().any(|(c, _)| *c == form.best) {
        errors.push("The best choice must be post, edit or raise".into());
    }
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            new_form(&who, &form, &errors),
        )
            .into_response());
    }
    let id = state
        .store
        .add_scenario(&NewScenario {
            title: form.title.trim().into(),
            setting: form.setting.trim().into(),
            draft: form.draft.trim().into(),
            best: form.best.clone(),
            explanation: form.explanation.trim().into(),
            created_by: who.user.id,
            created_at: crate::now(),
        })
        .await?;
    Ok(Redirect::to(&format!("/training/c{id}")).into_response())
}
