//! The stylesheet, scripts and icon, compiled into the binary (no build step, no CDN).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// (name, content type, contents).
const FILES: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
    (
        "compose.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/compose.js"),
    ),
    (
        "concern.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/concern.js"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_str!("../assets/icon.svg"),
    ),
];

/// `GET /static/{file}`.
///
/// # Errors
/// [`AppError::NotFound`] for any other name.
pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let (_, content_type, body) = FILES
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        *body,
    )
        .into_response())
}
