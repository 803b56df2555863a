//! The engine for the policy in force, on every instance, at once.
//!
//! A policy saved on one instance must be enforced by every other instance from the next
//! request on. Asking the database for the newest version id on every check would cost a
//! round trip per request; caching it for a while would break "at once". Instead requests
//! *share* look-ups:
//!
//! * a request notes how many look-ups had started when it arrived (`arrival`);
//! * it then waits its turn for the one look-up slot; if a look-up that started after its
//!   arrival has finished meanwhile, it uses that answer, which already reflects every save
//!   committed before the request arrived;
//! * otherwise it starts a look-up itself, and every request that arrived while it ran will
//!   share this one.
//!
//! So there is at most one look-up in flight per instance, each serving every request that
//! arrived during the previous one, and no request ever uses a version older than the newest
//! one committed before it arrived. Engines are built once per version (about 10 ms) and kept.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use pause_core::{Engine, Policy};
use pause_store::Store;

use crate::error::AppError;

/// An engine and the policy version it was built from (`None`: no policy saved yet, so the
/// built-in defaults).
#[derive(Debug)]
pub struct Loaded {
    pub version: Option<i64>,
    pub policy: Policy,
    pub engine: Engine,
}

/// The engine cache and the shared version look-up.
#[derive(Debug)]
pub struct Engines {
    store: Arc<dyn Store>,
    started: AtomicU64,
    /// (sequence number of the look-up that produced it, the version it found).
    slot: tokio::sync::Mutex<(u64, Option<i64>)>,
    current: RwLock<Option<Arc<Loaded>>>,
    building: tokio::sync::Mutex<()>,
}

impl Engines {
    #[must_use]
    pub fn new(store: Arc<dyn Store>) -> Engines {
        Engines {
            store,
            started: AtomicU64::new(0),
            slot: tokio::sync::Mutex::new((0, None)),
            current: RwLock::new(None),
            building: tokio::sync::Mutex::new(()),
        }
    }

    /// The newest policy version id, as of some moment after this call began.
    ///
    /// # Errors
    /// When the store cannot be read.
    pub async fn latest_version(&self) -> Result<Option<i64>, AppError> {
        let arrival = self.started.load(Ordering::SeqCst);
        let mut slot = self.slot.lock().await;
        if slot.0 > arrival {
            return Ok(slot.1);
        }
        let seq = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let version = self.store.latest_policy_version_id().await.map_err(|e| {
            tracing::error!(error = %e, "could not read the policy version");
            AppError::Unavailable
        })?;
        *slot = (seq, version);
        Ok(version)
    }

    /// The engine for the newest policy, built on first use of each version.
    ///
    /// # Errors
    /// When the store cannot be read or the stored policy no longer parses.
    pub async fn current(&self) -> Result<Arc<Loaded>, AppError> {
        let version = self.latest_version().await?;
        if let Some(loaded) = self.cached(version) {
            return Ok(loaded);
        }
        let _building = self.building.lock().await;
        if let Some(loaded) = self.cached(version) {
            return Ok(loaded);
        }
        let policy = match version {
            None => Policy::default(),
            Some(id) => {
                let stored = self
                    .store
                    .policy_version(id)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("policy version {id} vanished"))?;
                Policy::from_toml(&stored.policy_toml).map_err(|e| {
                    anyhow::anyhow!("the stored policy version {id} does not parse: {e}")
                })?
            }
        };
        let loaded = tokio::task::spawn_blocking(move || {
            Engine::new(&policy).map(|engine| Loaded {
                version,
                policy,
                engine,
            })
        })
        .await
        .map_err(|e| anyhow::anyhow!("building the engine panicked: {e}"))?
        .map_err(|e| anyhow::anyhow!("building the engine failed: {e}"))?;
        let loaded = Arc::new(loaded);
        let mut current = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Versions only grow: never replace a newer engine with an older one.
        if current.as_ref().is_none_or(|c| c.version <= loaded.version) {
            *current = Some(loaded.clone());
        }
        tracing::info!(version = ?version, "policy engine built");
        Ok(loaded)
    }

    fn cached(&self, version: Option<i64>) -> Option<Arc<Loaded>> {
        let current = self
            .current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        current.as_ref().filter(|c| c.version == version).cloned()
    }
}
