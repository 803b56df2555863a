//! Speaking up, end to end over HTTP with a clock the tests move, against a real SQLite file and
//! a real PostgreSQL server: raising in the three identity modes, escalation on the right
//! working day (exactly once, also with two instances), an anonymous raiser following the case,
//! a confidential name hidden until consent, retention, sealing at rest, the audit chain, e-mail
//! through a real SMTP server, access to cases, and bad input.

mod support;

use std::sync::mpsc;
use std::time::Duration;

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

use pause_server::speakup::Clock;
use pause_store::{Role, Store, User};
use support::{contains_bytes, Client, Db, Resp, TestServer, TEST_KEY};

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(&super::Db::sqlite()); })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(&super::Db::postgres()); })*
        }
    };
}

on_both!(
    a_friday_evening_concern_escalates_on_the_right_working_day,
    bank_holidays_do_not_count,
    each_escalation_happens_once_even_with_two_instances,
    an_anonymous_raiser_follows_the_case_and_gets_the_outcome,
    a_confidential_name_reaches_the_head_of_service_only_with_consent,
    a_closed_case_is_deleted_on_schedule,
    the_database_holds_no_concern_and_no_raiser_in_clear,
    the_audit_log_records_every_view_and_change_and_shows_tampering,
    only_the_raiser_the_handler_chain_and_the_guardian_see_a_case,
    bad_input_is_refused_clearly,
    detriment_is_recorded_and_oversight_counts_it,
    org_chart_import_checks_everything_first,
    attention_emails_go_out_through_smtp_and_say_nothing_of_the_case,
    files_are_checked_stripped_sealed_and_only_for_the_case,
    a_handler_who_cannot_deal_with_it_passes_it_up,
    an_admin_cannot_make_anyone_guardian_from_the_web,
);

/// Friday 27 November 2026, 18:30 in London (GMT).
const FRIDAY_EVENING: i64 = 1_795_804_200;

fn local(s: &str) -> i64 {
    // Test times are written in UTC (London is on GMT in winter).
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
        .timestamp()
}

/// The people of a small organisation: Pharmacy (staff -> line manager -> senior manager ->
/// head of service), a line manager in Surgery, the guardian, an admin.
struct Org {
    staff: User,
    lm: User,
    sm: User,
    hos: User,
    other: User,
    guardian: User,
    admin: User,
}

fn org(s: &TestServer) -> Org {
    let hos = s.add_user("hos@trust.example", Role::HeadOfService, None, "Pharmacy");
    s.block_on(
        s.store
            .set_org_entry(hos.id, hos.role, None, Some("Pharmacy")),
    )
    .unwrap();
    let sm = s.add_user(
        "sm@trust.example",
        Role::SeniorManager,
        Some(hos.id),
        "Pharmacy",
    );
    let lm = s.add_user(
        "lm@trust.example",
        Role::LineManager,
        Some(sm.id),
        "Pharmacy",
    );
    let staff = s.add_user("staff@trust.example", Role::Staff, Some(lm.id), "Pharmacy");
    let other = s.add_user("other@trust.example", Role::LineManager, None, "Surgery");
    let guardian = s.add_user(
        "guardian@trust.example",
        Role::SpeakUpGuardian,
        None,
        "Corporate",
    );
    let admin = s.add_user("admin@trust.example", Role::Admin, None, "");
    Org {
        staff,
        lm,
        sm,
        hos,
        other,
        guardian,
        admin,
    }
}

fn signed_in(s: &TestServer, who: &User) -> (Client, String) {
    let c = s.client();
    c.login_ok(&who.email);
    let csrf = c.csrf();
    (c, csrf)
}

fn raise(c: &Client, csrf: &str, body: &serde_json::Value) -> Resp {
    c.post_json_with(
        "/api/v1/concerns",
        &body.to_string(),
        &[("X-CSRF-Token", csrf)],
    )
}

fn raised_id(r: &Resp) -> i64 {
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

fn act(c: &Client, csrf: &str, id: i64, transition: &str, note: &str) -> Resp {
    c.post_form(
        &format!("/concerns/{id}/act"),
        &[("csrf", csrf), ("transition", transition), ("note", note)],
    )
}

fn case(s: &TestServer, id: i64) -> pause_store::ConcernRow {
    s.block_on(s.store.concern(id)).unwrap().unwrap()
}

fn a_friday_evening_concern_escalates_on_the_right_working_day(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "Two nurses on nights for 28 patients on ward 7 again.", "identity": "open"}),
    ));
    let row = case(&s, id);
    assert_eq!(row.handler_id, Some(o.lm.id));
    // Acknowledge within 2 working days: Monday and Tuesday count, so it is late from
    // Wednesday 00:00.
    assert_eq!(row.due_kind.as_deref(), Some("acknowledge"));
    assert_eq!(row.due_at, Some(local("2026-12-02 00:00")));

    // The weekend and Monday and Tuesday pass: nothing happens.
    for t in ["2026-11-28 12:00", "2026-11-30 09:00", "2026-12-01 23:59"] {
        clock.set(local(t));
        assert_eq!(s.tick().escalated, 0, "at {t}");
    }
    assert_eq!(case(&s, id).handler_id, Some(o.lm.id));

    // Wednesday: it goes to the line manager's manager, and the guardian is told.
    clock.set(local("2026-12-02 00:01"));
    assert_eq!(s.tick().escalated, 1);
    let row = case(&s, id);
    assert_eq!(row.handler_id, Some(o.sm.id));
    assert_eq!(row.escalation_level, 1);
    // A fresh 2 working days for the new handler: Thursday and Friday.
    assert_eq!(row.due_at, Some(local("2026-12-05 00:00")));
    let (sm, _) = signed_in(&s, &o.sm);
    let page = sm.get("/notifications");
    assert!(page.body.contains(&format!("case #{id}")), "{}", page.body);
    let (g, _) = signed_in(&s, &o.guardian);
    assert!(g
        .get("/notifications")
        .body
        .contains(&format!("case #{id}")));
    assert_eq!(s.tick().escalated, 0, "the same deadline escalates once");

    // Missed again: the head of service.
    clock.set(local("2026-12-05 08:00"));
    assert_eq!(s.tick().escalated, 1);
    let row = case(&s, id);
    assert_eq!(row.handler_id, Some(o.hos.id));
    assert_eq!(row.escalation_level, 2);

    // The head is the top: a further miss marks it overdue for the guardian.
    clock.set(local("2026-12-10 08:00"));
    let round = s.tick();
    assert_eq!((round.escalated, round.overdue), (0, 1));
    assert!(case(&s, id).overdue);
    let over = g.get("/speak-up/oversight");
    assert!(over.body.contains(&format!("Case #{id}")), "{}", over.body);

    // The raiser sees the escalations on their case.
    let page = c.get(&format!("/concerns/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("escalated"));
    assert!(page.body.contains("hos@trust.example"));

    // Once acknowledged, the next deadline is the first feedback.
    let (h, hcsrf) = signed_in(&s, &o.hos);
    assert_eq!(act(&h, &hcsrf, id, "acknowledge", "").status, 303);
    let row = case(&s, id);
    assert_eq!(row.status, "acknowledged");
    assert_eq!(row.due_kind.as_deref(), Some("feedback"));
    assert!(!row.overdue);
}

fn bank_holidays_do_not_count(db: &Db) {
    // Thursday 24 December 2026: Christmas Day (Friday) and Boxing Day's substitute (Monday 28)
    // do not count; Tuesday 29 and Wednesday 30 do.
    let clock = Clock::manual(local("2026-12-24 16:00"));
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "The controlled drugs cupboard lock is broken.", "identity": "open"}),
    ));
    assert_eq!(case(&s, id).due_at, Some(local("2026-12-31 00:00")));
    // Other categories: 7 calendar days.
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "worker-safety", "text": "The car park lights are out.", "identity": "open"}),
    ));
    assert_eq!(case(&s, id).due_at, Some(local("2027-01-01 00:00")));
}

