-- What a usage file holds, as a digest (engine::usage::file::UsageFile::fingerprint): an
-- upload finds the workspace's earlier copies of the same usage by it. Files stored
-- before this migration have none: those of the same format are compared by their
-- summaries (at most 20 per upload, with the files that have the digest).
ALTER TABLE usage_files ADD COLUMN fingerprint TEXT;
CREATE INDEX usage_files_fingerprint ON usage_files (workspace_id, fingerprint);
