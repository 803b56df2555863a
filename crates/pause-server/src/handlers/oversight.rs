//! Speak-up oversight for the guardian and heads of service: volumes, themes, time to
//! acknowledge and to close, overdue cases, detriment, and the quarterly figures in the
//! National Guardian's Office categories (page and CSV).
//!
//! Counts only, never case content. Outside the guardian's view no figure under 5 is shown.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use pause_speakup::{financial_quarter, quarter_label, Category, NgoTheme};
use pause_store::{ConcernRow, Role};

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::{layout, when};
use crate::speakup::cases::speak_up;
use crate::state::AppState;

/// Groups smaller than this are shown as "fewer than 5" outside the guardian's view.
pub const MIN_GROUP: usize = 5;

/// One quarter's figures in the National Guardian's Office categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quarter {
    pub label: String,
    pub total: usize,
    pub anonymous: usize,
    pub themes: BTreeMap<NgoTheme, usize>,
    pub detriment: usize,
}

/// The figures, per quarter, newest first.
#[must_use]
pub fn quarters(
    rows: &[ConcernRow],
    detriment_cases: &[i64],
    tz: &pause_speakup::Calendar,
) -> Vec<Quarter> {
    let mut by: BTreeMap<(i32, u8), Quarter> = BTreeMap::new();
    for r in rows {
        let (y, q) = financial_quarter(tz.local_date(r.raised_at));
        let e = by.entry((y, q)).or_insert_with(|| Quarter {
            label: quarter_label(y, q),
            ..Quarter::default()
        });
        e.total += 1;
        if r.identity == "anonymous" {
            e.anonymous += 1;
        }
        if let Some(theme) = Category::from_id(&r.category).and_then(Category::ngo_theme) {
            *e.themes.entry(theme).or_default() += 1;
        }
        if detriment_cases.contains(&r.id) {
            e.detriment += 1;
        }
    }
    by.into_values().rev().collect()
}

fn shown(n: usize, guardian: bool) -> String {
    if guardian || n == 0 || n >= MIN_GROUP {
        n.to_string()
    } else {
        "fewer than 5".into()
    }
}

fn median_days(mut secs: Vec<i64>) -> Option<f64> {
    if secs.is_empty() {
        return None;
    }
    secs.sort_unstable();
    let mid = secs.len() / 2;
    let m = if secs.len() % 2 == 0 {
        (secs[mid - 1] + secs[mid]) as f64 / 2.0
    } else {
        secs[mid] as f64
    };
    Some(m / 86_400.0)
}

async fn visible_rows(
    state: &AppState,
    who: &SignedIn,
) -> Result<(Vec<ConcernRow>, Vec<i64>, bool), AppError> {
    speak_up(state)?;
    who.require(&[Role::SpeakUpGuardian, Role::HeadOfService])?;
    let guardian = who.user.role == Role::SpeakUpGuardian;
    let mut rows = state.store.all_concerns().await?;
    if !guardian {
        // A head of service sees their own service's figures.
        rows.retain(|r| r.service.is_some() && r.service == who.user.service);
    }
    let detriment: Vec<i64> = state
        .store
        .all_detriments()
        .await?
        .iter()
        .map(|d| d.concern_id)
        .collect();
    Ok((rows, detriment, guardian))
}

