//! Insight (comms, head-of-service, admin): anonymous counts per week and category, how often
//! people went ahead anyway and why, training completion by service. No number below
//! [`MIN_GROUP`] is ever shown, and no rate whose base is below it.

use std::collections::BTreeMap;

use axum::extract::State;
use maud::{html, Markup};
use pause_core::Category;
use pause_store::UsageRow;

use crate::auth::{Authorised, InsightViewers};
use crate::error::AppError;
use crate::handlers::api::REASONS;
use crate::pages::{date, layout};
use crate::state::AppState;

/// The smallest group ever shown.
pub const MIN_GROUP: i64 = 5;
const WEEKS: i64 = 12;
const WEEK: i64 = 7 * 86_400;

/// A count, or "fewer than 5" (zero is shown: it reveals nobody).
#[must_use]
pub fn count(n: i64) -> Markup {
    if n == 0 || n >= MIN_GROUP {
        html! { (n) }
    } else {
        html! { span.suppressed { "<" (MIN_GROUP) } }
    }
}

/// A percentage of a base of at least 5, else a dash.
#[must_use]
pub fn rate(part: i64, base: i64) -> Markup {
    if base >= MIN_GROUP && (part == 0 || part >= MIN_GROUP || part == base) {
        let pct = part * 100 / base;
        html! { (pct) "%" }
    } else if base == 0 {
        html! { "–" }
    } else {
        html! { span.suppressed { "hidden" } }
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    all: i64,
    paused: i64,
    went_ahead: i64,
}

fn tally(rows: &[&UsageRow]) -> Tally {
    rows.iter().fold(Tally::default(), |mut t, r| {
        t.all += r.n;
        if r.verdict == "pause" {
            t.paused += r.n;
            if r.went_ahead {
                t.went_ahead += r.n;
            }
        }
        t
    })
}

/// A bar chart of drafts and pauses per week, as SVG (no script, no inline style). Bars for
/// suppressed values are not drawn.
fn chart(weeks: &[(i64, Tally)]) -> Markup {
    let max = weeks
        .iter()
        .map(|(_, t)| t.all)
        .max()
        .unwrap_or(0)
        .max(MIN_GROUP);
    let (w, h, left, bottom) = (720i64, 220i64, 40i64, 30i64);
    let n = i64::try_from(weeks.len()).unwrap_or(1).max(1);
    let slot = (w - left) / n;
    let bar = (slot - 8) / 3;
    let y = |v: i64| h - bottom - v * (h - bottom - 10) / max;
    let shown = |v: i64| if v >= MIN_GROUP { v } else { 0 };
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label="Drafts checked, paused and posted anyway, per week" {
            line x1=(left) y1=(h - bottom) x2=(w) y2=(h - bottom) stroke="#4c6272" {}
            text x="0" y="16" font-size="11" fill="#4c6272" { (max) }
            text x="0" y=(h - bottom) font-size="11" fill="#4c6272" { "0" }
            @for (i, (week, t)) in weeks.iter().enumerate() {
                @let x = left + i64::try_from(i).unwrap_or(0) * slot + 4;
                @for (k, (v, colour)) in [(t.all, "#768692"), (t.paused, "#d5281b"), (t.went_ahead, "#b35c00")].into_iter().enumerate() {
                    @let v = shown(v);
                    @let kx = x + i64::try_from(k).unwrap_or(0) * bar;
                    rect x=(kx) y=(y(v)) width=(bar - 1) height=(h - bottom - y(v)) fill=(colour) {}
                }
                text x=(x) y=(h - 10) font-size="10" fill="#4c6272" { (date(*week).get(5..).unwrap_or("")) }
            }
        }
        p.legend { span.k-all {} "checked" span.k-pause {} "paused" span.k-ahead {} "posted anyway" }
    }
}

/// A percentage that [`rate`] would show, else `None` (a part under 5 of a larger base).
fn shown_rate(part: i64, base: i64) -> Option<i64> {
    (base >= MIN_GROUP && (part == 0 || part >= MIN_GROUP || part == base))
        .then(|| part * 100 / base)
}

