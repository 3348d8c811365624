-- The original usage file, only when its uploader ticked "keep the original" (it may
-- hold the text of prompts and answers). NULL otherwise: then nothing but the counts,
-- times, model names and grouping keys in `summary` is kept. Read back only with the
-- workspace's key, never through a scenario's link; deleted with its row.
ALTER TABLE usage_files ADD COLUMN original TEXT;
