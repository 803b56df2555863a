//! The service over HTTP, against a real SQLite file and a real PostgreSQL server: the check
//! API, bad input, signing in and out, CSRF, rate limits, the policy, training and insight.

mod support;

use pause_core::{Engine, Policy};
use pause_server::Config;
use pause_store::Role;
use support::{Client, Db, TestServer, PASSWORD};

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
    check_answers_what_the_cli_prints,
    bad_input_gets_clear_errors,
    sign_in_sessions_and_csrf,
    sign_in_is_rate_limited,
    expired_sessions_are_refused,
    idle_sessions_end_before_their_lifetime,
    policy_edits_are_versioned_and_enforced_at_once,
    policy_import_and_export,
    training_is_recorded_and_managers_see_their_team,
    outcomes_are_counted_and_small_groups_hidden,
    the_extension_fetches_the_policy_and_sends_counts,
    training_by_service_is_charted_without_small_groups,
);

const RISKY: &str = "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk";

fn check_answers_what_the_cli_prints(db: &Db) {
    let s = TestServer::start(db);
    let c = s.client();
    let engine = Engine::new(&Policy::default()).unwrap();
    for text in [
        RISKY,
        "Lovely sunny day for the fun run!",
        "",
        "naïve café 👩‍⚕️ Mr Patel 🙂 in bed 4",
    ] {
        let r = c.check(text);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("pause-policy-version"), Some("0"));
        assert_eq!(
            r.body,
            serde_json::to_string(&engine.check(text, None)).unwrap()
        );
    }
    // The time of posting is honoured.
    let at = "2026-03-01T03:12:00Z";
    let r = c.post_json(
        "/api/v1/check",
        &serde_json::json!({ "text": "so done with everything tonight", "at": at }).to_string(),
    );
    let expected = engine.check(
        "so done with everything tonight",
        Some(chrono::DateTime::parse_from_rfc3339(at).unwrap()),
    );
    assert_eq!(r.body, serde_json::to_string(&expected).unwrap());
    // Health and the OpenAPI document.
    let h = c.get("/healthz").json();
    assert_eq!(h["status"], "ok");
    let doc = c.get("/api/v1/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/healthz",
        "/api/v1/check",
        "/api/v1/outcomes",
        "/api/v1/openapi.json",
        "/api/v1/policy",
        "/api/v1/events",
        "/api/v1/concerns",
        "/api/v1/concerns/receipt/{receipt}",
        "/api/v1/concerns/receipt/{receipt}/messages",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
}

