-- A benchmark upload looks for the same file already stored in its workspace (a warning,
-- not a refusal): only files of the same size are compared byte for byte.
CREATE INDEX benchmark_files_same_size ON benchmark_files (workspace_id, size_bytes);
