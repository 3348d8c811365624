-- A team's own catalog entries: negotiated API prices, cloud prices, private GPU SKUs.
-- `data` is the entry as JSON (an engine ApiTier, a cloud price, or an engine GpuEntry).
CREATE TABLE custom_catalog (
    id         TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('api_tier', 'cloud_price', 'gpu')),
    name       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX custom_catalog_kind ON custom_catalog (kind, created_at DESC);