fn each_escalation_happens_once_even_with_two_instances(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let a = TestServer::start_speak_up(db, clock.clone(), None);
    let b = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&a);
    let (c, csrf) = signed_in(&a, &o.staff);
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(raised_id(&raise(
            &c,
            &csrf,
            &serde_json::json!({"category": "patient-safety", "text": format!("Concern number {n} about the fridge temperatures."), "identity": "confidential"}),
        )));
    }
    clock.set(local("2026-12-02 09:00"));
    // Both instances run their round at the same moment, many times over.
    let mut total = 0;
    for _ in 0..3 {
        let (ra, rb) = std::thread::scope(|scope| {
            let ha = scope.spawn(|| a.tick());
            let hb = scope.spawn(|| b.tick());
            (ha.join().unwrap(), hb.join().unwrap())
        });
        total += ra.escalated + rb.escalated;
    }
    assert_eq!(total, 6, "six cases, each escalated exactly once");
    for id in ids {
        let events = a.block_on(a.store.events_of(id)).unwrap();
        assert_eq!(events.iter().filter(|e| e.kind == "escalated").count(), 1);
        assert_eq!(case(&a, id).handler_id, Some(o.sm.id));
    }
    // And the audit chain stayed one chain.
    let keys = pause_speakup::Keys::parse(TEST_KEY).unwrap();
    let (rows, head) = a.block_on(a.store.audit_log()).unwrap();
    pause_speakup::verify_chain(&keys, rows.into_iter().map(entry), Some(head)).unwrap();
}

fn entry(r: pause_store::AuditRow) -> pause_speakup::AuditEntry {
    pause_speakup::AuditEntry {
        seq: r.seq,
        at: r.at,
        case_id: r.case_id,
        actor: r.actor,
        action: r.action,
        detail: r.detail,
        prev_hash: r.prev_hash,
        hash: r.hash,
    }
}

fn receipt_get(c: &Client, receipt: &str, passphrase: &str) -> Resp {
    c.get_with(
        &format!("/api/v1/concerns/receipt/{receipt}"),
        &[("Pause-Passphrase", passphrase)],
    )
}

fn an_anonymous_raiser_follows_the_case_and_gets_the_outcome(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let anon = s.client(); // never signs in
    let r = anon.post_json(
        "/api/v1/concerns",
        &serde_json::json!({"category": "bullying-harassment", "text": "The band 7 on ward 9 shouts at the students every shift.", "identity": "anonymous", "recipient": "guardian", "passphrase": "blue kettle on the windowsill"}).to_string(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    assert_eq!(receipt.len(), 19, "XXXX-XXXX-XXXX-XXXX: {receipt}");
    let id = r.json()["id"].as_i64().unwrap();
    let row = case(&s, id);
    assert_eq!(row.handler_id, Some(o.guardian.id));
    assert!(row.raiser_tag.is_none() && row.raiser_sealed.is_none());
    // Only the day is kept: Friday 00:00.
    assert_eq!(row.raised_at, local("2026-11-27 00:00"));

    // Following it: the code is forgiving about case and dashes.
    let view = receipt_get(
        &anon,
        &receipt.to_lowercase().replace('-', " "),
        "blue kettle on the windowsill",
    );
    assert_eq!(view.status, 200, "{}", view.body);
    assert_eq!(view.json()["status"], "raised");
    // A wrong passphrase and a wrong code get the same answer.
    let wrong_pass = receipt_get(&anon, &receipt, "red kettle on the windowsill");
    let wrong_code = receipt_get(
        &anon,
        "ABCD-EFGH-JKMN-PQRS",
        "blue kettle on the windowsill",
    );
    assert_eq!(wrong_pass.status, 404);
    assert_eq!(
        (wrong_pass.status, wrong_pass.body.clone()),
        (wrong_code.status, wrong_code.body.clone())
    );

    // The guardian acknowledges and asks a question.
    clock.set(local("2026-11-30 10:15"));
    let (g, gcsrf) = signed_in(&s, &o.guardian);
    let page = g.get(&format!("/concerns/{id}"));
    assert!(page.body.contains("an anonymous member of staff"));
    assert_eq!(act(&g, &gcsrf, id, "acknowledge", "").status, 303);
    let w = g.post_form(
        &format!("/concerns/{id}/write"),
        &[
            ("csrf", &gcsrf),
            ("kind", "message"),
            ("text", "Thank you. Which days does this happen?"),
        ],
    );
    assert_eq!(w.status, 303, "{}", w.body);

    // The raiser reads it and answers, anonymously.
    let view = receipt_get(&anon, &receipt, "blue kettle on the windowsill").json();
    assert_eq!(view["status"], "acknowledged");
    let said: Vec<String> = view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["body"].as_str().map(String::from))
        .collect();
    assert!(said.iter().any(|b| b.contains("Which days")), "{view}");
    clock.set(local("2026-11-30 21:47"));
    let reply = anon.post_json_with(
        &format!("/api/v1/concerns/receipt/{receipt}/messages"),
        r#"{"text":"Mostly Tuesday and Thursday late shifts."}"#,
        &[("Pause-Passphrase", "blue kettle on the windowsill")],
    );
    assert_eq!(reply.status, 204, "{}", reply.body);
    // The handler sees the reply; the raiser's time of day is not kept.
    let events = s.block_on(s.store.events_of(id)).unwrap();
    let last = events.last().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.at),
        ("raiser", local("2026-11-30 00:00"))
    );
    assert!(g
        .get(&format!("/concerns/{id}"))
        .body
        .contains("Mostly Tuesday"));

    // Investigation, an action taken ("you said, we did"), the outcome.
    assert_eq!(act(&g, &gcsrf, id, "investigate", "").status, 303);
    g.post_form(
        &format!("/concerns/{id}/write"),
        &[
            ("csrf", &gcsrf),
            ("kind", "action"),
            ("text", "Spoke to the ward manager; rota changed."),
        ],
    );
    g.post_form(
        &format!("/concerns/{id}/write"),
        &[
            ("csrf", &gcsrf),
            ("kind", "note"),
            ("text", "INTERNAL: HR informed"),
        ],
    );
    assert_eq!(
        act(
            &g,
            &gcsrf,
            id,
            "give-outcome",
            "The behaviour was addressed and will be monitored."
        )
        .status,
        303
    );
    let view = receipt_get(&anon, &receipt, "blue kettle on the windowsill").json();
    assert_eq!(view["status"], "outcome-given");
    assert_eq!(
        view["outcome"],
        "The behaviour was addressed and will be monitored."
    );
    let body = view.to_string();
    assert!(body.contains("rota changed"));
    assert!(!body.contains("INTERNAL"), "internal notes stay internal");

    // The anonymous pages do the same without JavaScript.
    let page = anon.post_form(
        "/concerns/follow",
        &[
            ("receipt", &receipt),
            ("passphrase", "blue kettle on the windowsill"),
        ],
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The behaviour was addressed"));
    let page = anon.post_form(
        "/concerns/follow",
        &[("receipt", &receipt), ("passphrase", "nope nope nope")],
    );
    assert_eq!(page.status, 404);
    assert!(page.body.contains("do not open a case"));

    // Nothing identifying the raiser's connection was stored.
    if let Db::Sqlite(_) = db {
        for f in db.sqlite_files() {
            let bytes = std::fs::read(&f).unwrap();
            assert!(
                !contains_bytes(&bytes, b"127.0.0.1"),
                "{f:?} holds an address"
            );
        }
    }
}