fn bad_input_gets_clear_errors(db: &Db) {
    let s = TestServer::start(db);
    let c = s.client();
    let err = |r: &support::Resp, status: u16, needle: &str| {
        assert_eq!(r.status, status, "{}", r.body);
        let j = r.json();
        assert_eq!(j["error"]["status"], status);
        let m = j["error"]["message"].as_str().unwrap();
        assert!(m.contains(needle), "{m:?} lacks {needle:?}");
    };
    err(
        &c.post_json("/api/v1/check", "{\"text\": "),
        400,
        "not valid JSON",
    );
    err(
        &c.post_json("/api/v1/check", "{\"text\": \"x\""),
        400,
        "not valid JSON",
    );
    err(
        &c.post_json("/api/v1/check", "{\"text\": 5}"),
        422,
        "expected a string",
    );
    err(
        &c.post_json("/api/v1/check", "{}"),
        422,
        "missing field `text`",
    );
    err(
        &c.post_json("/api/v1/check", "{\"text\": \"x\", \"colour\": 1}"),
        422,
        "unknown field",
    );
    err(
        &c.post_json("/api/v1/check", "{\"text\": \"x\", \"at\": \"yesterday\"}"),
        422,
        "RFC 3339",
    );
    err(
        &c.finish_raw("POST", "/api/v1/check", "text/plain", "{\"text\": \"x\"}"),
        415,
        "application/json",
    );
    let huge = serde_json::json!({ "text": "a".repeat(70 * 1024) }).to_string();
    err(&c.post_json("/api/v1/check", &huge), 413, "64 KB");
    // Just under the limit is fine.
    let big = serde_json::json!({ "text": "word ".repeat(12 * 1024) }).to_string();
    assert!(big.len() < 64 * 1024);
    assert_eq!(c.post_json("/api/v1/check", &big).status, 200);
    // Unknown routes and methods: JSON under /api, a page elsewhere.
    err(&c.get("/api/v1/nothing"), 404, "no such page");
    err(&c.send("DELETE", "/api/v1/check"), 405, "not allowed");
    let page = c.get("/no/such/page");
    assert_eq!(page.status, 404);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    // Every response carries the security headers; pages have no inline script or style.
    let login = c.get("/login");
    let csp = login.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(login.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(login.header("x-frame-options"), Some("DENY"));
    assert!(!login.body.contains("<script>") && !login.body.contains("style="));
}

fn sign_in_sessions_and_csrf(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("ann@t.nhs.uk", Role::Staff, None, "Pharmacy");
    let c = s.client();
    // Pages need a session; the API says 401.
    let r = c.get("/compose");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/login?next=/compose"));
    assert_eq!(c.post_json("/api/v1/outcomes", "{}").status, 401);
    // A forged sign-in form (no matching double-submit cookie) is refused.
    let forged = Client::new(&s.base).post_form(
        "/login",
        &[
            ("email", "ann@t.nhs.uk"),
            ("password", PASSWORD),
            ("csrf", "abc"),
        ],
    );
    assert_eq!(forged.status, 403);
    // Wrong password: the form again, 401, nothing set.
    let r = c.login("ann@t.nhs.uk", "wrong password!!");
    assert_eq!(r.status, 401);
    assert!(r.body.contains("do not match"));
    assert!(!c.cookies.borrow().contains_key("pause_session"));
    // Signing in sets a strict, HttpOnly session cookie; case and spaces in the e-mail do not matter.
    let page = c.get("/login?next=/training");
    let csrf = page.csrf_field();
    let r = c.post_form(
        "/login",
        &[
            ("email", " Ann@T.nhs.uk "),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "/training"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/training"));
    let cookie = r
        .headers
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case("set-cookie") && v.starts_with("pause_session="))
        .map(|(_, v)| v.clone())
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );
    // Only a hash of the token is stored.
    let token = c.cookies.borrow()["pause_session"].clone();
    assert!(s
        .block_on(s.store.session(&token, pause_server::now()))
        .unwrap()
        .is_none());
    assert_eq!(c.get("/compose").status, 200);
    // Off-site `next` is ignored.
    let c2 = s.client();
    let page = c2.get("/login");
    let csrf = page.csrf_field();
    let r = c2.post_form(
        "/login",
        &[
            ("email", "ann@t.nhs.uk"),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "//evil.example/"),
        ],
    );
    assert_eq!(r.header("location"), Some("/compose"));
    // A forged form (wrong CSRF token) changes nothing; outcomes need the header.
    let r = c.post_form("/logout", &[("csrf", "forged")]);
    assert_eq!(r.status, 403);
    assert_eq!(c.get("/compose").status, 200, "still signed in");
    let body = r#"{"verdict":"post","went_ahead":true}"#;
    assert_eq!(c.post_json("/api/v1/outcomes", body).status, 403);
    let csrf = c.csrf();
    assert_eq!(
        c.post_json_with("/api/v1/outcomes", body, &[("X-CSRF-Token", &csrf)])
            .status,
        204
    );
    // Signing out ends the session in the store, not just in the browser.
    let stolen = c.cookies.borrow()["pause_session"].clone();
    let r = c.post_form("/logout", &[("csrf", &csrf)]);
    assert_eq!(r.status, 303);
    let thief = s.client();
    thief
        .cookies
        .borrow_mut()
        .insert("pause_session".into(), stolen);
    assert_eq!(thief.get("/compose").status, 303);
    // Behind TLS the cookie is Secure and HSTS is sent.
    let r = support::Client::new(&s.base).get_with("/login", &[("X-Forwarded-Proto", "https")]);
    assert!(r.header("strict-transport-security").is_some());
    assert!(r.header("set-cookie").unwrap().contains("Secure"));
}

fn sign_in_is_rate_limited(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("bob@t.nhs.uk", Role::Staff, None, "");
    let c = s.client();
    for _ in 0..5 {
        assert_eq!(c.login("bob@t.nhs.uk", "not the password").status, 401);
    }
    // Now even the right password is refused, with Retry-After.
    let r = c.login("bob@t.nhs.uk", PASSWORD);
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.header("retry-after").is_some(), "{:?}", r.headers);
    assert!(r.body.contains("too many attempts"));
    // The count lives in the database: a second instance refuses too.
    let other = TestServer::start(db);
    assert_eq!(other.client().login("bob@t.nhs.uk", PASSWORD).status, 429);
}