/// Training completion by service as horizontal bars (started, completed all), one pair per
/// service of at least [`MIN_GROUP`] people; a rate [`rate`] would hide is drawn as "hidden".
fn training_chart(services: &[(&String, (i64, i64, i64))]) -> Markup {
    let (w, left, row) = (720i64, 180i64, 44i64);
    let n = i64::try_from(services.len()).unwrap_or(0);
    let h = 20 + n * row;
    let bar_w = |pct: i64| pct * (w - left - 60) / 100;
    html! {
        svg.chart #training-chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label="Training started and completed, per service, in per cent of its people" {
            line x1=(left) y1="4" x2=(left) y2=(h - 4) stroke="#4c6272" {}
            @for (i, (name, (people, started, all))) in services.iter().enumerate() {
                @let y = 10 + i64::try_from(i).unwrap_or(0) * row;
                text x="0" y=(y + 22) font-size="12" fill="#212b32" { (name) }
                @for (k, (part, colour, what)) in [(*started, "#005eb8", "started"), (*all, "#007f3b", "completed all")].into_iter().enumerate() {
                    @let by = y + i64::try_from(k).unwrap_or(0) * 16;
                    @match shown_rate(part, *people) {
                        Some(pct) => {
                            rect x=(left) y=(by) width=(bar_w(pct).max(1)) height="14" fill=(colour) data-bar=(what) data-pct=(pct) {}
                            text x=(left + bar_w(pct) + 6) y=(by + 11) font-size="11" fill="#4c6272" { (pct) "% " (what) }
                        }
                        None => {
                            text x=(left + 6) y=(by + 11) font-size="11" fill="#4c6272" data-bar=(what) { "hidden (" (what) ")" }
                        }
                    }
                }
            }
        }
        p.legend { span.k-started {} "started" span.k-completed {} "completed every scenario" }
    }
}

