-- Pause service schema, PostgreSQL dialect. Times are Unix seconds (BIGINT); booleans are 0/1.
-- Keep in step with migrations/sqlite/0001_init.sql: same tables, same columns.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('staff', 'line-manager', 'senior-manager',
                          'head-of-service', 'speak-up-guardian', 'comms', 'admin')),
    manager_id    BIGINT  REFERENCES users (id),
    service       TEXT,
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX users_manager ON users (manager_id);

-- Only a SHA-256 of the session token is kept: a copied database holds no usable session.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Fixed-window counters (login attempts today; speak-up receipt attempts later).
CREATE TABLE rate_limits (
    key          TEXT    NOT NULL,
    window_start BIGINT  NOT NULL,
    hits         BIGINT  NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Every save of the organisation's policy is a new row; the newest row is in force.
CREATE TABLE policy_versions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_toml      TEXT    NOT NULL,
    created_by       BIGINT  REFERENCES users (id),
    created_by_email TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    note             TEXT    NOT NULL DEFAULT ''
);

-- Anonymous counts only: no user, no text, no time finer than the week.
-- kind is 'draft' (key ''), 'category' (key = category id) or 'rule' (key = rule id).
CREATE TABLE usage_counts (
    week_start BIGINT  NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    verdict    TEXT    NOT NULL,
    went_ahead BIGINT  NOT NULL,
    reason     TEXT    NOT NULL,
    n          BIGINT  NOT NULL,
    PRIMARY KEY (week_start, kind, key, verdict, went_ahead, reason)
);

-- Scenarios added by comms (the shipped ones live in the binary).
CREATE TABLE training_scenarios (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       TEXT    NOT NULL,
    setting     TEXT    NOT NULL,
    draft       TEXT    NOT NULL,
    best        TEXT    NOT NULL CHECK (best IN ('post', 'edit', 'raise')),
    explanation TEXT    NOT NULL,
    created_by  BIGINT  REFERENCES users (id),
    created_at  BIGINT  NOT NULL
);

CREATE TABLE training_completions (
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scenario     TEXT    NOT NULL,
    choice       TEXT    NOT NULL,
    correct      BIGINT  NOT NULL,
    completed_at BIGINT  NOT NULL,
    PRIMARY KEY (user_id, scenario)
);