/// `GET /speak-up/oversight`.
///
/// # Errors
/// 403 for anyone but the guardian and heads of service.
#[allow(clippy::too_many_lines)]
pub async fn page(State(state): State<AppState>, who: SignedIn) -> Result<Markup, AppError> {
    let (rows, detriment, guardian) = visible_rows(&state, &who).await?;
    let su = speak_up(&state)?;
    let now = state.clock.now();
    let open = rows.iter().filter(|r| r.status != "closed").count();
    let overdue: Vec<&ConcernRow> = rows
        .iter()
        .filter(|r| r.status != "closed" && (r.overdue || r.due_at.is_some_and(|t| t <= now)))
        .collect();
    let ack = median_days(
        rows.iter()
            .filter_map(|r| r.acknowledged_at.map(|a| a - r.raised_at))
            .collect(),
    );
    let close = median_days(
        rows.iter()
            .filter_map(|r| r.closed_at.map(|c| c - r.raised_at))
            .collect(),
    );
    let mut by_category: BTreeMap<Category, usize> = BTreeMap::new();
    for r in &rows {
        if let Some(c) = Category::from_id(&r.category) {
            *by_category.entry(c).or_default() += 1;
        }
    }
    let qs = quarters(&rows, &detriment, &su.config.calendar);
    let detriments = if guardian {
        state.store.all_detriments().await?
    } else {
        Vec::new()
    };
    let fmt_days = |d: Option<f64>| {
        d.map_or_else(
            || "no cases yet".to_string(),
            |d| format!("{d:.1} days (median)"),
        )
    };
    Ok(layout(
        "Speak-up oversight",
        Some(&who),
        &[],
        &html! {
            h1 { "Speak-up oversight" }
            p.lede {
                @if guardian { "Every case in the organisation. Counts only: open a case to read it." }
                @else { "Cases of your service (" (who.user.service.as_deref().unwrap_or("none")) "). Counts under 5 are not shown, so that nobody can be picked out." }
            }
            dl.figures {
                dt { "Cases" } dd { (shown(rows.len(), guardian)) }
                dt { "Open" } dd { (shown(open, guardian)) }
                dt { "Overdue" } dd { (shown(overdue.len(), guardian)) }
                dt { "Time to acknowledge" } dd { (fmt_days(ack)) }
                dt { "Time to close" } dd { (fmt_days(close)) }
                dt { "Detriment reported" } dd { (shown(detriment.iter().collect::<std::collections::BTreeSet<_>>().len(), guardian)) }
            }
            h2 { "Themes" }
            table.figures {
                thead { tr { th { "Category" } th { "Cases" } } }
                tbody { @for (c, n) in &by_category { tr { td { (c.label()) } td { (shown(*n, guardian)) } } } }
            }
            h2 { "Quarterly figures (National Guardian's Office categories)" }
            p { a href="/speak-up/oversight.csv" { "Download as CSV" } }
            table.figures {
                thead { tr { th { "Quarter" } th { "Total" } th { "Anonymous" } @for t in NgoTheme::ALL { th { (t.label()) } } th { "Detriment" } } }
                tbody {
                    @for q in &qs {
                        tr {
                            td { (q.label) } td { (shown(q.total, guardian)) } td { (shown(q.anonymous, guardian)) }
                            @for t in NgoTheme::ALL { td { (shown(q.themes.get(&t).copied().unwrap_or(0), guardian)) } }
                            td { (shown(q.detriment, guardian)) }
                        }
                    }
                }
            }
            @if guardian {
                h2 { "Overdue cases" }
                @if overdue.is_empty() { p.fine { "None." } }
                @else {
                    ul { @for r in &overdue { li { a href=(format!("/concerns/{}", r.id)) { "Case #" (r.id) } " · " (r.due_kind.as_deref().unwrap_or("")) " was due " (r.due_at.map(when).unwrap_or_default()) " · escalation " (r.escalation_level) } } }
                }
                h2 { "Detriment reports" }
                @if detriments.is_empty() { p.fine { "None." } }
                @else {
                    ul { @for d in &detriments { li { a href=(format!("/concerns/{}", d.concern_id)) { "Case #" (d.concern_id) } " · " (d.status) } } }
                }
            }
        },
    ))
}

/// `GET /speak-up/oversight.csv`: the quarterly figures.
///
/// # Errors
/// 403 for anyone but the guardian and heads of service.
pub async fn csv(State(state): State<AppState>, who: SignedIn) -> Result<Response, AppError> {
    let (rows, detriment, guardian) = visible_rows(&state, &who).await?;
    let su = speak_up(&state)?;
    let mut out = String::from("quarter,total,anonymous");
    for t in NgoTheme::ALL {
        out.push(',');
        out.push_str(&csv_field(t.label()));
    }
    out.push_str(",detriment\n");
    for q in quarters(&rows, &detriment, &su.config.calendar) {
        let mut cells = vec![
            q.label.clone(),
            shown(q.total, guardian),
            shown(q.anonymous, guardian),
        ];
        for t in NgoTheme::ALL {
            cells.push(shown(q.themes.get(&t).copied().unwrap_or(0), guardian));
        }
        cells.push(shown(q.detriment, guardian));
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"speak-up-quarters.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '/']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
