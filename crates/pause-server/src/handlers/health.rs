//! `GET /healthz`: for load balancers. Answers 200 only when the database answers.

use axum::extract::State;
use axum::Json;

use crate::error::AppError;
use crate::state::AppState;

/// `{"status": "ok", "database": "sqlite"|"postgres"}`.
///
/// # Errors
/// [`AppError::Unavailable`] when the database does not answer.
pub async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    state.store.ping().await.map_err(|e| {
        tracing::error!(error = %e, "health check failed");
        AppError::Unavailable
    })?;
    Ok(Json(
        serde_json::json!({ "status": "ok", "database": state.store.dialect() }),
    ))
}