fn expired_sessions_are_refused(db: &Db) {
    let s = TestServer::start_with(
        db,
        Config {
            session_ttl: 3,
            ..Config::default()
        },
    );
    s.add_user("eve@t.nhs.uk", Role::Comms, None, "");
    let c = s.client();
    c.login_ok("eve@t.nhs.uk");
    let csrf = c.csrf();
    std::thread::sleep(std::time::Duration::from_millis(4100));
    let r = c.get("/policy");
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().starts_with("/login"));
    let r = c.post_json_with(
        "/api/v1/outcomes",
        r#"{"verdict":"post","went_ahead":true}"#,
        &[("X-CSRF-Token", &csrf)],
    );
    assert_eq!(r.status, 401);
    let r = c.post_form("/policy/import", &[("csrf", &csrf), ("toml", "")]);
    assert_eq!(r.status, 303);
    assert_eq!(
        s.block_on(s.store.latest_policy_version_id()).unwrap(),
        None
    );
}

/// A session in use lives on past its idle timeout; left alone, it ends after it, long before
/// its lifetime, on every instance (the expiry is in the database).
fn idle_sessions_end_before_their_lifetime(db: &Db) {
    let config = Config {
        session_ttl: 3600,
        session_idle: 3,
        ..Config::default()
    };
    let s = TestServer::start_with(db, config.clone());
    s.add_user("ivy@t.nhs.uk", Role::Staff, None, "");
    let c = s.client();
    c.login_ok("ivy@t.nhs.uk");
    // Used every second for six seconds: twice the idle timeout, and still signed in.
    for _ in 0..6 {
        std::thread::sleep(std::time::Duration::from_millis(1000));
        let r = c.get("/compose");
        assert_eq!(r.status, 200, "refused while in use");
    }
    let other = TestServer::start_with(db, config);
    let c2 = other.client();
    *c2.cookies.borrow_mut() = c.cookies.borrow().clone();
    assert_eq!(c2.get("/compose").status, 200, "the other instance agrees");
    // Left alone for longer than the idle timeout: signed out, here and there.
    std::thread::sleep(std::time::Duration::from_millis(4100));
    let r = c.get("/compose");
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().starts_with("/login"));
    assert_eq!(c2.get("/api/v1/policy").status, 401);
}

