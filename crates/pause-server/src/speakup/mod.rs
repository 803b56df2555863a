//! Speak up: raising a concern inside the organisation, handling it up the management chain
//! with deadlines, and the raiser seeing what was done.
//!
//! The rules of the workflow (categories, states, working days, deadlines, receipts, the audit
//! chain, the org chart file) live in the pure `pause-speakup` crate; this module joins them to
//! the store and the people in it. [`cases`] holds every operation on a case (what the pages and
//! the API call), [`jobs`] the background work (escalation, retention, e-mail).
//!
//! ## Decisions
//! * **Sealed before it reaches the store.** The concern, messages, actions, the outcome,
//!   detriment reports and who raised a case are sealed with XChaCha20-Poly1305 under a key kept
//!   outside the database (`--speak-up-key-file` or `PAUSE_SPEAK_UP_KEY`); lookups use keyed
//!   hashes. A copied database file reveals no concern and no raiser.
//! * **Anonymous means anonymous.** No account link, no address, no user agent; everything an
//!   anonymous raiser causes (the case, their messages, the handler's notification, the audit
//!   entry) is timed only to the day.
//! * **Exactly once.** Every change names the version of the case it was decided on; of two
//!   instances escalating one case, the second finds the version moved and does nothing.
//! * **Not found, not forbidden.** Someone with no part in a case gets the same answer as for a
//!   case that does not exist.

pub mod cases;
pub mod files;
pub mod jobs;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use pause_speakup::{Keys, SpeakUpConfig};

use crate::mail::Mailer;

/// What the speak-up workflow needs beyond the store.
pub struct SpeakUp {
    pub keys: Keys,
    pub config: SpeakUpConfig,
    /// E-mail notifications (none: in-app only).
    pub mailer: Option<Mailer>,
}

impl std::fmt::Debug for SpeakUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpeakUp")
            .field("keys", &"(secret)")
            .field("mail", &self.mailer.is_some())
            .finish_non_exhaustive()
    }
}

impl pause_store::AuditChain for SpeakUp {
    fn head_mac(&self, seq: i64, hash: &str) -> String {
        self.keys.index("audit-head", &format!("{seq}:{hash}"))
    }

    fn hash(
        &self,
        seq: i64,
        at: i64,
        case_id: Option<i64>,
        actor: &str,
        action: &str,
        detail: &str,
        prev_hash: &str,
    ) -> String {
        self.keys
            .audit_hash(seq, at, case_id, actor, action, detail, prev_hash)
    }
}

/// The service's clock: the system's, or one the tests set and move.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system clock.
    #[must_use]
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock that stands at `unix` until moved.
    #[must_use]
    pub fn manual(unix: i64) -> Clock {
        Clock(Some(Arc::new(AtomicI64::new(unix))))
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub fn now(&self) -> i64 {
        self.0
            .as_ref()
            .map_or_else(crate::now, |t| t.load(Ordering::SeqCst))
    }

    /// Sets a manual clock (no effect on the system clock).
    pub fn set(&self, unix: i64) {
        if let Some(t) = &self.0 {
            t.store(unix, Ordering::SeqCst);
        }
    }

    /// Moves a manual clock on by `seconds`.
    pub fn advance(&self, seconds: i64) {
        if let Some(t) = &self.0 {
            t.fetch_add(seconds, Ordering::SeqCst);
        }
    }
}

/// Reads the key from a file, or from `PAUSE_SPEAK_UP_KEY` when no file is named.
///
/// # Errors
/// When the file cannot be read or holds no valid key (the message never shows the key).
pub fn load_key(file: Option<&std::path::Path>) -> anyhow::Result<Option<Keys>> {
    use anyhow::Context;
    let text =
        match file {
            Some(path) => Some(std::fs::read_to_string(path).with_context(|| {
                format!("could not read the speak-up key file {}", path.display())
            })?),
            None => std::env::var("PAUSE_SPEAK_UP_KEY").ok(),
        };
    text.map(|t| {
        Keys::parse(&t).map_err(|e| {
            let source = file.map_or_else(
                || "PAUSE_SPEAK_UP_KEY".to_string(),
                |p| p.display().to_string(),
            );
            anyhow::anyhow!("the speak-up key in {source} is not valid: {e}")
        })
    })
    .transpose()
}

/// Failed receipt look-ups per client address, kept in this process's memory only (never
/// written anywhere: an anonymous raiser's address must not be stored). Fixed 15-minute windows.
#[derive(Debug, Default)]
pub struct AddressFailures(
    std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, (i64, u32)>>,
);

impl AddressFailures {
    const WINDOW: i64 = 15 * 60;

    /// Failures from `ip` in the current window.
    pub fn count(&self, ip: std::net::IpAddr, now: i64) -> u32 {
        let map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&ip)
            .filter(|(start, _)| now - start < Self::WINDOW)
            .map_or(0, |(_, n)| *n)
    }

    /// Counts one failure from `ip`.
    pub fn hit(&self, ip: std::net::IpAddr, now: i64) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now - *start < Self::WINDOW);
        }
        let entry = map.entry(ip).or_insert((now, 0));
        if now - entry.0 >= Self::WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
    }
}