fn a_confidential_name_reaches_the_head_of_service_only_with_consent(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "Controlled drug counts are being signed without counting.", "identity": "confidential", "name": "Zebedee Quintrell"}),
    ));
    // The recipient and the guardian see the name.
    let (lm, _) = signed_in(&s, &o.lm);
    assert!(lm
        .get(&format!("/concerns/{id}"))
        .body
        .contains("Zebedee Quintrell"));
    let (g, _) = signed_in(&s, &o.guardian);
    assert!(g
        .get(&format!("/concerns/{id}"))
        .body
        .contains("Zebedee Quintrell"));
    // Escalated twice, to the head of service, who does not.
    clock.set(local("2026-12-02 09:00"));
    s.tick();
    clock.set(local("2026-12-06 09:00"));
    s.tick();
    assert_eq!(case(&s, id).handler_id, Some(o.hos.id));
    let (h, _) = signed_in(&s, &o.hos);
    let page = h.get(&format!("/concerns/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Controlled drug counts"));
    assert!(!page.body.contains("Zebedee"), "{}", page.body);
    assert!(!page.body.contains("staff@trust.example"));
    let (sm, _) = signed_in(&s, &o.sm);
    assert!(!sm.get(&format!("/concerns/{id}")).body.contains("Zebedee"));
    // The raiser consents; now they do.
    let r = c.post_form(&format!("/concerns/{id}/consent"), &[("csrf", &csrf)]);
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(h
        .get(&format!("/concerns/{id}"))
        .body
        .contains("Zebedee Quintrell"));
    // Only the raiser can consent.
    let (hc, hcsrf) = (h, signed_in(&s, &o.hos).1);
    let _ = hc;
    let other = s.client();
    other.login_ok(&o.hos.email);
    assert_eq!(
        other
            .post_form(&format!("/concerns/{id}/consent"), &[("csrf", &hcsrf)])
            .status,
        403
    );
}

fn a_closed_case_is_deleted_on_schedule(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "staffing", "text": "Pharmacy weekend cover is one person for the whole site.", "identity": "open"}),
    ));
    let sealed = case(&s, id).text_sealed;
    let (lm, lcsrf) = signed_in(&s, &o.lm);
    assert_eq!(
        act(&lm, &lcsrf, id, "close", "").status,
        422,
        "an open case needs an outcome first"
    );
    assert_eq!(act(&lm, &lcsrf, id, "acknowledge", "").status, 303);
    assert_eq!(
        act(
            &lm,
            &lcsrf,
            id,
            "give-outcome",
            "A second pharmacist is now on the weekend rota."
        )
        .status,
        303
    );
    clock.set(local("2026-12-01 10:00"));
    assert_eq!(act(&lm, &lcsrf, id, "close", "").status, 303);
    // Retention is 12 months after closing, with a warning 30 days before.
    clock.set(local("2027-10-31 12:00"));
    assert_eq!(s.tick(), pause_server::speakup::jobs::Round::default());
    clock.set(local("2027-11-02 12:00"));
    assert_eq!(s.tick().retention_warnings, 1);
    assert_eq!(s.tick().retention_warnings, 0, "warned once");
    let (g, _) = signed_in(&s, &o.guardian);
    assert!(g
        .get("/notifications")
        .body
        .contains("will soon be deleted"));
    assert!(case(&s, id).retention_warned);
    clock.set(local("2027-12-02 00:01"));
    assert_eq!(s.tick().deleted, 1);
    assert!(s.block_on(s.store.concern(id)).unwrap().is_none());
    assert!(s.block_on(s.store.events_of(id)).unwrap().is_empty());
    assert!(s.block_on(s.store.handlers_of(id)).unwrap().is_empty());
    assert_eq!(c.get(&format!("/concerns/{id}")).status, 404);
    // The audit log keeps that it existed and was deleted (no content), and still verifies.
    let (rows, head) = s.block_on(s.store.audit_log()).unwrap();
    assert!(rows
        .iter()
        .any(|r| r.case_id == Some(id) && r.action == "delete"));
    let keys = pause_speakup::Keys::parse(TEST_KEY).unwrap();
    pause_speakup::verify_chain(&keys, rows.into_iter().map(entry), Some(head)).unwrap();
    // Deletion is real: not even the sealed bytes remain in the SQLite files.
    if let Db::Sqlite(_) = db {
        for f in db.sqlite_files() {
            let bytes = std::fs::read(&f).unwrap();
            assert!(
                !contains_bytes(&bytes, &sealed[8..40]),
                "{f:?} still holds the sealed text"
            );
        }
    }
}

