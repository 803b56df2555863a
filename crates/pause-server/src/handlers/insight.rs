//! Insight: anonymous counts per week and category, training by service; no group under 5.

use axum::extract::State;
use maud::html;
use pause_store::Role;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::layout;
use crate::state::AppState;

/// `GET /insight` (comms, head-of-service, admin).
///
/// # Errors
/// 403 for other roles.
pub async fn page(State(_state): State<AppState>, who: SignedIn) -> Result<maud::Markup, AppError> {
    who.require(&[Role::Comms, Role::HeadOfService, Role::Admin])?;
    Ok(layout(
        "Insight",
        Some(&who),
        &[],
        &html! { h1 { "Insight" } },
    ))
}
