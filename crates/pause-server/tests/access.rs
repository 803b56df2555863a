//! Every route, as every role and as nobody: each gets exactly the access written beside the
//! route in router.rs. A drift check fails when a route is added without a row here.

mod support;

use pause_store::Role;
use support::{Client, Db, Resp, TestServer};

#[derive(Clone, Copy, Debug)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Only these roles.
    Roles(&'static [Role]),
}

const EDITORS: &[Role] = &[Role::Comms, Role::Admin];
const INSIGHT: &[Role] = &[Role::Comms, Role::HeadOfService, Role::Admin];
const OVERSIGHT: &[Role] = &[Role::SpeakUpGuardian, Role::HeadOfService];
const GUARDIAN: &[Role] = &[Role::SpeakUpGuardian];
const ADMIN: &[Role] = &[Role::Admin];
const MANAGERS: &[Role] = &[
    Role::LineManager,
    Role::SeniorManager,
    Role::HeadOfService,
    Role::Admin,
];

#[derive(Clone, Copy)]
enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
}

struct Route {
    method: &'static str,
    /// As written in router.rs.
    pattern: &'static str,
    /// What is requested.
    path: &'static str,
    body: Body,
    who: Who,
}

const fn r(
    method: &'static str,
    pattern: &'static str,
    path: &'static str,
    body: Body,
    who: Who,
) -> Route {
    Route {
        method,
        pattern,
        path,
        body,
        who,
    }
}

