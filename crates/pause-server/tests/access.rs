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
    let s = TestServer::start(&db);
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
    let src = include_str!("../src/router.rs");
    let mut missing = Vec::new();
    for line in src
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(".route(\""))
    {
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