fn the_database_holds_no_concern_and_no_raiser_in_clear(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    const TEXT: &str = "Marmalade-Otter-7731: the insulin fridge alarm has been switched off.";
    const NAME: &str = "Perpetua Wolstenholme";
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": TEXT, "identity": "confidential", "name": NAME}),
    ));
    let (lm, lcsrf) = signed_in(&s, &o.lm);
    lm.post_form(
        &format!("/concerns/{id}/write"),
        &[
            ("csrf", &lcsrf),
            ("kind", "message"),
            ("text", "Quokka-Reply-4410 thank you"),
        ],
    );
    c.post_form(
        &format!("/concerns/{id}/detriment"),
        &[
            ("csrf", &csrf),
            ("text", "Narwhal-Detriment-9 moved to nights"),
        ],
    );
    // The service shows it all to those who may see it.
    let page = lm.get(&format!("/concerns/{id}"));
    assert!(page.body.contains("Marmalade-Otter-7731") && page.body.contains(NAME));
    let markers: [&[u8]; 4] = [
        b"Marmalade-Otter",
        NAME.as_bytes(),
        b"Quokka-Reply",
        b"Narwhal-Detriment",
    ];
    match db {
        Db::Sqlite(_) => {
            for f in db.sqlite_files() {
                let bytes = std::fs::read(&f).unwrap();
                for m in markers {
                    assert!(
                        !contains_bytes(&bytes, m),
                        "{f:?} holds {}",
                        String::from_utf8_lossy(m)
                    );
                }
            }
        }
        Db::Postgres(pg) => {
            let dump = pg.dump();
            assert!(dump.contains("concerns"), "the dump has the tables");
            for m in markers {
                assert!(
                    !contains_bytes(dump.as_bytes(), m),
                    "the dump holds {}",
                    String::from_utf8_lossy(m)
                );
            }
            if let Some(dir) = pg.data_dir() {
                for f in support::files_under(&dir) {
                    let bytes = std::fs::read(&f).unwrap_or_default();
                    for m in markers {
                        assert!(
                            !contains_bytes(&bytes, m),
                            "{f:?} holds {}",
                            String::from_utf8_lossy(m)
                        );
                    }
                }
            }
        }
    }
    // Nothing ties the raiser's account to the case: not the audit log, not their notifications.
    let (rows, _) = s.block_on(s.store.audit_log()).unwrap();
    assert!(
        rows.iter()
            .filter(|r| r.case_id == Some(id))
            .all(|r| r.actor != format!("user:{}", o.staff.id)),
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .any(|r| r.case_id == Some(id) && r.actor == "raiser" && r.action == "detriment"));
    let mine = s
        .block_on(s.store.notifications_of(o.staff.id, 100))
        .unwrap();
    assert!(!mine.is_empty(), "the raiser was told of the reply");
    assert!(mine.iter().all(|n| n.concern_id.is_none()), "{mine:?}");
    assert!(c.get("/notifications").body.contains("your concerns"));
    // Someone with write access to the database copies their own case's raiser tag onto this
    // one: they do not become its raiser (the sealed identity is bound to the case).
    let (c2, csrf2) = signed_in(&s, &o.lm);
    let mine = raised_id(&raise(
        &c2,
        &csrf2,
        &serde_json::json!({"category": "other", "text": "my own", "identity": "open", "recipient": "guardian"}),
    ));
    let my_tag = case(&s, mine).raiser_tag.unwrap();
    let my_sealed = case(&s, mine).raiser_sealed.unwrap();
    let (other, _) = signed_in(&s, &o.other);
    let mine_other = raised_id(&raise(
        &other,
        &other.csrf(),
        &serde_json::json!({"category": "other", "text": "other's", "identity": "open", "recipient": "guardian"}),
    ));
    let _ = mine_other;
    let url = db.url();
    s.block_on(async {
        if url.starts_with("sqlite") {
            use sqlx::Connection;
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query("UPDATE concerns SET raiser_tag = $1, raiser_sealed = $2 WHERE id = $3")
                .bind(&my_tag)
                .bind(&my_sealed)
                .bind(id)
                .execute(&mut conn)
                .await
                .unwrap();
        } else {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query("UPDATE concerns SET raiser_tag = $1, raiser_sealed = $2 WHERE id = $3")
                .bind(&my_tag)
                .bind(&my_sealed)
                .bind(id)
                .execute(&mut conn)
                .await
                .unwrap();
        }
    });
    let page = c2.get(&format!("/concerns/{id}"));
    // The line manager handles this case, so they see it as its handler, never as its raiser,
    // and the swapped identity does not open: no name at all.
    assert!(
        !page.body.contains("You raised this concern"),
        "{}",
        page.body
    );
    // With another key, the sealed text does not open.
    let row = case(&s, id);
    let wrong = pause_speakup::Keys::parse(&"1".repeat(64)).unwrap();
    assert!(wrong.open("concern.text", &row.text_sealed).is_err());
}

fn the_audit_log_records_every_view_and_change_and_shows_tampering(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "other", "text": "The lift has been broken for a month.", "identity": "open"}),
    ));
    let (lm, lcsrf) = signed_in(&s, &o.lm);
    lm.get(&format!("/concerns/{id}"));
    act(&lm, &lcsrf, id, "acknowledge", "");
    c.get(&format!("/concerns/{id}"));
    let (rows, head) = s.block_on(s.store.audit_log()).unwrap();
    let actions: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r.case_id == Some(id))
        .map(|r| (r.actor.clone(), r.action.clone()))
        .collect();
    assert_eq!(
        actions,
        [
            ("raiser".to_string(), "raise".to_string()),
            (format!("user:{}", o.lm.id), "view".into()),
            (format!("user:{}", o.lm.id), "acknowledge".into()),
            ("raiser".to_string(), "view".into()),
        ]
    );
    let keys = pause_speakup::Keys::parse(TEST_KEY).unwrap();
    assert_eq!(
        pause_speakup::verify_chain(
            &keys,
            rows.clone().into_iter().map(entry),
            Some(head.clone())
        )
        .unwrap(),
        4
    );
    // Someone edits an entry in the database: the chain shows where.
    let mut tampered = rows.clone();
    tampered[1].actor = format!("user:{}", o.guardian.id);
    let err =
        pause_speakup::verify_chain(&keys, tampered.into_iter().map(entry), Some(head.clone()))
            .unwrap_err();
    assert!(err.to_string().contains('2'), "{err}");
    // Or removes the last one.
    let mut cut = rows;
    cut.pop();
    assert!(pause_speakup::verify_chain(&keys, cut.into_iter().map(entry), Some(head)).is_err());
}

#[allow(clippy::too_many_lines)]
fn only_the_raiser_the_handler_chain_and_the_guardian_see_a_case(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "Expired adrenaline in the resus trolley on ward 3.", "identity": "open"}),
    ));
    clock.set(local("2026-12-02 09:00"));
    s.tick(); // now with sm; lm stays in the chain
    let page = format!("/concerns/{id}");
    let write = format!("/concerns/{id}/write");
    // (who, viewing the case, writing on it)
    let cases: [(&User, u16, u16); 7] = [
        (&o.staff, 200, 303),    // the raiser
        (&o.lm, 200, 403),       // earlier in the chain: reads, no longer acts
        (&o.sm, 200, 303),       // the current handler
        (&o.guardian, 200, 303), // the guardian
        (&o.hos, 404, 404),      // not (yet) in the chain
        (&o.other, 404, 404),    // a handler of another service
        (&o.admin, 404, 404),    // an admin cannot read cases
    ];
    for (who, view, writes) in cases {
        let (cl, token) = signed_in(&s, who);
        assert_eq!(cl.get(&page).status, view, "{} GET {page}", who.email);
        let got = cl
            .post_form(
                &write,
                &[("csrf", &token), ("text", "hello"), ("kind", "message")],
            )
            .status;
        assert_eq!(got, writes, "{} POST {write}", who.email);
        // Only the raiser consents or reports detriment.
        for path in [
            format!("/concerns/{id}/consent"),
            format!("/concerns/{id}/detriment"),
        ] {
            let got = cl
                .post_form(&path, &[("csrf", &token), ("text", "hello")])
                .status;
            let want = match (who.id == o.staff.id, view) {
                (true, _) => {
                    if path.ends_with("consent") {
                        422
                    } else {
                        303
                    }
                } // an open case has no name to share
                (false, 200) => 403,
                _ => 404,
            };
            assert_eq!(got, want, "{} POST {path}", who.email);
        }
    }
    // Moving the case on: the current handler and the guardian, not the earlier one or the raiser.
    for (who, status) in [(&o.lm, 403), (&o.staff, 403), (&o.other, 404), (&o.sm, 303)] {
        let (cl, token) = signed_in(&s, who);
        assert_eq!(
            act(&cl, &token, id, "acknowledge", "").status,
            status,
            "{}",
            who.email
        );
    }
    let (g, gcsrf) = signed_in(&s, &o.guardian);
    assert_eq!(act(&g, &gcsrf, id, "investigate", "").status, 303);
    // Not signed in: sign in first; a forged form: refused.
    let nobody = s.client();
    assert_eq!(nobody.get(&format!("/concerns/{id}")).status, 303);
    assert_eq!(
        g.post_form(
            &format!("/concerns/{id}/write"),
            &[("csrf", "forged"), ("text", "x")]
        )
        .status,
        403
    );
    // Lists: each sees only their own.
    let (other, _) = signed_in(&s, &o.other);
    assert!(!other
        .get("/speak-up")
        .body
        .contains(&format!("/concerns/{id}\"")));
    assert!(c
        .get("/speak-up")
        .body
        .contains(&format!("/concerns/{id}\"")));
    // Oversight: the guardian and the head of service only.
    for (who, status) in [
        (&o.guardian, 200),
        (&o.hos, 200),
        (&o.admin, 403),
        (&o.staff, 403),
        (&o.lm, 403),
    ] {
        let (cl, _) = signed_in(&s, who);
        assert_eq!(
            cl.get("/speak-up/oversight").status,
            status,
            "{}",
            who.email
        );
        assert_eq!(
            cl.get("/speak-up/oversight.csv").status,
            status,
            "{}",
            who.email
        );
    }
    // Receipt guesses are limited, and the limit gives no hint either.
    let anon = s.client();
    let mut last = 0;
    for _ in 0..25 {
        last = receipt_get(&anon, "ABCD-EFGH-JKMN-PQRS", "not the passphrase").status;
    }
    assert_eq!(last, 429);
}