const ROUTES: &[Route] = &[
    r("GET", "/healthz", "/healthz", Body::None, Who::Public),
    r(
        "POST",
        "/api/v1/check",
        "/api/v1/check",
        Body::Json(r#"{"text":"hello"}"#),
        Who::Public,
    ),
    r(
        "GET",
        "/api/v1/openapi.json",
        "/api/v1/openapi.json",
        Body::None,
        Who::Public,
    ),
    r(
        "GET",
        "/static/{file}",
        "/static/app.css",
        Body::None,
        Who::Public,
    ),
    r(
        "POST",
        "/api/v1/events",
        "/api/v1/events",
        Body::Json(r#"{"verdict":"pause","rules":["insult"],"went_ahead":true,"reason":"ok"}"#),
        Who::Public,
    ),
    r("GET", "/login", "/login", Body::None, Who::Public),
    // Speaking up: anonymous concerns need no account.
    r(
        "POST",
        "/api/v1/concerns",
        "/api/v1/concerns",
        Body::Json(
            r#"{"category":"other","text":"t","identity":"anonymous","recipient":"guardian","passphrase":"long enough passphrase"}"#,
        ),
        Who::Public,
    ),
    r(
        "GET",
        "/api/v1/concerns/receipt/{receipt}",
        "/api/v1/concerns/receipt/ABCD-EFGH-JKMN-PQRS",
        Body::None,
        Who::Public,
    ),
    r(
        "POST",
        "/api/v1/concerns/receipt/{receipt}/messages",
        "/api/v1/concerns/receipt/ABCD-EFGH-JKMN-PQRS/messages",
        Body::Json(r#"{"text":"t"}"#),
        Who::Public,
    ),
    r("GET", "/speak-up", "/speak-up", Body::None, Who::Public),
    r(
        "GET",
        "/concerns/new",
        "/concerns/new",
        Body::None,
        Who::Public,
    ),
    r(
        "POST",
        "/concerns/new",
        "/concerns/new",
        Body::Form(&[
            ("category", "other"),
            ("text", "t"),
            ("identity", "anonymous"),
        ]),
        Who::Public,
    ),
    r(
        "GET",
        "/concerns/follow",
        "/concerns/follow",
        Body::None,
        Who::Public,
    ),
    r(
        "POST",
        "/concerns/follow",
        "/concerns/follow",
        Body::Form(&[("receipt", "ABCD"), ("passphrase", "p")]),
        Who::Public,
    ),
    r(
        "POST",
        "/concerns/follow/files",
        "/concerns/follow/files",
        Body::Form(&[("receipt", "ABCD")]),
        Who::Public,
    ),
    r(
        "POST",
        "/concerns/follow/download",
        "/concerns/follow/download",
        Body::Form(&[("receipt", "ABCD"), ("passphrase", "p"), ("file", "1")]),
        Who::Public,
    ),
    r(
        "POST",
        "/concerns/follow/write",
        "/concerns/follow/write",
        Body::Form(&[("receipt", "ABCD"), ("passphrase", "p"), ("text", "t")]),
        Who::Public,
    ),
    r("GET", "/", "/", Body::None, Who::SignedIn),
    r("GET", "/compose", "/compose", Body::None, Who::SignedIn),
    r(
        "POST",
        "/api/v1/outcomes",
        "/api/v1/outcomes",
        Body::Json(r#"{"verdict":"pause","rules":["insult"],"went_ahead":false}"#),
        Who::SignedIn,
    ),
    r(
        "GET",
        "/api/v1/policy",
        "/api/v1/policy",
        Body::None,
        Who::SignedIn,
    ),
    r("GET", "/guidance", "/guidance", Body::None, Who::SignedIn),
    // A case: signed in, then only its raiser, handler chain and the guardian (404 for others,
    // per case, in tests/speakup.rs).
    r(
        "GET",
        "/concerns/{id}",
        "/concerns/999",
        Body::None,
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/act",
        "/concerns/999/act",
        Body::Form(&[("transition", "acknowledge")]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/write",
        "/concerns/999/write",
        Body::Form(&[("text", "t")]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/consent",
        "/concerns/999/consent",
        Body::Form(&[]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/detriment",
        "/concerns/999/detriment",
        Body::Form(&[("text", "t")]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/pass-up",
        "/concerns/999/pass-up",
        Body::Form(&[("note", "n")]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/{id}/files",
        "/concerns/999/files",
        Body::Form(&[]),
        Who::SignedIn,
    ),
    r(
        "GET",
        "/concerns/{id}/files/{file}",
        "/concerns/999/files/1",
        Body::None,
        Who::SignedIn,
    ),
    r(
        "GET",
        "/notifications",
        "/notifications",
        Body::None,
        Who::SignedIn,
    ),
    r(
        "POST",
        "/notifications/read",
        "/notifications/read",
        Body::Form(&[]),
        Who::SignedIn,
    ),
    r(
        "POST",
        "/concerns/detriment/{id}",
        "/concerns/detriment/999",
        Body::Form(&[("status", "reviewing")]),
        Who::Roles(GUARDIAN),
    ),
    r(
        "GET",
        "/speak-up/oversight",
        "/speak-up/oversight",
        Body::None,
        Who::Roles(OVERSIGHT),
    ),
    r(
        "GET",
        "/speak-up/oversight.csv",
        "/speak-up/oversight.csv",
        Body::None,
        Who::Roles(OVERSIGHT),
    ),
    r("GET", "/org", "/org", Body::None, Who::Roles(ADMIN)),
    r(
        "POST",
        "/org/import",
        "/org/import",
        Body::Form(&[]),
        Who::Roles(ADMIN),
    ),
    r(
        "POST",
        "/org/{id}",
        "/org/1",
        Body::Form(&[("role", "admin")]),
        Who::Roles(ADMIN),
    ),
    r(
        "GET",
        "/guidance/{category}",
        "/guidance/defamation",
        Body::None,
        Who::SignedIn,
    ),
    r("GET", "/training", "/training", Body::None, Who::SignedIn),
    r(
        "GET",
        "/training/{id}",
        "/training/s01",
        Body::None,
        Who::SignedIn,
    ),
    r(
        "POST",
        "/training/{id}",
        "/training/s01",
        Body::Form(&[("choice", "raise")]),
        Who::SignedIn,
    ),
    r(
        "GET",
        "/training/team",
        "/training/team",
        Body::None,
        Who::Roles(MANAGERS),
    ),
    r(
        "GET",
        "/training/new",
        "/training/new",
        Body::None,
        Who::Roles(EDITORS),
    ),
    r(
        "POST",
        "/training/new",
        "/training/new",
        Body::Form(&[
            ("title", "t"),
            ("setting", "s"),
            ("draft", "d"),
            ("best", "edit"),
            ("explanation", "e"),
        ]),
        Who::Roles(EDITORS),
    ),
    r("GET", "/policy", "/policy", Body::None, Who::Roles(EDITORS)),
    r(
        "POST",
        "/policy",
        "/policy",
        Body::Form(&[("base", "1"), ("name", "Metropolis NHS Trust")]),
        Who::Roles(EDITORS),
    ),
    r(
        "POST",
        "/policy/import",
        "/policy/import",
        Body::Form(&[("toml", "[organisation]\nname = \"Metropolis NHS Trust\"\n")]),
        Who::Roles(EDITORS),
    ),
    r(
        "GET",
        "/policy/export",
        "/policy/export",
        Body::None,
        Who::Roles(EDITORS),
    ),
    r(
        "GET",
        "/policy/versions/{id}",
        "/policy/versions/1",
        Body::None,
        Who::Roles(EDITORS),
    ),
    r(
        "GET",
        "/insight",
        "/insight",
        Body::None,
        Who::Roles(INSIGHT),
    ),
    // Last: it ends the session.
    r("POST", "/logout", "/logout", Body::Form(&[]), Who::SignedIn),
];

// POST /login is public; it is exercised (forged, wrong and right) in tests/http.rs.
const NOT_HERE: &[(&str, &str)] = &[("POST", "/login")];

#[derive(Debug, PartialEq, Eq)]
enum Got {
    Allowed,
    Forbidden,
    NeedsSignIn,
}

fn classify(r: &Resp) -> Got {
    assert!(r.status < 500, "server error: {} {}", r.status, r.body);
    match r.status {
        401 => Got::NeedsSignIn,
        // Sent to sign in, with the way back (signing out redirects to plain /login).
        303 if r
            .header("location")
            .is_some_and(|l| l.starts_with("/login?next=")) =>
        {
            Got::NeedsSignIn
        }
        403 => Got::Forbidden,
        _ => Got::Allowed,
    }
}

fn call(c: &Client, route: &Route, csrf: &str) -> Resp {
    match route.body {
        Body::None => c.send(route.method, route.path),
        Body::Json(j) => c.post_json_with(route.path, j, &[("X-CSRF-Token", csrf)]),
        Body::Form(fields) => {
            let mut f: Vec<(&str, &str)> = fields.to_vec();
            f.push(("csrf", csrf));
            c.post_form(route.path, &f)
        }
    }
}

#[test]
fn every_route_as_every_role_and_as_nobody() {
    let db = Db::sqlite();
    let s = TestServer::start_speak_up(&db, pause_server::speakup::Clock::system(), None);
    let admin = s.add_user("first-admin@t.nhs.uk", Role::Admin, None, "");
    // A policy version to look at.
    s.block_on(s.store.save_policy("", &admin, 1, "seed"))
        .unwrap();

    let mut failures = Vec::new();
    // Nobody.
    let nobody = s.client();
    for route in ROUTES {
        let got = classify(&call(&nobody, route, "no-session"));
        let want = match route.who {
            Who::Public => Got::Allowed,
            _ => Got::NeedsSignIn,
        };
        if got != want {
            failures.push(format!(
                "nobody {} {}: {got:?}, want {want:?}",
                route.method, route.path
            ));
        }
    }
    // Every role.
    for role in Role::ALL {
        let email = format!("{}@t.nhs.uk", role.id());
        s.add_user(&email, role, None, "");
        let c = s.client();
        c.login_ok(&email);
        let csrf = c.csrf();
        for route in ROUTES {
            let got = classify(&call(&c, route, &csrf));
            let want = match route.who {
                Who::Public | Who::SignedIn => Got::Allowed,
                Who::Roles(roles) if roles.contains(&role) => Got::Allowed,
                Who::Roles(_) => Got::Forbidden,
            };
            if got != want {
                failures.push(format!(
                    "{role} {} {}: {got:?}, want {want:?}",
                    route.method, route.path
                ));
            }
        }
        // Signed out for real.
        assert_eq!(classify(&c.get("/compose")), Got::NeedsSignIn, "{role}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `.route(PATH, get(..).post(..))` in router.rs has a row above.
#[test]
fn the_table_covers_every_route_in_the_router() {
    // Each `.route(...)` call on one line, however rustfmt wrapped it.
    let src: String = include_str!("../src/router.rs")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("");
    let calls: Vec<String> = src
        .split(".route(")
        .skip(1)
        .map(|c| format!(".route({c}"))
        .collect();
    let mut missing = Vec::new();
    for line in calls.iter().filter(|l| l.starts_with(".route(\"")) {
        let pattern = line.split('"').nth(1).unwrap();
        for (method, call) in [("GET", "get("), ("POST", "post(")] {
            if line.contains(call) {
                let covered = ROUTES
                    .iter()
                    .any(|r| r.method == method && r.pattern == pattern)
                    || NOT_HERE.contains(&(method, pattern));
                if !covered {
                    missing.push(format!("{method} {pattern}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without an access row: {missing:?}"
    );
    assert!(ROUTES.len() > 20);
}
