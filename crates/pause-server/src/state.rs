//! What every handler can reach: the store, the engine cache, the configuration and the
//! shipped training scenarios.

use std::sync::Arc;

use pause_store::Store;

use crate::engines::Engines;
use crate::speakup::{AddressFailures, Clock, SpeakUp};
use crate::training::Scenario;

/// The service's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set this behind TLS). Requests that arrive with
    /// `X-Forwarded-Proto: https` get `Secure` cookies anyway.
    pub secure_cookies: bool,
    /// How long a session lasts at most, in seconds.
    pub session_ttl: i64,
    /// A session unused for this long (seconds) ends, before its lifetime is up.
    pub session_idle: i64,
    /// Failed sign-ins allowed per account per window before refusing.
    pub login_limit_per_account: i64,
    /// Failed sign-ins allowed per client address per window.
    pub login_limit_per_address: i64,
    /// The rate-limit window, in seconds.
    pub login_window: i64,
    /// Extension counts (`POST /api/v1/events`) accepted per client address per window.
    pub events_limit_per_address: i64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            secure_cookies: false,
            session_ttl: 8 * 3600,
            session_idle: 30 * 60,
            login_limit_per_account: 5,
            login_limit_per_address: 30,
            login_window: 15 * 60,
            events_limit_per_address: 300,
        }
    }
}

/// Shared state, cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub engines: Arc<Engines>,
    pub config: Arc<Config>,
    pub scenarios: Arc<Vec<Scenario>>,
    /// Speaking up (none until the service is given its key).
    pub speakup: Option<Arc<SpeakUp>>,
    /// The clock the speak-up workflow runs on (tests move it).
    pub clock: Clock,
    /// Failed receipt look-ups per address, in memory only.
    pub receipt_failures: Arc<AddressFailures>,
    /// Anonymous concerns raised per address, in memory only.
    pub anonymous_raises: Arc<AddressFailures>,
    /// argon2 runs allowed at once (each takes about 19 MiB).
    pub argon2: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// Builds the state and the engine for the policy in force.
    ///
    /// # Errors
    /// When the store cannot be read or the policy in force does not build.
    pub async fn new(store: Arc<dyn Store>, config: Config) -> anyhow::Result<AppState> {
        let engines = Arc::new(Engines::new(store.clone()));
        engines
            .current()
            .await
            .map_err(|e| anyhow::anyhow!("could not load the policy in force: {e:?}"))?;
        Ok(AppState {
            store,
            engines,
            config: Arc::new(config),
            scenarios: Arc::new(crate::training::shipped()),
            speakup: None,
            clock: Clock::system(),
            receipt_failures: Arc::new(AddressFailures::default()),
            anonymous_raises: Arc::new(AddressFailures::default()),
            argon2: Arc::new(tokio::sync::Semaphore::new(4)),
        })
    }

    /// Turns speaking up on.
    #[must_use]
    pub fn with_speak_up(mut self, speak_up: SpeakUp) -> AppState {
        self.speakup = Some(Arc::new(speak_up));
        self
    }

    /// Runs the speak-up workflow on `clock` (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> AppState {
        self.clock = clock;
        self
    }
}
