//! Guidance pages, generated from the rule catalogue and the organisation's policy.

use axum::extract::{Path, State};
use maud::html;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::layout;
use crate::state::AppState;

/// `GET /guidance`.
pub async fn index(who: SignedIn) -> maud::Markup {
    layout("Guidance", Some(&who), &[], &html! { h1 { "Guidance" } })
}

/// `GET /guidance/{category}`.
///
/// # Errors
/// 404 for an unknown category.
pub async fn category(
    State(_state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<maud::Markup, AppError> {
    let c = pause_core::Category::from_id(&id).ok_or(AppError::NotFound)?;
    Ok(layout(
        c.title(),
        Some(&who),
        &[],
        &html! { h1 { (c.title()) } },
    ))
}