/// `GET /insight`.
///
/// # Errors
/// 403 for other roles.
pub async fn page(
    State(state): State<AppState>,
    who: Authorised<InsightViewers>,
) -> Result<Markup, AppError> {
    let this_week = pause_store::week_start(crate::now());
    let first = this_week - (WEEKS - 1) * WEEK;
    let rows = state.store.usage_since(first).await?;
    let weeks: Vec<i64> = (0..WEEKS).map(|i| first + i * WEEK).collect();

    let drafts: Vec<(i64, Tally)> = weeks
        .iter()
        .map(|&wk| {
            let r: Vec<&UsageRow> = rows
                .iter()
                .filter(|r| r.week_start == wk && r.kind == "draft")
                .collect();
            (wk, tally(&r))
        })
        .collect();
    let by_category: Vec<(Category, Vec<Tally>)> = Category::ALL
        .iter()
        .map(|&c| {
            let per_week = weeks
                .iter()
                .map(|&wk| {
                    let r: Vec<&UsageRow> = rows
                        .iter()
                        .filter(|r| r.week_start == wk && r.kind == "category" && r.key == c.id())
                        .collect();
                    tally(&r)
                })
                .collect();
            (c, per_week)
        })
        .collect();
    let mut reasons: BTreeMap<&str, i64> = BTreeMap::new();
    let mut rules: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for r in &rows {
        if r.kind == "draft" && r.went_ahead && r.verdict == "pause" {
            *reasons.entry(r.reason.as_str()).or_default() += r.n;
        }
        if r.kind == "rule" {
            let e = rules.entry(r.key.as_str()).or_default();
            e.0 += r.n;
            if r.went_ahead {
                e.1 += r.n;
            }
        }
    }
    let mut rules: Vec<(&str, (i64, i64))> = rules.into_iter().collect();
    rules.sort_by_key(|r| std::cmp::Reverse(r.1 .0));

    // Training completion by service.
    let users = state.store.list_users().await?;
    let completions = state.store.all_completions().await?;
    let total_scenarios = state.scenarios.len();
    let mut services: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new(); // people, started, finished all shipped
    for u in &users {
        let service = u.service.clone().unwrap_or_else(|| "(no service)".into());
        let done = state
            .scenarios
            .iter()
            .filter(|s| {
                completions
                    .iter()
                    .any(|c| c.user_id == u.id && c.scenario == s.id)
            })
            .count();
        let e = services.entry(service).or_default();
        e.0 += 1;
        if done > 0 {
            e.1 += 1;
        }
        if done == total_scenarios {
            e.2 += 1;
        }
    }
    let hidden_services = services.values().filter(|s| s.0 < MIN_GROUP).count();

    let total = drafts.iter().fold(Tally::default(), |mut t, (_, d)| {
        t.all += d.all;
        t.paused += d.paused;
        t.went_ahead += d.went_ahead;
        t
    });
    let content = html! {
        h1 { "Insight" }
        p.lede { "How the policy works in practice, from anonymous counts: no drafts, no names. Counts under " (MIN_GROUP) " are shown as \"<" (MIN_GROUP) "\" and rates on fewer than " (MIN_GROUP) " drafts are hidden, so nobody can be singled out." }
        section.card {
            h2 { "The last " (WEEKS) " weeks" }
            p {
                "Drafts finished on the compose page: " strong { (count(total.all)) } ". Paused: " strong { (count(total.paused)) }
                ". Posted anyway after a pause: " strong { (count(total.went_ahead)) } " (" (rate(total.went_ahead, total.paused)) " of pauses)."
            }
            (chart(&drafts))
            div.table-wrap { table {
                thead { tr { th { "Week of" } th.num { "Checked" } th.num { "Paused" } th.num { "Posted anyway" } th.num { "Rate" } } }
                tbody { @for (wk, t) in drafts.iter().rev() {
                    tr { td { (date(*wk)) } td.num { (count(t.all)) } td.num { (count(t.paused)) } td.num { (count(t.went_ahead)) } td.num { (rate(t.went_ahead, t.paused)) } }
                } }
            } }
        }
        section.card {
            h2 { "Pauses by category, per week" }
            div.table-wrap { table {
                thead { tr { th { "Category" } @for wk in weeks.iter().rev().take(6) { th.num { (date(*wk).get(5..).unwrap_or("")) } } th.num { "12 weeks" } th.num { "Posted anyway" } } }
                tbody { @for (c, per_week) in &by_category {
                    @let sum = per_week.iter().fold(Tally::default(), |mut t, w| { t.all += w.all; t.went_ahead += w.went_ahead; t });
                    tr {
                        td { a href=(format!("/guidance/{}", c.id())) { (c.title()) } }
                        @for t in per_week.iter().rev().take(6) { td.num { (count(t.all)) } }
                        td.num { (count(sum.all)) }
                        td.num { (rate(sum.went_ahead, sum.all)) }
                    }
                } }
            } }
        }
        section.card {
            h2 { "Why people posted anyway" }
            div.table-wrap { table {
                thead { tr { th { "Reason" } th.num { "Drafts" } } }
                tbody {
                    @for (id, label) in REASONS.iter().copied().chain([("unstated", "No reason given")]) {
                        tr { td { (label) } td.num { (count(reasons.get(id).copied().unwrap_or(0))) } }
                    }
                }
            } }
            p.hint { "Many \"the finding is wrong\" answers for one rule suggest adjusting it in the policy." }
        }
        section.card {
            h2 { "Rules that paused most often" }
            @let shown: Vec<&(&str, (i64, i64))> = rules.iter().filter(|(_, (n, _))| *n >= MIN_GROUP).take(10).collect();
            @if shown.is_empty() { p.muted { "Not enough data yet." } } @else {
                div.table-wrap { table {
                    thead { tr { th { "Rule" } th.num { "Drafts" } th.num { "Posted anyway" } } }
                    tbody { @for (id, (n, ahead)) in shown { tr { td { code { (id) } } td.num { (n) } td.num { (rate(*ahead, *n)) } } } }
                } }
            }
        }
        section.card {
            h2 { "Training by service" }
            @let shown_services: Vec<(&String, (i64, i64, i64))> = services.iter().filter(|(_, s)| s.0 >= MIN_GROUP).map(|(k, v)| (k, *v)).collect();
            @if shown_services.is_empty() { p.muted { "No service has " (MIN_GROUP) " people or more yet." } } @else { (training_chart(&shown_services)) }
            div.table-wrap { table {
                thead { tr { th { "Service" } th.num { "People" } th.num { "Started" } th.num { "Completed all " (total_scenarios) } } }
                tbody { @for (name, (people, started, all)) in services.iter().filter(|(_, s)| s.0 >= MIN_GROUP) {
                    tr { td { (name) } td.num { (people) } td.num { (rate(*started, *people)) } td.num { (rate(*all, *people)) } }
                } }
            } }
            @if hidden_services > 0 {
                p.hint { (hidden_services) " service(s) with fewer than " (MIN_GROUP) " people are not shown." }
            }
        }
    };
    Ok(layout("Insight", Some(&who), &[], &content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_and_rates_are_never_shown() {
        assert_eq!(
            count(3).into_string(),
            "<span class=\"suppressed\">&lt;5</span>"
        );
        assert_eq!(count(0).into_string(), "0");
        assert_eq!(count(5).into_string(), "5");
        assert_eq!(
            rate(1, 4).into_string(),
            "<span class=\"suppressed\">hidden</span>"
        );
        assert_eq!(
            rate(2, 10).into_string(),
            "<span class=\"suppressed\">hidden</span>"
        );
        assert_eq!(rate(5, 10).into_string(), "50%");
        assert_eq!(rate(0, 10).into_string(), "0%");
    }
}
