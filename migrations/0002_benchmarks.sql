-- Uploaded benchmark files and the normalised runs read from them.
-- A file and all its runs are written in one transaction: nothing is half-stored.
CREATE TABLE benchmark_files (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,            -- as uploaded, for display only (never a path)
    format      TEXT NOT NULL,            -- engine::bench::Format id
    size_bytes  INTEGER NOT NULL,
    original    BLOB,                     -- the file as uploaded, when within the stored-size cap
    refused     TEXT NOT NULL DEFAULT '[]', -- JSON list of runs in the file that were not kept, with reasons
    uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE benchmark_runs (
    id                  TEXT PRIMARY KEY NOT NULL,
    file_id             TEXT NOT NULL REFERENCES benchmark_files (id),
    position            INTEGER NOT NULL,  -- order inside the file
    label               TEXT NOT NULL,
    model               TEXT,
    hardware            TEXT,
    concurrency         REAL,
    input_tokens        REAL,              -- mean per request
    output_tokens       REAL,              -- mean per request
    output_tokens_per_s REAL,
    total_tokens_per_s  REAL,
    requests_per_s      REAL,
    duration_s          REAL,
    ttft_mean_ms REAL, ttft_p50_ms REAL, ttft_p99_ms REAL,
    tpot_mean_ms REAL, tpot_p50_ms REAL, tpot_p99_ms REAL,
    itl_mean_ms  REAL, itl_p50_ms  REAL, itl_p99_ms  REAL,
    e2e_mean_ms  REAL, e2e_p50_ms  REAL, e2e_p99_ms  REAL,
    completed           INTEGER,
    failed              INTEGER,
    run                 TEXT NOT NULL      -- the whole normalised run (engine::bench::Run) as JSON, notes included
);
CREATE INDEX benchmark_runs_file ON benchmark_runs (file_id, position);
