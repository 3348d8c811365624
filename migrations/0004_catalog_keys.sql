-- Each custom catalog entry gets its own 192-bit key (48 hex digits), returned once to
-- the browser that adds it and required to delete it, as scenarios need their edit key.
-- Entries added before keys existed keep NULL: only the operator can remove them
-- (DELETE /api/admin/catalog/{id} with the admin token).
ALTER TABLE custom_catalog ADD COLUMN edit_key TEXT;
