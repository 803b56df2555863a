//! # pause-server: the organisation's Pause service
//!
//! `pause serve` in a library: the check API, the compose page, the organisation's policy,
//! guidance, training and insight, on axum over a [`pause_store::Store`].
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let store = pause_store::connect("sqlite://pause.db").await?;
//! let state = pause_server::AppState::new(store, pause_server::Config::default()).await?;
//! let app = pause_server::router(state);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
//!
//! ## Decisions
//! * **Drafts pass through memory only.** The check API and the compose page never write a
//!   draft to the database or the logs: handlers are `#[instrument(skip_all)]`, request logs
//!   carry the route, status and time only, and the compose page reports anonymous counts (rule
//!   ids, verdict, went-ahead reason) with no user id. `tests/privacy.rs` proves it.
//! * **Every instance uses the newest policy at once, without a query per request.** Requests
//!   share version look-ups: each waits for a look-up that *started after it arrived* (so it
//!   sees every save committed before it), and all requests that arrived during one look-up
//!   share the next. Engines are built once per version. See [`engines`].
//! * **Nothing that matters is kept in one process**: sessions, login rate limits, policy
//!   versions and training live in the store, so instances behind a load balancer agree.
//! * **One error type.** [`error::AppError`] answers JSON under `/api/` and an HTML page
//!   elsewhere; details are logged, never sent.
//! * **No build step, no CDN.** Pages are rendered on the server with maud; the small scripts
//!   and the stylesheet are compiled into the binary and served from `/static/`, which lets the
//!   Content-Security-Policy forbid everything else (no inline script or style).

pub mod assets;
pub mod auth;
pub mod cli;
pub mod cli_speakup;
pub mod engines;
pub mod error;
pub mod handlers;
pub mod mail;
pub mod pages;
pub mod router;
pub mod speakup;
pub mod state;
pub mod training;

pub use router::router;
pub use state::{AppState, Config};

/// Seconds since the Unix epoch.
#[must_use]
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Serves the service on `listener` until `shutdown` completes (with client addresses, which
/// the sign-in rate limit needs).
///
/// # Errors
/// When accepting connections fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
