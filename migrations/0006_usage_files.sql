-- Usage and cost exports read into a workload. Only what engine::usage::file::UsageFile
-- holds is kept: counts, times, model names, grouping keys and billed amounts, never a
-- word of a prompt or an answer. The original file is not kept.
CREATE TABLE usage_files (
    id           TEXT PRIMARY KEY NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    name         TEXT NOT NULL,            -- as uploaded, for display only (never a path)
    format       TEXT NOT NULL,            -- engine::usage::UsageFormat, snake case
    size_bytes   INTEGER NOT NULL,
    summary      TEXT NOT NULL,            -- engine::usage::file::UsageFile as JSON
    uploaded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX usage_files_workspace ON usage_files (workspace_id, uploaded_at DESC);
