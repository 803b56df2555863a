//! The Store contract, run against a real SQLite file and a real PostgreSQL server.

mod support;

use pause_store::{Completion, Role, SessionRecord, Store, StoreError, UsageKey};
use support::{new_user, Db};

async fn contract(store: &dyn Store) {
    // Accounts, managers, duplicates.
    let boss = store
        .create_user(&new_user(
            "boss@t.nhs.uk",
            Role::LineManager,
            None,
            "Pharmacy",
        ))
        .await
        .unwrap();
    let ann = store
        .create_user(&new_user(
            "ann@t.nhs.uk",
            Role::Staff,
            Some(boss.id),
            "Pharmacy",
        ))
        .await
        .unwrap();
    assert_eq!(ann.manager_id, Some(boss.id));
    assert_eq!(ann.service.as_deref(), Some("Pharmacy"));
    let dup = store
        .create_user(&new_user("ann@t.nhs.uk", Role::Staff, None, ""))
        .await
        .unwrap_err();
    assert!(matches!(dup, StoreError::Duplicate(_)), "{dup:?}");
    let orphan = store
        .create_user(&new_user("x@t.nhs.uk", Role::Staff, Some(9999), ""))
        .await
        .unwrap_err();
    assert!(matches!(orphan, StoreError::NotFound(_)), "{orphan:?}");
    assert_eq!(store.team_of(boss.id).await.unwrap(), vec![ann.clone()]);
    assert_eq!(
        store.user_by_email("ann@t.nhs.uk").await.unwrap(),
        Some(ann.clone())
    );
    assert_eq!(store.list_users().await.unwrap().len(), 2);

    // Sessions expire, and a new password ends them.
    let s = SessionRecord {
        token_hash: "h1".into(),
        user_id: ann.id,
        csrf_token: "c1".into(),
        created_at: 100,
        expires_at: 200,
    };
    store.create_session(&s).await.unwrap();
    let (got, user) = store.session("h1", 150).await.unwrap().unwrap();
    assert_eq!((got, user.id), (s.clone(), ann.id));
    // Extended (never shortened) by use.
    store.extend_session("h1", 250).await.unwrap();
    store.extend_session("h1", 220).await.unwrap();
    assert_eq!(
        store
            .session("h1", 200)
            .await
            .unwrap()
            .unwrap()
            .0
            .expires_at,
        250
    );
    assert!(store.session("h1", 250).await.unwrap().is_none());
    assert_eq!(store.prune(300).await.unwrap(), 1);
    store
        .create_session(&SessionRecord {
            token_hash: "h2".into(),
            expires_at: i64::MAX,
            ..s.clone()
        })
        .await
        .unwrap();
    store.set_password(ann.id, "new-hash").await.unwrap();
    assert!(store.session("h2", 150).await.unwrap().is_none());

    // Rate limits count per key and window.
    assert_eq!(store.rate_hit("k", 0).await.unwrap(), 1);
    assert_eq!(store.rate_hit("k", 0).await.unwrap(), 2);
    assert_eq!(store.rate_hit("k", 900).await.unwrap(), 1);
    assert_eq!(store.rate_hits("k", 0).await.unwrap(), 2);
    assert_eq!(store.rate_hits("other", 0).await.unwrap(), 0);

    // Policy versions.
    assert_eq!(store.latest_policy_version_id().await.unwrap(), None);
    let v1 = store
        .save_policy("a = 1", &boss, 10, "first")
        .await
        .unwrap();
    let v2 = store.save_policy("a = 2", &ann, 20, "").await.unwrap();
    assert!(v2 > v1);
    assert_eq!(store.latest_policy_version_id().await.unwrap(), Some(v2));
    let got = store.policy_version(v1).await.unwrap().unwrap();
    assert_eq!(
        (got.policy_toml.as_str(), got.created_by_email.as_str()),
        ("a = 1", "boss@t.nhs.uk")
    );
    let history = store.policy_history(10).await.unwrap();
    assert_eq!(
        history.iter().map(|v| v.id).collect::<Vec<_>>(),
        vec![v2, v1]
    );

    // Usage counters add up.
    let key = |kind: &'static str, k: &str, ahead: bool| UsageKey {
        week_start: 1000,
        kind,
        key: k.into(),
        verdict: "pause",
        went_ahead: ahead,
        reason: if ahead {
            "checked".into()
        } else {
            String::new()
        },
    };
    for _ in 0..3 {
        store
            .record_usage(&[key("draft", "", true), key("rule", "nhs-number", true)])
            .await
            .unwrap();
    }
    store
        .record_usage(&[key("draft", "", false)])
        .await
        .unwrap();
    let rows = store.usage_since(1000).await.unwrap();
    let n = |kind: &str, ahead: bool| {
        rows.iter()
            .filter(|r| r.kind == kind && r.went_ahead == ahead)
            .map(|r| r.n)
            .sum::<i64>()
    };
    assert_eq!(
        (n("draft", true), n("draft", false), n("rule", true)),
        (3, 1, 3)
    );
    assert!(store.usage_since(2000).await.unwrap().is_empty());

    // Training.
    let c = Completion {
        user_id: ann.id,
        scenario: "s01".into(),
        choice: "post".into(),
        correct: false,
        completed_at: 5,
    };
    store.record_completion(&c).await.unwrap();
    store
        .record_completion(&Completion {
            choice: "raise".into(),
            correct: true,
            ..c.clone()
        })
        .await
        .unwrap();
    let mine = store.completions_of(ann.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].correct);
    assert_eq!(store.all_completions().await.unwrap().len(), 1);
    let id = store
        .add_scenario(&pause_store::NewScenario {
            title: "t".into(),
            setting: "s".into(),
            draft: "d".into(),
            best: "edit".into(),
            explanation: "e".into(),
            created_by: boss.id,
            created_at: 1,
        })
        .await
        .unwrap();
    assert_eq!(store.custom_scenarios().await.unwrap()[0].id, id);
    store.ping().await.unwrap();
}

fn run(db: &Db) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = pause_store::connect(&db.url()).await.unwrap();
        contract(store.as_ref()).await;
        // Migrations are idempotent: connecting again changes nothing.
        let again = pause_store::connect(&db.url()).await.unwrap();
        assert_eq!(again.list_users().await.unwrap().len(), 2);
    });
}

#[test]
fn sqlite_keeps_the_store_contract() {
    run(&Db::sqlite());
}

#[test]
fn postgres_keeps_the_store_contract() {
    run(&Db::postgres());
}
