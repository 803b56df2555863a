-- Files attached to a concern (evidence), sealed like everything else the parties write. SQLite
-- dialect; keep in step with migrations/postgres/0003_concern_files.sql.
CREATE TABLE concern_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    concern_id   INTEGER NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    uploaded_at  INTEGER NOT NULL,
    -- `raiser` or `handler`/`guardian` with actor_id.
    actor        TEXT    NOT NULL,
    actor_id     INTEGER,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    name_sealed  BLOB    NOT NULL,
    body_sealed  BLOB    NOT NULL
);
CREATE INDEX concern_files_case ON concern_files (concern_id);