fn bad_input_is_refused_clearly(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let cases: [(serde_json::Value, u16, &str); 8] = [
        (
            serde_json::json!({"category": "gossip", "text": "x", "identity": "open"}),
            422,
            "category `gossip` is not one of",
        ),
        (
            serde_json::json!({"category": "other", "text": "  ", "identity": "open"}),
            422,
            "the concern is empty",
        ),
        (
            serde_json::json!({"category": "other", "text": "x".repeat(10_001), "identity": "open"}),
            422,
            "10001 characters long",
        ),
        (
            serde_json::json!({"category": "other", "text": "x", "identity": "secret"}),
            422,
            "identity `secret`",
        ),
        (
            serde_json::json!({"category": "other", "text": "x", "identity": "anonymous", "passphrase": "short"}),
            422,
            "passphrase of at least 10",
        ),
        (
            serde_json::json!({"category": "other", "text": "x", "identity": "open", "recipient": "ceo"}),
            422,
            "recipient `ceo`",
        ),
        (
            serde_json::json!({"category": "other", "text": "x", "identity": "open", "attachments": ["a.pdf"]}),
            422,
            "unknown field `attachments`",
        ),
        (
            serde_json::json!({"category": "other", "text": "x", "identity": "open", "passphrase": "not for open ones"}),
            422,
            "only for anonymous",
        ),
    ];
    for (body, status, says) in cases {
        let r = raise(&c, &csrf, &body);
        assert_eq!(r.status, status, "{body}: {}", r.body);
        assert!(r.body.contains(says), "{body}: {}", r.body);
    }
    // Over the body limit altogether.
    let huge =
        serde_json::json!({"category": "other", "text": "x".repeat(70_000), "identity": "open"});
    assert_eq!(raise(&c, &csrf, &huge).status, 413);
    // Open and confidential need a session; without the CSRF header, refused.
    let anon = s.client();
    assert_eq!(
        anon.post_json(
            "/api/v1/concerns",
            r#"{"category":"other","text":"x","identity":"open"}"#
        )
        .status,
        401
    );
    assert_eq!(
        c.post_json(
            "/api/v1/concerns",
            r#"{"category":"other","text":"x","identity":"open"}"#
        )
        .status,
        403
    );
    // Without signing in, Pause cannot know your line manager.
    let r = anon.post_json("/api/v1/concerns", r#"{"category":"other","text":"x","identity":"anonymous","recipient":"line-manager","passphrase":"long enough passphrase"}"#);
    assert_eq!(r.status, 422);
    assert!(r.body.contains("line manager"), "{}", r.body);
    // A double submission raises one case and answers the same.
    let body = serde_json::json!({"category": "other", "text": "The hand gel dispensers are empty.", "identity": "anonymous", "recipient": "guardian", "passphrase": "long enough passphrase", "submission": "form-123"});
    let first = anon.post_json("/api/v1/concerns", &body.to_string());
    let again = anon.post_json("/api/v1/concerns", &body.to_string());
    assert_eq!((first.status, again.status), (201, 200), "{}", again.body);
    assert_eq!(first.json()["id"], again.json()["id"]);
    assert_eq!(first.json()["receipt"], again.json()["receipt"]);
    // The same key with another passphrase does not reveal the receipt.
    let mut other = body.clone();
    other["passphrase"] = "a different passphrase".into();
    let r = anon.post_json("/api/v1/concerns", &other.to_string());
    assert_eq!(r.status, 422);
    assert!(!r.body.contains(first.json()["receipt"].as_str().unwrap()));
    // An oversized message on a case.
    let id = first.json()["id"].as_i64().unwrap();
    let receipt = first.json()["receipt"].as_str().unwrap().to_string();
    let r = anon.post_json_with(
        &format!("/api/v1/concerns/receipt/{receipt}/messages"),
        &serde_json::json!({"text": "y".repeat(12_000)}).to_string(),
        &[("Pause-Passphrase", "long enough passphrase")],
    );
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("most this service accepts is 10000"),
        "{}",
        r.body
    );
    assert_eq!(
        s.block_on(s.store.events_of(id)).unwrap().len(),
        1,
        "nothing was added"
    );
    // Anonymous concerns from one address are limited (in memory; no address is stored).
    let flood = s.client();
    let statuses: Vec<u16> = (0..12)
        .map(|i| flood.post_json("/api/v1/concerns", &serde_json::json!({"category": "other", "text": format!("flood {i}"), "identity": "anonymous", "recipient": "guardian", "passphrase": "long enough passphrase"}).to_string()).status)
        .collect();
    // (every client of this test shares 127.0.0.1, so the earlier anonymous concerns count)
    let first = statuses.iter().position(|&st| st == 429).expect("limited");
    assert!(
        statuses[..first].iter().all(|&st| st == 201),
        "{statuses:?}"
    );
    assert!(
        statuses[first..].iter().all(|&st| st == 429),
        "{statuses:?}"
    );
    // An expired session: sign in first.
    let stale = s.client();
    stale
        .cookies
        .borrow_mut()
        .insert("pause_session".into(), "0".repeat(64));
    assert_eq!(stale.get(&format!("/concerns/{id}")).status, 303);
    // A transition that does not exist, and one the case cannot make.
    let (g, gcsrf) = signed_in(&s, &o.guardian);
    let r = act(&g, &gcsrf, id, "vanish", "");
    assert_eq!(r.status, 422);
    let r = act(&g, &gcsrf, id, "give-outcome", "");
    assert_eq!(r.status, 422, "{}", r.body);
}

