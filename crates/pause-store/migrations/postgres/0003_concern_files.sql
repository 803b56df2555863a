-- Files attached to a concern (evidence), sealed like everything else the parties write. PostgreSQL
-- dialect; keep in step with migrations/sqlite/0003_concern_files.sql.
CREATE TABLE concern_files (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    concern_id   BIGINT  NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    uploaded_at  BIGINT  NOT NULL,
    -- `raiser` or `handler`/`guardian` with actor_id.
    actor        TEXT    NOT NULL,
    actor_id     BIGINT,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    name_sealed  BYTEA   NOT NULL,
    body_sealed  BYTEA   NOT NULL
);
CREATE INDEX concern_files_case ON concern_files (concern_id);
