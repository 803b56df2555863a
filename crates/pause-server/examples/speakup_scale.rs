//! How the speak-up workflow holds up with many cases, on a SQLite file (or PostgreSQL with
//! `DATABASE_URL`): raising N concerns, a background round with none due, and a round that
//! escalates all of them.
//!
//! ```sh
//! cargo run --release -p pause-server --example speakup_scale -- 5000
//! ```

use std::time::Instant;

use pause_server::speakup::cases::{raise, RaiseRequest};
use pause_server::speakup::{jobs, Clock, SpeakUp};
use pause_server::{AppState, Config};
use pause_store::{NewUser, Role, User};

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(2000);
    let dir = tempfile::tempdir()?;
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("scale.db").display()));
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let store = pause_store::connect(&url).await?;
        let clock = Clock::manual(1_795_804_200); // Friday 27 November 2026, 18:30
        let state = AppState::new(store.clone(), Config::default())
            .await?
            .with_clock(clock.clone())
            .with_speak_up(SpeakUp {
                keys: pause_speakup::Keys::parse(&pause_speakup::Keys::generate())?,
                config: pause_speakup::SpeakUpConfig::default(),
                mailer: None,
            });
        let add = |email: &str, role: Role, manager: Option<i64>| {
            let store = store.clone();
            let email = email.to_string();
            async move {
                store
                    .create_user(&NewUser {
                        email,
                        role,
                        manager_id: manager,
                        service: Some("Pharmacy".into()),
                        password_hash: "!".into(),
                        created_at: 0,
                    })
                    .await
            }
        };
        let hos: User = add("hos@t.example", Role::HeadOfService, None).await?;
        store
            .set_org_entry(hos.id, hos.role, None, Some("Pharmacy"))
            .await?;
        let sm = add("sm@t.example", Role::SeniorManager, Some(hos.id)).await?;
        let lm = add("lm@t.example", Role::LineManager, Some(sm.id)).await?;
        let staff = add("staff@t.example", Role::Staff, Some(lm.id)).await?;

        let started = Instant::now();
        for i in 0..n {
            let req = RaiseRequest {
                category: "patient-safety".into(),
                text: format!("Concern {i}: the night rota on ward 7 leaves one nurse for 28 patients, again."),
                identity: "open".into(),
                recipient: "line-manager".into(),
                recipient_id: None,
                passphrase: None,
                name: None,
                submission: None,
            };
            raise(&state, Some(&staff), &req, clock.now())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        let raised = started.elapsed();
        println!(
            "raised {n} open concerns in {:.2} s ({:.2} ms each: seal, insert, timeline, notification, audit entry)",
            raised.as_secs_f64(),
            raised.as_secs_f64() * 1000.0 / n as f64
        );

        let started = Instant::now();
        let round = jobs::tick(&state, clock.now())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "a round with none due: {:.1} ms ({round:?})",
            started.elapsed().as_secs_f64() * 1000.0
        );

        clock.advance(5 * 86_400);
        let started = Instant::now();
        let round = jobs::tick(&state, clock.now())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let took = started.elapsed();
        println!(
            "a round escalating all {}: {:.2} s ({:.2} ms each)",
            round.escalated,
            took.as_secs_f64(),
            took.as_secs_f64() * 1000.0 / f64::from(round.escalated.max(1))
        );
        let (log, head) = store.audit_log().await?;
        println!("audit log: {} entries, head {}", log.len(), head.0);
        Ok(())
    })
}