fn detriment_is_recorded_and_oversight_counts_it(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let mut ids = Vec::new();
    for (cat, identity) in [
        ("patient-safety", "open"),
        ("patient-safety", "confidential"),
        ("staffing", "open"),
        ("bullying-harassment", "open"),
        ("worker-safety", "open"),
        ("other", "open"),
    ] {
        ids.push(raised_id(&raise(&c, &csrf, &serde_json::json!({"category": cat, "text": format!("A {cat} concern."), "identity": identity}))));
    }
    let r = c.post_form(
        &format!("/concerns/{}/detriment", ids[0]),
        &[
            ("csrf", &csrf),
            (
                "text",
                "I was taken off the training rota after raising this.",
            ),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let (g, gcsrf) = signed_in(&s, &o.guardian);
    assert!(g.get("/notifications").body.contains("Detriment reported"));
    let page = g.get(&format!("/concerns/{}", ids[0]));
    assert!(page.body.contains("taken off the training rota"));
    // The handler does not see the detriment report; the guardian moves it on.
    let (lm, _) = signed_in(&s, &o.lm);
    assert!(!lm
        .get(&format!("/concerns/{}", ids[0]))
        .body
        .contains("training rota"));
    let d = s.block_on(s.store.all_detriments()).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(
        g.post_form(
            &format!("/concerns/detriment/{}", d[0].id),
            &[("csrf", &gcsrf), ("status", "reviewing")]
        )
        .status,
        303
    );
    assert_eq!(
        s.block_on(s.store.all_detriments()).unwrap()[0].status,
        "reviewing"
    );
    // The guardian's quarterly figures: 2026/27 Q3, in the NGO's categories.
    let csv = g.get("/speak-up/oversight.csv");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "quarter,total,anonymous,\"Patient safety/quality\",\"Worker safety/wellbeing\",Bullying or harassment,Other inappropriate attitudes or behaviours,detriment");
    assert_eq!(lines[1], "\"2026/27 Q3\",6,0,3,1,1,0,1");
    // The head of service sees their service's figures, but no number under 5.
    let (h, _) = signed_in(&s, &o.hos);
    let csv = h.get("/speak-up/oversight.csv").body;
    assert!(
        csv.contains("\"2026/27 Q3\",6,0,fewer than 5,fewer than 5"),
        "{csv}"
    );
    let page = h.get("/speak-up/oversight").body;
    assert!(!page.contains("A patient-safety concern"), "counts only");
}

fn org_chart_import_checks_everything_first(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let store: &dyn Store = s.store.as_ref();
    // A file with an unknown manager and a loop changes nothing, and names the rows.
    let bad = "email,role,manager,service\nnew1@trust.example,staff,ghost@trust.example,Pharmacy\na@trust.example,line-manager,b@trust.example,Surgery\nb@trust.example,line-manager,a@trust.example,Surgery\n";
    let before = s.block_on(store.list_users()).unwrap().len();
    let err = s
        .block_on(pause_server::handlers::org::import(
            store,
            bad,
            0,
            pause_server::handlers::org::GuardianChanges::Refused,
        ))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("ghost@trust.example"),
        "{err}"
    );
    assert!(
        err.contains("a@trust.example") && err.contains("b@trust.example"),
        "{err}"
    );
    assert_eq!(
        s.block_on(store.list_users()).unwrap().len(),
        before,
        "nothing half-imported"
    );
    // A good file adds and updates, and records the head of a service.
    let good = format!(
        "email,role,manager,service,name\nhead.surgery@trust.example,head-of-service,,Surgery,Ann\n{},line-manager,head.surgery@trust.example,Surgery,Bo\nnew.nurse@trust.example,staff,{},Surgery,Cy\n",
        o.other.email, o.other.email
    );
    let done = s
        .block_on(pause_server::handlers::org::import(
            store,
            &good,
            0,
            pause_server::handlers::org::GuardianChanges::Refused,
        ))
        .unwrap();
    assert_eq!((done.added, done.updated), (2, 1));
    let nurse = s
        .block_on(store.user_by_email("new.nurse@trust.example"))
        .unwrap()
        .unwrap();
    assert_eq!(nurse.manager_id, Some(o.other.id));
    let head = s
        .block_on(store.user_by_email("head.surgery@trust.example"))
        .unwrap()
        .unwrap();
    let services = s.block_on(store.services()).unwrap();
    assert!(services
        .iter()
        .any(|x| x.name == "Surgery" && x.head_id == Some(head.id)));
    // The new account cannot sign in until given a password.
    assert_ne!(
        s.client()
            .login("new.nurse@trust.example", support::PASSWORD)
            .status,
        303
    );
    // The admin's page imports the same file format.
    let (a, _) = signed_in(&s, &o.admin);
    let page = a.get("/org");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("new.nurse@trust.example"));
}

/// A real SMTP server on a loopback port: each message's recipients and data.
#[derive(Clone)]
struct Inbox {
    to: Vec<String>,
    data: Vec<u8>,
    delivered: mpsc::Sender<(Vec<String>, String)>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        let _ = self.delivered.send((
            std::mem::take(&mut self.to),
            String::from_utf8_lossy(&self.data).into_owned(),
        ));
        response::OK
    }
}

fn smtp_server() -> (std::net::SocketAddr, mpsc::Receiver<(Vec<String>, String)>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (delivered, inbox) = mpsc::channel();
    let mut server = Server::new(Inbox {
        to: Vec::new(),
        data: Vec::new(),
        delivered,
    });
    server
        .with_name("mx.trust.example")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (addr, inbox)
}

fn attention_emails_go_out_through_smtp_and_say_nothing_of_the_case(db: &Db) {
    let (addr, inbox) = smtp_server();
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(
        db,
        clock.clone(),
        Some(pause_server::mail::MailConfig {
            smtp_url: format!("smtp://{addr}"),
            from: "Pause <pause@trust.example>".into(),
            public_url: "https://pause.trust.example".into(),
        }),
    );
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "Gannet-Secret-5521 the defibrillator on ward 2 failed its check.", "identity": "confidential", "name": "Ottoline Brack"}),
    ));
    // A second concern before the round: still one e-mail to the same person.
    raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "other", "text": "Another thing.", "identity": "open"}),
    ));
    let round = s.tick();
    assert_eq!((round.mails_sent, round.mails_failed), (1, 0));
    let (to, data) = inbox.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(to, vec![o.lm.email.clone()]);
    assert!(
        data.contains("Subject: Pause: something needs your attention"),
        "{data}"
    );
    assert!(
        data.contains("https://pause.trust.example/notifications"),
        "{data}"
    );
    for secret in [
        "Gannet",
        "defibrillator",
        "Ottoline",
        "patient",
        &format!("#{id}"),
        "staff@trust.example",
    ] {
        assert!(
            !data.contains(secret),
            "the e-mail gives away {secret}: {data}"
        );
    }
    assert_eq!(s.tick().mails_sent, 0, "sent once");
    // Escalation tells the new handler and the guardian.
    clock.set(local("2026-12-02 09:00"));
    let round = s.tick();
    assert_eq!((round.escalated, round.mails_sent), (1, 2));
    let mut got: Vec<String> = (0..2)
        .map(|_| {
            inbox
                .recv_timeout(Duration::from_secs(10))
                .unwrap()
                .0
                .join(",")
        })
        .collect();
    got.sort();
    assert_eq!(got, [o.guardian.email.clone(), o.sm.email.clone()]);
    let (sent, pending) = s.block_on(s.store.mail_counts()).unwrap();
    assert_eq!((sent, pending), (3, 0));

    // An anonymous concern's e-mail waits for the next morning's batch: the handler's inbox does
    // not say when the raiser acted.
    clock.set(local("2026-12-03 21:47"));
    let anon = s.client();
    let r = anon.post_json("/api/v1/concerns", &serde_json::json!({"category": "other", "text": "Anonymous one.", "identity": "anonymous", "recipient": "guardian", "passphrase": "long enough passphrase"}).to_string());
    assert_eq!(r.status, 201);
    assert_eq!(s.tick().mails_sent, 0);
    clock.set(local("2026-12-04 07:59"));
    assert_eq!(s.tick().mails_sent, 0);
    clock.set(local("2026-12-04 08:00"));
    assert_eq!(s.tick().mails_sent, 1);
    assert_eq!(
        inbox.recv_timeout(Duration::from_secs(10)).unwrap().0,
        vec![o.guardian.email.clone()]
    );
}