fn policy_form(csrf: &str, base: &str, confidential: &str) -> Vec<(String, String)> {
    [
        ("csrf", csrf),
        ("base", base),
        ("name", "Metropolis NHS Trust"),
        ("aliases", "MGH"),
        ("handles", "@MetropolisNHS"),
        ("public_contacts", "0161 496 0000"),
        ("suppliers", "MediSupply Ltd"),
        ("confidential", confidential),
        ("setting:swearing", "low"),
        ("note", "codename added"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
    .collect()
}

fn post_fields(c: &Client, path: &str, fields: &[(String, String)]) -> support::Resp {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post_form(path, &f)
}

fn rules_of(r: &support::Resp) -> Vec<String> {
    r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn policy_edits_are_versioned_and_enforced_at_once(db: &Db) {
    let s = TestServer::start(db);
    let other = TestServer::start(db); // a second instance over the same database
    s.add_user("comms@t.nhs.uk", Role::Comms, None, "Communications");
    let c = s.client();
    c.login_ok("comms@t.nhs.uk");
    let draft = "Nightjar goes live for the whole pharmacy team next month";
    assert!(!rules_of(&other.client().check(draft)).contains(&"confidential-term".to_string()));
    let page = c.get("/policy");
    assert_eq!(page.status, 200);
    let csrf = page.csrf_field();
    // Invalid input changes nothing and keeps what was typed.
    let mut bad = policy_form(&csrf, "0", "Nightjar");
    bad.push(("setting:no-such-rule".into(), "off".into()));
    let r = post_fields(&c, "/policy", &bad);
    assert_eq!(r.status, 422);
    assert!(r.body.contains("no-such-rule") && r.body.contains("Nightjar"));
    let too_long = policy_form(&csrf, "0", &"x".repeat(300));
    assert_eq!(post_fields(&c, "/policy", &too_long).status, 422);
    assert_eq!(
        s.block_on(s.store.latest_policy_version_id()).unwrap(),
        None
    );
    // A forged form changes nothing.
    assert_eq!(
        post_fields(&c, "/policy", &policy_form("forged", "0", "Nightjar")).status,
        403
    );
    // A good save is a new version, used by both instances from the next request.
    let r = post_fields(&c, "/policy", &policy_form(&csrf, "0", "Nightjar"));
    assert_eq!(r.status, 303, "{}", r.body);
    let v1 = s
        .block_on(s.store.latest_policy_version_id())
        .unwrap()
        .unwrap();
    assert_eq!(
        r.header("location"),
        Some(format!("/policy?saved={v1}").as_str())
    );
    for inst in [&s, &other] {
        let r = inst.client().check(draft);
        assert!(
            rules_of(&r).contains(&"confidential-term".to_string()),
            "{}",
            r.body
        );
        assert_eq!(
            r.header("pause-policy-version"),
            Some(v1.to_string().as_str())
        );
    }
    // Who and when are kept; the version page shows what changed.
    let v = s.block_on(s.store.policy_version(v1)).unwrap().unwrap();
    assert_eq!(v.created_by_email, "comms@t.nhs.uk");
    assert_eq!(v.note, "codename added");
    let page = c.get(&format!("/policy/versions/{v1}"));
    assert!(page.body.contains("comms@t.nhs.uk") && page.body.contains("Nightjar"));
    // Saving from a stale page is refused (409) and keeps the typed changes.
    let r = post_fields(&c, "/policy", &policy_form(&csrf, "0", "Project Kestrel"));
    assert_eq!(r.status, 409);
    assert!(r.body.contains("Project Kestrel"));
    // Saving without changes makes no version.
    let r = post_fields(
        &c,
        "/policy",
        &policy_form(&csrf, &v1.to_string(), "Nightjar"),
    );
    assert_eq!(r.header("location"), Some("/policy?saved=unchanged"));
    assert_eq!(
        s.block_on(s.store.latest_policy_version_id()).unwrap(),
        Some(v1)
    );
}

fn policy_import_and_export(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("admin@t.nhs.uk", Role::Admin, None, "");
    let c = s.client();
    c.login_ok("admin@t.nhs.uk");
    let csrf = c.csrf();
    // A file that does not parse: the line and column, and nothing changes.
    let r = c.post_form(
        "/policy/import",
        &[
            ("csrf", &csrf),
            ("toml", "[organisation]\nname = \"X\"\nnmae = \"Y\"\n"),
        ],
    );
    assert_eq!(r.status, 422);
    assert!(r.body.contains("line 3, column 1"), "{}", r.body);
    let r = c.post_form(
        "/policy/import",
        &[
            ("csrf", &csrf),
            ("toml", "[rules]\nnope = { enabled = false }\n"),
        ],
    );
    assert_eq!(r.status, 422);
    assert_eq!(
        s.block_on(s.store.latest_policy_version_id()).unwrap(),
        None
    );
    // The example policy imports as written and exports byte for byte.
    let example = pause_core::policy::EXAMPLE_POLICY;
    let r = c.post_form(
        "/policy/import",
        &[
            ("csrf", &csrf),
            ("toml", example),
            ("note", "from examples/"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let export = c.get("/policy/export");
    assert_eq!(export.status, 200);
    assert!(export
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    assert_eq!(export.body, example);
    assert_eq!(Policy::from_toml(&export.body).unwrap(), Policy::example());
    // A file uploaded from the policy page's file input: the same validation and CSRF.
    let upload = |fields: &[(&str, &str)], file: Option<&str>| {
        let boundary = "----pause-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = String::new();
        for (k, v) in fields {
            body += &format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            );
        }
        if let Some(f) = file {
            body += &format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"policy.toml\"\r\nContent-Type: application/toml\r\n\r\n{f}\r\n"
            );
        }
        body += &format!("--{boundary}--\r\n");
        c.finish_raw(
            "POST",
            "/policy/import",
            &format!("multipart/form-data; boundary={boundary}"),
            &body,
        )
    };
    let page = c.get("/policy").body;
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    let uploaded = "[organisation]\nname = \"Uploaded NHS Trust\"\n";
    let r = upload(&[("csrf", "forged")], Some(uploaded));
    assert_eq!(r.status, 403, "{}", r.body);
    let r = upload(&[("csrf", &csrf)], Some("[organisation]\nnmae = \"Y\"\n"));
    assert_eq!(r.status, 422);
    assert!(r.body.contains("line 2, column 1"), "{}", r.body);
    let r = upload(&[("csrf", &csrf)], None);
    assert_eq!(r.status, 400, "{}", r.body);
    let v1 = s.block_on(s.store.latest_policy_version_id()).unwrap();
    let r = upload(&[("csrf", &csrf), ("note", "uploaded")], Some(uploaded));
    assert_eq!(r.status, 303, "{}", r.body);
    let v2 = s.block_on(s.store.latest_policy_version_id()).unwrap();
    assert_ne!(v1, v2);
    assert_eq!(c.get("/policy/export").body, uploaded);
    // Back to the example for the rest.
    let r = upload(&[("csrf", &csrf)], Some(example));
    assert_eq!(r.status, 303, "{}", r.body);
    // And the API uses it.
    let r = c.check("Project Falcon launches next week");
    assert!(
        rules_of(&r).contains(&"confidential-term".to_string()),
        "{}",
        r.body
    );
}

fn training_is_recorded_and_managers_see_their_team(db: &Db) {
    let s = TestServer::start(db);
    let boss = s.add_user("boss@t.nhs.uk", Role::LineManager, None, "Pharmacy");
    s.add_user("ann@t.nhs.uk", Role::Staff, Some(boss.id), "Pharmacy");
    s.add_user("comms@t.nhs.uk", Role::Comms, None, "");
    let ann = s.client();
    ann.login_ok("ann@t.nhs.uk");
    let page = ann.get("/training");
    assert!(page.body.contains("0 of 15"), "{}", page.body);
    let scenario = ann.get("/training/s01");
    let csrf = scenario.csrf_field();
    let r = ann.post_form("/training/s01", &[("csrf", &csrf), ("choice", "post")]);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("The better choice here"));
    assert!(
        r.body.contains("employer-criticism"),
        "the engine's findings are shown"
    );
    let r = ann.post_form("/training/s07", &[("csrf", &csrf), ("choice", "post")]);
    assert!(r.body.contains("Good choice"));
    assert_eq!(
        ann.post_form("/training/s07", &[("csrf", &csrf), ("choice", "shout")])
            .status,
        422
    );
    assert_eq!(
        ann.post_form("/training/zz", &[("csrf", &csrf), ("choice", "post")])
            .status,
        404
    );
    assert!(ann.get("/training").body.contains("2 of 15"));
    // The manager sees Ann's completion; Ann cannot see a team page.
    let b = s.client();
    b.login_ok("boss@t.nhs.uk");
    let team = b.get("/training/team");
    assert_eq!(team.status, 200);
    assert!(
        team.body.contains("ann@t.nhs.uk") && team.body.contains("2 / 15"),
        "{}",
        team.body
    );
    assert_eq!(ann.get("/training/team").status, 403);
    // Comms adds a scenario; everyone sees it.
    let cm = s.client();
    cm.login_ok("comms@t.nhs.uk");
    let csrf = cm.csrf();
    let r = cm.post_form(
        "/training/new",
        &[
            ("csrf", &csrf),
            ("title", "A selfie in the pharmacy"),
            (
                "setting",
                "Behind you are the controlled-drugs cupboard keys.",
            ),
            ("draft", "New keys for the CD cupboard, code is 4471#"),
            ("best", "edit"),
            ("explanation", "Security details must never be posted."),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let loc = r.header("location").unwrap().to_string();
    assert!(ann.get(&loc).body.contains("A selfie in the pharmacy"));
    assert!(ann.get("/training").body.contains("2 of 16"));
    assert_eq!(
        cm.post_form("/training/new", &[("csrf", &csrf), ("title", "")])
            .status,
        422
    );
}

fn outcomes_are_counted_and_small_groups_hidden(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("ann@t.nhs.uk", Role::Staff, None, "");
    s.add_user("head@t.nhs.uk", Role::HeadOfService, None, "");
    let c = s.client();
    c.login_ok("ann@t.nhs.uk");
    let csrf = c.csrf();
    let send = |body: &str| c.post_json_with("/api/v1/outcomes", body, &[("X-CSRF-Token", &csrf)]);
    assert_eq!(send(r#"{"verdict":"maybe","went_ahead":true}"#).status, 422);
    assert_eq!(
        send(r#"{"verdict":"pause","rules":["made-up"],"went_ahead":false}"#).status,
        422
    );
    assert_eq!(
        send(r#"{"verdict":"pause","rules":["nhs-number"],"went_ahead":true,"reason":"because"}"#)
            .status,
        422
    );
    for _ in 0..3 {
        let r = send(
            r#"{"verdict":"pause","rules":["nhs-number","patient-name"],"went_ahead":true,"reason":"false-alarm"}"#,
        );
        assert_eq!(r.status, 204, "{}", r.body);
    }
    for _ in 0..6 {
        assert_eq!(
            send(r#"{"verdict":"pause","rules":["insult"],"went_ahead":false}"#).status,
            204
        );
    }
    let rows = s.block_on(s.store.usage_since(0)).unwrap();
    let n = |kind: &str, key: &str| {
        rows.iter()
            .filter(|r| r.kind == kind && r.key == key)
            .map(|r| r.n)
            .sum::<i64>()
    };
    assert_eq!(n("draft", ""), 9);
    assert_eq!(
        n("category", "patient-confidentiality"),
        3,
        "one per draft, not per rule"
    );
    assert_eq!(n("rule", "insult"), 6);
    let h = s.client();
    h.login_ok("head@t.nhs.uk");
    let page = h.get("/insight");
    assert_eq!(page.status, 200);
    // 9 drafts and 6 bullying pauses are shown; the 3 patient-confidentiality ones are not.
    assert!(page.body.contains("<strong>9</strong>"), "{}", page.body);
    assert!(page.body.contains("&lt;5"));
    assert!(!page.body.contains("<td class=\"num\">3</td>"));
}

/// What the browser extension uses: `GET /api/v1/policy` with the person's session, and
/// `POST /api/v1/events` with no session at all.
fn the_extension_fetches_the_policy_and_sends_counts(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("admin@t.nhs.uk", Role::Admin, None, "");
    s.add_user("ann@t.nhs.uk", Role::Staff, None, "");
    // The policy holds codenames: not without a session.
    let nobody = s.client();
    let r = nobody.get("/api/v1/policy");
    assert_eq!(r.status, 401, "{}", r.body);
    assert_eq!(r.json()["error"]["status"], 401);
    // The built-in defaults before any version is saved, then exactly the saved TOML.
    let ann = s.client();
    ann.login_ok("ann@t.nhs.uk");
    let r = ann.get("/api/v1/policy");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(r.header("pause-policy-version"), Some("0"));
    assert!(Policy::from_toml(&r.body).is_ok(), "{}", r.body);
    let admin = s.client();
    admin.login_ok("admin@t.nhs.uk");
    let csrf = admin.csrf();
    let example = pause_core::policy::EXAMPLE_POLICY;
    let r = admin.post_form("/policy/import", &[("csrf", &csrf), ("toml", example)]);
    assert!(
        r.status == 303 || r.status == 200,
        "{} {}",
        r.status,
        r.body
    );
    let r = ann.get("/api/v1/policy");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, example);
    assert_eq!(r.header("pause-policy-version"), Some("1"));

    // Counts: JSON only, validated, anonymous; the extension's free one-word reason is never
    // stored (it counts as `other`).
    let send = |body: &str| nobody.post_json("/api/v1/events", body);
    let r = nobody.finish_raw(
        "POST",
        "/api/v1/events",
        "application/x-www-form-urlencoded",
        "verdict=pause&went_ahead=true",
    );
    assert_eq!(r.status, 415, "{}", r.body);
    assert_eq!(send("{").status, 400);
    assert_eq!(
        send(r#"{"verdict":"pause","went_ahead":true,"text":"x"}"#).status,
        422
    );
    assert_eq!(send(r#"{"verdict":"maybe","went_ahead":true}"#).status, 422);
    assert_eq!(
        send(r#"{"verdict":"pause","rules":["made-up"],"went_ahead":true}"#).status,
        422
    );
    assert_eq!(
        send(r#"{"verdict":"pause","categories":["made-up"],"went_ahead":true}"#).status,
        422
    );
    for reason in ["patelwasright", "consent"] {
        let body = serde_json::json!({
            "went_ahead": true, "verdict": "pause", "reason": reason,
            "categories": ["patient-confidentiality"], "rules": ["nhs-number"],
        });
        let r = send(&body.to_string());
        assert_eq!(r.status, 204, "{}", r.body);
    }
    let rows = s.block_on(s.store.usage_since(0)).unwrap();
    let n = |kind: &str, key: &str| {
        rows.iter()
            .filter(|r| r.kind == kind && r.key == key)
            .map(|r| r.n)
            .sum::<i64>()
    };
    assert_eq!(n("draft", ""), 2);
    assert_eq!(n("rule", "nhs-number"), 2);
    assert_eq!(n("category", "patient-confidentiality"), 2);
    assert!(rows.iter().all(|r| r.reason != "patelwasright"));
    assert_eq!(
        rows.iter()
            .filter(|r| r.kind == "draft" && r.reason == "other")
            .count(),
        1
    );
    // Rate limited per address (a window of a day, so the test cannot straddle one; a database
    // of its own, so the hits above do not count).
    let own = Db::sqlite();
    let limited = TestServer::start_with(
        &own,
        Config {
            events_limit_per_address: 3,
            login_window: 24 * 3600,
            ..Config::default()
        },
    );
    let c = limited.client();
    let send = |body: &str| c.post_json("/api/v1/events", body);
    for _ in 0..3 {
        assert_eq!(send(r#"{"verdict":"post","went_ahead":true}"#).status, 204);
    }
    let r = send(r#"{"verdict":"post","went_ahead":true}"#);
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.header("retry-after").is_some());
}

/// Insight's training chart: a bar per service of 5 people or more, none for smaller ones, and
/// no rate on fewer than 5 people.
fn training_by_service_is_charted_without_small_groups(db: &Db) {
    let s = TestServer::start(db);
    s.add_user("comms@t.nhs.uk", Role::Comms, None, "Communications");
    let scenarios: Vec<String> = (1..=15).map(|i| format!("s{i:02}")).collect();
    let done = |u: &pause_store::User, how_many: usize| {
        for id in scenarios.iter().take(how_many) {
            s.block_on(s.store.record_completion(&pause_store::Completion {
                user_id: u.id,
                scenario: id.clone(),
                choice: "raise".into(),
                correct: true,
                completed_at: 1,
            }))
            .unwrap();
        }
    };
    // Pharmacy: 10 people, 5 started (all 5 finished every scenario).
    for i in 0..10 {
        let u = s.add_user(&format!("ph{i}@t.nhs.uk"), Role::Staff, None, "Pharmacy");
        if i < 5 {
            done(&u, 15);
        }
    }
    // Estates: 6 people, 2 started: a rate on 2 people is hidden.
    for i in 0..6 {
        let u = s.add_user(&format!("es{i}@t.nhs.uk"), Role::Staff, None, "Estates");
        if i < 2 {
            done(&u, 3);
        }
    }
    // Radiology: 3 people, every one finished: a group under 5 is not drawn at all.
    for i in 0..3 {
        let u = s.add_user(&format!("ra{i}@t.nhs.uk"), Role::Staff, None, "Radiology");
        done(&u, 15);
    }
    let c = s.client();
    c.login_ok("comms@t.nhs.uk");
    let page = c.get("/insight");
    assert_eq!(page.status, 200);
    let body = &page.body;
    let start = body
        .find("<svg class=\"chart\" id=\"training-chart\"")
        .expect(body);
    let svg = &body[start..start + body[start..].find("</svg>").unwrap()];
    assert!(svg.contains(">Pharmacy<"), "{svg}");
    assert!(
        svg.contains("data-bar=\"started\" data-pct=\"50\""),
        "{svg}"
    );
    assert!(
        svg.contains("data-bar=\"completed all\" data-pct=\"50\""),
        "{svg}"
    );
    assert!(svg.contains(">Estates<"), "{svg}");
    assert!(svg.contains("hidden (started)"), "{svg}");
    assert!(!svg.contains("data-pct=\"33\""), "{svg}");
    assert!(!svg.contains("Radiology"), "{svg}");
    assert!(!svg.contains("Communications"), "{svg}");
    assert!(!body.contains("Radiology"));
}
