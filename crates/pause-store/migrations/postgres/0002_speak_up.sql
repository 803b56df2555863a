-- Speak up: concerns raised inside the organisation. PostgreSQL dialect; keep in step with
-- migrations/sqlite/0002_speak_up.sql. Everything a person wrote (the concern, messages,
-- actions, the outcome, detriment reports) and who raised it are stored sealed
-- (XChaCha20-Poly1305, key outside the database); *_tag columns are keyed hashes used for
-- lookups, which a copied database cannot reverse.

CREATE TABLE concerns (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category         TEXT    NOT NULL,
    identity         TEXT    NOT NULL CHECK (identity IN ('open', 'confidential', 'anonymous')),
    recipient        TEXT    NOT NULL CHECK (recipient IN ('line-manager', 'senior-manager', 'guardian')),
    status           TEXT    NOT NULL,
    handler_id       BIGINT  REFERENCES users (id),
    service          TEXT,
    escalation_level BIGINT  NOT NULL DEFAULT 0,
    raised_at        BIGINT  NOT NULL,
    clock_start      BIGINT  NOT NULL,
    due_kind         TEXT,
    due_at           BIGINT ,
    overdue          BIGINT  NOT NULL DEFAULT 0,
    feedback_given   BIGINT  NOT NULL DEFAULT 0,
    acknowledged_at  BIGINT ,
    closed_at        BIGINT ,
    consent          BIGINT  NOT NULL DEFAULT 0,
    -- Random per case, part of every sealed value's associated data: a sealed value or
    -- lookup tag copied from another case does not open here.
    seal_context     TEXT    NOT NULL,
    text_sealed      BYTEA   NOT NULL,
    raiser_sealed    BYTEA,
    raiser_tag       TEXT,
    receipt_tag      TEXT    UNIQUE,
    receipt_sealed   BYTEA,
    passphrase_hash  TEXT,
    submission_tag   TEXT    UNIQUE,
    outcome_sealed   BYTEA,
    retention_warned BIGINT  NOT NULL DEFAULT 0,
    version          BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX concerns_raiser ON concerns (raiser_tag);
CREATE INDEX concerns_due ON concerns (due_at);

-- Everyone who has handled a case (the recipient, then each escalation): the handler chain.
CREATE TABLE concern_handlers (
    concern_id BIGINT  NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id),
    level      BIGINT  NOT NULL,
    since      BIGINT  NOT NULL,
    PRIMARY KEY (concern_id, user_id)
);
CREATE INDEX concern_handlers_user ON concern_handlers (user_id);

-- The case's timeline: status changes, escalations, messages, actions taken, consent.
CREATE TABLE concern_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    concern_id  BIGINT  NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    actor_id    BIGINT ,
    kind        TEXT    NOT NULL,
    body_sealed BYTEA,
    to_raiser   BIGINT  NOT NULL DEFAULT 1
);
CREATE INDEX concern_events_case ON concern_events (concern_id);

-- A raiser's report of detriment for having spoken up: its own record, linked to the case.
CREATE TABLE detriments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    concern_id  BIGINT  NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    reported_at BIGINT  NOT NULL,
    text_sealed BYTEA   NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'reported'
);

-- In-app notifications: which case needs whose attention, never what it says.
CREATE TABLE notifications (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    concern_id BIGINT  REFERENCES concerns (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    read_at    BIGINT 
);
CREATE INDEX notifications_user ON notifications (user_id, read_at);

-- E-mails to send ("something needs your attention"): at most one unsent per person.
CREATE TABLE mail_outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    BIGINT  NOT NULL,
    claimed_until BIGINT  NOT NULL DEFAULT 0,
    -- Not before (e-mail caused by an anonymous raiser waits for the next morning's batch).
    send_after    BIGINT  NOT NULL DEFAULT 0,
    attempts      BIGINT  NOT NULL DEFAULT 0,
    sent_at       BIGINT ,
    last_error    TEXT
);
CREATE INDEX mail_outbox_pending ON mail_outbox (sent_at, claimed_until);

-- The append-only audit log of every view and change of a case. Each entry's hash covers the
-- previous entry's hash (keyed, so only the key's holder can make a valid chain); audit_head
-- holds the last one so that a cut-off tail shows too. Entries hold no case content, so they
-- outlive the cases they describe.
CREATE TABLE audit_log (
    seq       BIGINT  PRIMARY KEY,
    at        BIGINT  NOT NULL,
    case_id   BIGINT ,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    detail    TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE TABLE audit_head (
    id   BIGINT  PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL,
    -- A keyed MAC of (seq, hash): cutting the log's tail and pointing the head back shows.
    mac  TEXT    NOT NULL DEFAULT ''
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The org chart: services and their heads (people's manager and service are on users).
CREATE TABLE services (
    name    TEXT PRIMARY KEY,
    head_id BIGINT  REFERENCES users (id)
);
