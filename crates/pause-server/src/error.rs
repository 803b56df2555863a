//! One error type for the whole service. Under `/api/` it answers
//! `{"error": {"status", "code", "message"}}`; elsewhere the `html_errors` middleware turns the
//! same error into a page (or, for a missing sign-in, a redirect to the sign-in page).
//! Internal details are logged and never sent.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("sign in first")]
    Unauthorized,
    #[error("your role does not give you access to this page")]
    Forbidden,
    #[error("the form had expired or did not come from this site; reload the page and try again")]
    Csrf,
    #[error("no such page")]
    NotFound,
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    #[error("the request is larger than 64 KB")]
    PayloadTooLarge,
    /// Too large, with what the limit is and what to do.
    #[error("{0}")]
    TooLarge(String),
    #[error("too many attempts; try again in {0} minutes")]
    TooManyRequests(i64),
    #[error("the service is unavailable for a moment; try again")]
    Unavailable,
    #[error("something went wrong on our side")]
    Internal(#[source] anyhow::Error),
}

/// What the HTML renderer needs, carried in the response's extensions.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub message: String,
    pub unauthorized: bool,
}

impl AppError {
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::PayloadTooLarge | AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad-request",
            AppError::Unprocessable(_) => "invalid",
            AppError::UnsupportedMediaType(_) => "unsupported-media-type",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::NotFound => "not-found",
            AppError::MethodNotAllowed => "method-not-allowed",
            AppError::PayloadTooLarge | AppError::TooLarge(_) => "too-large",
            AppError::TooManyRequests(_) => "rate-limited",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<pause_store::StoreError> for AppError {
    fn from(e: pause_store::StoreError) -> AppError {
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> AppError {
        AppError::Internal(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let AppError::Internal(e) = &self {
            // The cause chain, never a draft: no handler puts draft text into an error.
            tracing::error!(error = format!("{e:#}"), "request failed");
        }
        let message = self.to_string();
        let body = serde_json::json!({
            "error": { "status": status.as_u16(), "code": self.code(), "message": message }
        });
        let mut res = (status, axum::Json(body)).into_response();
        if let AppError::TooManyRequests(minutes) = self {
            if let Ok(v) = HeaderValue::from_str(&(minutes * 60).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res.extensions_mut().insert(ErrorInfo {
            status,
            message,
            unauthorized: status == StatusCode::UNAUTHORIZED,
        });
        res
    }
}

/// Gives every error the same shape: JSON under `/api/`, a page (or a sign-in redirect)
/// elsewhere, including the errors axum produces itself (405, form rejections).
pub async fn html_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let api = path.starts_with("/api/") || path == "/healthz";
    // After signing in, come back only to pages that can be fetched again.
    let come_back = req.method() == axum::http::Method::GET;
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let info = res.extensions().get::<ErrorInfo>().cloned();
    let ours = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    let info = match info {
        Some(info) => info,
        // A page a handler rendered on purpose (a form shown again with its errors).
        None if ours => return res,
        None => {
            // An error axum made (method not allowed, a form it could not read): re-render it
            // as ours, with a message chosen by status.
            let err = match status {
                StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
                StatusCode::NOT_FOUND => AppError::NotFound,
                StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType(
                    "send the form as application/x-www-form-urlencoded".into(),
                ),
                s if s.is_client_error() => AppError::Unprocessable(
                    "the form could not be read; reload the page and try again".into(),
                ),
                _ => AppError::Internal(anyhow::anyhow!("unexpected status {status}")),
            };
            let mut fresh = err.into_response();
            if api {
                return fresh;
            }
            let Some(info) = fresh.extensions_mut().remove::<ErrorInfo>() else {
                return fresh;
            };
            info
        }
    };
    if api {
        return res;
    }
    if info.unauthorized {
        let next = if come_back && path.starts_with('/') && !path.starts_with("//") {
            path
        } else {
            "/".into()
        };
        return Redirect::to(&format!("/login?next={}", crate::pages::url_encode(&next)))
            .into_response();
    }
    let mut page = (
        info.status,
        crate::pages::error_page(info.status, &info.message),
    )
        .into_response();
    if let Some(retry) = res.headers().get(header::RETRY_AFTER) {
        page.headers_mut()
            .insert(header::RETRY_AFTER, retry.clone());
    }
    page
}