/// A multipart/form-data body: the fields, then one file.
fn multipart(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----pause-test-boundary-7d1f";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn upload(c: &Client, path: &str, fields: &[(&str, &str)], name: &str, file: &[u8]) -> Resp {
    let (ct, body) = multipart(fields, name, file);
    c.send_bytes("POST", path, &ct, &body)
}

/// A small JPEG with EXIF (a place), a comment (a name), JFIF and some image data.
fn jpeg_with_metadata() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    let mut seg = |marker: u8, contents: &[u8]| {
        j.extend_from_slice(&[0xFF, marker]);
        j.extend_from_slice(&u16::try_from(contents.len() + 2).unwrap().to_be_bytes());
        j.extend_from_slice(contents);
    };
    seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    seg(0xE1, b"Exif\0\0Pelican-GPS-51.5074N");
    seg(0xFE, b"Photo by Pelican Smith");
    seg(0xDA, &[0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    j.extend_from_slice(&[0x12, 0x34, 0x56, 0x78, 0xFF, 0xD9]);
    j
}

fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map_or("", |(_, v)| v.as_str())
}

#[allow(clippy::too_many_lines)]
fn files_are_checked_stripped_sealed_and_only_for_the_case(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "patient-safety", "text": "The lock on the drug room door is broken; photo attached.", "identity": "open"}),
    ));
    let path = format!("/concerns/{id}/files");
    let r = upload(
        &c,
        &path,
        &[("csrf", &csrf)],
        "Osprey-ward7-lock.jpg",
        &jpeg_with_metadata(),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let page = c.get(&format!("/concerns/{id}"));
    assert!(
        page.body.contains("Osprey-ward7-lock.jpg"),
        "listed on the case"
    );
    let files = s.block_on(s.store.files_of(id)).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].content_type, "image/jpeg");

    // The handler downloads it: the picture, without its place, camera or author.
    let (lm, lcsrf) = signed_in(&s, &o.lm);
    let (status, headers, body) = lm.fetch_bytes("GET", &format!("{path}/{}", files[0].id), &[]);
    assert_eq!(status, 200);
    assert_eq!(header_of(&headers, "content-type"), "image/jpeg");
    assert!(
        header_of(&headers, "content-disposition").starts_with("attachment;"),
        "{headers:?}"
    );
    assert!(header_of(&headers, "content-security-policy").contains("sandbox"));
    assert!(
        body.starts_with(&[0xFF, 0xD8])
            && contains_bytes(&body, b"JFIF")
            && contains_bytes(&body, &[0x12, 0x34, 0x56, 0x78])
    );
    assert!(!contains_bytes(&body, b"Pelican"), "metadata stripped");
    assert!(lm
        .get(&format!("/concerns/{id}"))
        .body
        .contains("attached a file"));

    // Others: not found; nobody: sign in.
    let (other, _) = signed_in(&s, &o.other);
    assert_eq!(
        other
            .fetch_bytes("GET", &format!("{path}/{}", files[0].id), &[])
            .0,
        404
    );
    assert_eq!(
        s.client()
            .fetch_bytes("GET", &format!("{path}/{}", files[0].id), &[])
            .0,
        303
    );
    assert_eq!(
        upload(&other, &path, &[("csrf", "x")], "a.txt", b"hello").status,
        403,
        "forged"
    );
    let (ocl, ocsrf) = signed_in(&s, &o.other);
    assert_eq!(
        upload(&ocl, &path, &[("csrf", &ocsrf)], "a.txt", b"hello").status,
        404
    );
    assert_eq!(lm.fetch_bytes("GET", &format!("{path}/999"), &[]).0, 404);
    // The earlier... the current handler may attach too.
    assert_eq!(
        upload(
            &lm,
            &path,
            &[("csrf", &lcsrf)],
            "rota.txt",
            b"Nights: 2 RNs for 28 beds"
        )
        .status,
        303
    );

    // Refused clearly: a program, an oversized scan, a case already full.
    let r = upload(
        &c,
        &path,
        &[("csrf", &csrf)],
        "photo.jpg",
        b"MZ\x90\x00\x03\x00\x00\x00",
    );
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("only PDF documents, PNG or JPEG images and plain text"),
        "{}",
        r.body
    );
    let big = vec![b'a'; 5 * 1024 * 1024 + 10];
    let r = upload(&c, &path, &[("csrf", &csrf)], "scan.txt", &big);
    assert_eq!(r.status, 413, "{}", &r.body[..r.body.len().min(300)]);
    assert!(r.body.contains("5 MB"), "{}", r.body);
    let huge = vec![b'a'; 7 * 1024 * 1024];
    let r = upload(&c, &path, &[("csrf", &csrf)], "scan.txt", &huge);
    assert_eq!(r.status, 413);
    assert!(r.body.contains("5 MB"), "{}", r.body);
    for n in 2..10 {
        assert_eq!(
            upload(
                &c,
                &path,
                &[("csrf", &csrf)],
                &format!("note{n}.txt"),
                format!("note {n}").as_bytes()
            )
            .status,
            303
        );
    }
    let r = upload(
        &c,
        &path,
        &[("csrf", &csrf)],
        "eleventh.txt",
        b"one too many",
    );
    assert_eq!(r.status, 422);
    assert!(r.body.contains("at most 10 files"), "{}", r.body);

    // Sealed at rest, names included.
    if let Db::Sqlite(_) = db {
        for f in db.sqlite_files() {
            let bytes = std::fs::read(&f).unwrap();
            for m in [&b"Osprey-ward7"[..], b"JFIF", b"2 RNs for 28 beds"] {
                assert!(
                    !contains_bytes(&bytes, m),
                    "{f:?} holds {}",
                    String::from_utf8_lossy(m)
                );
            }
        }
    }

    // An anonymous raiser attaches and downloads with the receipt and passphrase.
    let anon = s.client();
    let r = anon.post_json("/api/v1/concerns", &serde_json::json!({"category": "other", "text": "See the attached rota.", "identity": "anonymous", "recipient": "guardian", "passphrase": "correct passphrase here"}).to_string());
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    let aid = r.json()["id"].as_i64().unwrap();
    let page = upload(
        &anon,
        "/concerns/follow/files",
        &[
            ("receipt", &receipt),
            ("passphrase", "correct passphrase here"),
        ],
        "rota.txt",
        b"Late shift: one HCA",
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("rota.txt"));
    let wrong = upload(
        &anon,
        "/concerns/follow/files",
        &[("receipt", &receipt), ("passphrase", "wrong")],
        "x.txt",
        b"x",
    );
    assert_eq!(wrong.status, 404);
    let fid = s.block_on(s.store.files_of(aid)).unwrap()[0].id.to_string();
    let (status, _, body) = anon.fetch_bytes(
        "POST",
        "/concerns/follow/download",
        &[
            ("receipt", &receipt),
            ("passphrase", "correct passphrase here"),
            ("file", &fid),
        ],
    );
    assert_eq!(
        (status, body.as_slice()),
        (200, &b"Late shift: one HCA"[..])
    );
    let (status, _, _) = anon.fetch_bytes(
        "POST",
        "/concerns/follow/download",
        &[
            ("receipt", &receipt),
            ("passphrase", "nope"),
            ("file", &fid),
        ],
    );
    assert_eq!(status, 404);
    // Another case's file through this receipt: not found.
    let other_file = files[0].id.to_string();
    let (status, _, _) = anon.fetch_bytes(
        "POST",
        "/concerns/follow/download",
        &[
            ("receipt", &receipt),
            ("passphrase", "correct passphrase here"),
            ("file", &other_file),
        ],
    );
    assert_eq!(status, 404);
    // The anonymous upload is timed to the day.
    let f = &s.block_on(s.store.files_of(aid)).unwrap()[0];
    assert_eq!(f.uploaded_at, local("2026-11-27 00:00"));
    // Downloads are in the audit log.
    let (rows, _) = s.block_on(s.store.audit_log()).unwrap();
    assert!(rows.iter().any(|r| r.case_id == Some(id)
        && r.action == "download"
        && r.actor == format!("user:{}", o.lm.id)));
}

