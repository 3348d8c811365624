-- Workspaces: a team's scenarios, benchmark files and custom catalog entries live in
-- one workspace, reached by its secret link /w/{token} (192 random bits, hex). Holding
-- the token is membership: it lists the workspace and writes to it. Rows stored before
-- workspaces existed keep NULL here until the server adopts them into one workspace at
-- start-up (app::db::workspaces::adopt_orphans), which prints that workspace's link once.
CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY NOT NULL,
    token      TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workspaces_token_unique UNIQUE (token)
);

ALTER TABLE scenarios ADD COLUMN workspace_id TEXT REFERENCES workspaces (id);
ALTER TABLE benchmark_files ADD COLUMN workspace_id TEXT REFERENCES workspaces (id);
ALTER TABLE custom_catalog ADD COLUMN workspace_id TEXT REFERENCES workspaces (id);
-- Who made the change, when an operator's sign-on proxy names the user.
ALTER TABLE custom_catalog ADD COLUMN author TEXT NOT NULL DEFAULT '';

CREATE INDEX scenarios_workspace ON scenarios (workspace_id, updated_at DESC);
CREATE INDEX benchmark_files_workspace ON benchmark_files (workspace_id, uploaded_at DESC);
CREATE INDEX custom_catalog_workspace ON custom_catalog (workspace_id, kind, created_at DESC);

-- A link frozen at one revision (the one finance approved): its own random token, made
-- on request by whoever holds the edit key; it reads that revision and nothing else (a
-- view token reads only the latest revision, never the history).
CREATE TABLE frozen_links (
    token       TEXT PRIMARY KEY NOT NULL,
    scenario_id TEXT NOT NULL REFERENCES scenarios (id),
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT frozen_links_once UNIQUE (scenario_id, revision)
);
