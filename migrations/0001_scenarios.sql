-- Scenarios and their immutable revisions.
-- id, view_token and edit_key are random (>= 128 bits), hex. The edit key is the
-- write capability; the view token only reads.
CREATE TABLE scenarios (
    id               TEXT PRIMARY KEY NOT NULL,
    view_token       TEXT NOT NULL,
    edit_key         TEXT NOT NULL,
    name             TEXT NOT NULL,
    current_revision INTEGER NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT scenarios_view_token_unique UNIQUE (view_token)
);
CREATE INDEX scenarios_updated_at ON scenarios (updated_at DESC);

CREATE TABLE scenario_revisions (
    scenario_id   TEXT NOT NULL REFERENCES scenarios (id),
    revision      INTEGER NOT NULL,
    document      TEXT NOT NULL,      -- the scenario document, versioned JSON
    name          TEXT NOT NULL,
    author        TEXT NOT NULL DEFAULT '',
    restored_from INTEGER,
    saved_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (scenario_id, revision)
);

-- Revisions are immutable: history is only ever appended to.
CREATE TRIGGER scenario_revisions_immutable BEFORE UPDATE ON scenario_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are immutable');
END;
