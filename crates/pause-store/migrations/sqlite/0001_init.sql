-- Pause service schema, SQLite dialect. Times are Unix seconds (INTEGER); booleans are 0/1.
-- Keep in step with migrations/postgres/0001_init.sql: same tables, same columns.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('staff', 'line-manager', 'senior-manager',
                          'head-of-service', 'speak-up-guardian', 'comms', 'admin')),
    manager_id    INTEGER REFERENCES users (id),
    service       TEXT,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_manager ON users (manager_id);

-- Only a SHA-256 of the session token is kept: a copied database holds no usable session.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Fixed-window counters (login attempts today; speak-up receipt attempts later).
CREATE TABLE rate_limits (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Every save of the organisation's policy is a new row; the newest row is in force.
CREATE TABLE policy_versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_toml      TEXT    NOT NULL,
    created_by       INTEGER REFERENCES users (id),
    created_by_email TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    note             TEXT    NOT NULL DEFAULT ''
);

-- Anonymous counts only: no user, no text, no time finer than the week.
-- kind is 'draft' (key ''), 'category' (key = category id) or 'rule' (key = rule id).
CREATE TABLE usage_counts (
    week_start INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    verdict    TEXT    NOT NULL,
    went_ahead INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (week_start, kind, key, verdict, went_ahead, reason)
);

-- Scenarios added by comms (the shipped ones live in the binary).
CREATE TABLE training_scenarios (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    setting     TEXT    NOT NULL,
    draft       TEXT    NOT NULL,
    best        TEXT    NOT NULL CHECK (best IN ('post', 'edit', 'raise')),
    explanation TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL
);

CREATE TABLE training_completions (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scenario     TEXT    NOT NULL,
    choice       TEXT    NOT NULL,
    correct      INTEGER NOT NULL,
    completed_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, scenario)
);