fn a_handler_who_cannot_deal_with_it_passes_it_up(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock.clone(), None);
    let o = org(&s);
    let (c, csrf) = signed_in(&s, &o.staff);
    let id = raised_id(&raise(
        &c,
        &csrf,
        &serde_json::json!({"category": "staffing", "text": "Agency cover has been cancelled for every weekend this month.", "identity": "confidential", "name": "Ada Lovell"}),
    ));
    let pass = |cl: &Client, token: &str, note: &str| {
        cl.post_form(
            &format!("/concerns/{id}/pass-up"),
            &[("csrf", token), ("note", note)],
        )
    };
    // Only the current handler passes it on, and says why.
    let (g, gcsrf) = signed_in(&s, &o.guardian);
    assert_eq!(pass(&g, &gcsrf, "x").status, 403);
    assert_eq!(pass(&c, &csrf, "x").status, 403);
    let (lm, lcsrf) = signed_in(&s, &o.lm);
    assert_eq!(pass(&lm, &lcsrf, "  ").status, 422);
    clock.set(local("2026-11-30 10:00"));
    let r = pass(&lm, &lcsrf, "Agency budgets are set above me.");
    assert_eq!(r.status, 303, "{}", r.body);
    let row = case(&s, id);
    assert_eq!((row.handler_id, row.escalation_level), (Some(o.sm.id), 1));
    // A fresh deadline for the new handler: 7 days from Monday.
    assert_eq!(row.due_at, Some(local("2026-12-08 00:00")));
    // The line manager reads on but can no longer act; the raiser sees it was passed on and why;
    // the senior manager does not see the confidential name.
    assert_eq!(pass(&lm, &lcsrf, "again").status, 403);
    let page = c.get(&format!("/concerns/{id}")).body;
    assert!(
        page.contains("passed the case up") && page.contains("Agency budgets are set above me"),
        "{page}"
    );
    let (sm, smcsrf) = signed_in(&s, &o.sm);
    assert!(sm
        .get("/notifications")
        .body
        .contains(&format!("case #{id}")));
    assert!(!sm
        .get(&format!("/concerns/{id}"))
        .body
        .contains("Ada Lovell"));
    // Up to the head of service, and no further.
    assert_eq!(
        pass(&sm, &smcsrf, "Needs a decision on the budget.").status,
        303
    );
    assert_eq!(case(&s, id).handler_id, Some(o.hos.id));
    let (h, hcsrf) = signed_in(&s, &o.hos);
    let r = pass(&h, &hcsrf, "nobody above");
    assert_eq!(r.status, 422);
    assert!(r.body.contains("nobody above you"), "{}", r.body);
    let (rows, _) = s.block_on(s.store.audit_log()).unwrap();
    assert_eq!(
        rows.iter()
            .filter(|r| r.case_id == Some(id) && r.action == "pass-up")
            .count(),
        2
    );
}

fn an_admin_cannot_make_anyone_guardian_from_the_web(db: &Db) {
    let clock = Clock::manual(FRIDAY_EVENING);
    let s = TestServer::start_speak_up(db, clock, None);
    let o = org(&s);
    let (a, acsrf) = signed_in(&s, &o.admin);
    let edit = |id: i64, role: &str| {
        a.post_form(
            &format!("/org/{id}"),
            &[
                ("csrf", &acsrf),
                ("role", role),
                ("manager", ""),
                ("service", "Pharmacy"),
            ],
        )
    };
    // Not themselves, not anyone else, and the guardian cannot be demoted here either.
    let r = edit(o.admin.id, "speak-up-guardian");
    assert_eq!(r.status, 422);
    let r = edit(o.other.id, "speak-up-guardian");
    assert_eq!(r.status, 422);
    assert!(r.body.contains("only on the command line"), "{}", r.body);
    assert_eq!(edit(o.guardian.id, "staff").status, 422);
    let (csv_ct, body) = multipart(
        &[("csrf", &acsrf)],
        "org.csv",
        format!(
            "email,role,manager,service\n{},speak-up-guardian,,Surgery\n",
            o.other.email
        )
        .as_bytes(),
    );
    let r = a.send_bytes("POST", "/org/import", &csv_ct, &body);
    assert_eq!(r.status, 422);
    assert!(r.body.contains("only on the command line"), "{}", r.body);
    let roles: Vec<Role> = s
        .block_on(s.store.list_users())
        .unwrap()
        .iter()
        .map(|u| u.role)
        .collect();
    assert_eq!(
        roles
            .iter()
            .filter(|r| **r == Role::SpeakUpGuardian)
            .count(),
        1
    );
    // An ordinary change works, and is in the audit log.
    assert_eq!(edit(o.other.id, "senior-manager").status, 303);
    let (rows, _) = s.block_on(s.store.audit_log()).unwrap();
    assert!(rows.iter().any(|r| r.action == "org-edit"
        && r.actor == format!("user:{}", o.admin.id)
        && r.detail.contains(&format!("user={}", o.other.id))));
}
