-- Faster customer search at a million customers.
--
-- 1. The word index holds only words (names, company, tags). Emails and phone
--    numbers were words of their own in it, so a prefix such as "adam:*" had to
--    visit every "adam.…@…" address: a few milliseconds per query at 1M
--    customers. Identities are found through customer_identities instead, and
--    parts of them through the trigram index on search_text, which stays.
CREATE TEXT SEARCH CONFIGURATION rapport_words (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION rapport_words
  DROP MAPPING FOR email, url, url_path, host, file, int, uint, float, sfloat, version;

ALTER TABLE customers DROP COLUMN search_vector;
ALTER TABLE customers
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('rapport_words'::regconfig, search_text)) STORED;
CREATE INDEX customers_search_fts_idx ON customers USING gin (search_vector);

-- Tags: only tagged customers are indexed (queries add `tags <> '{}'`). Most customers have no tag, and a GIN
-- index keeps an entry for every empty array: a tenth of a bulk import's index work for nothing.
DROP INDEX customers_tags_idx;
CREATE INDEX customers_tags_idx ON customers USING gin (tags) WHERE tags <> '{}';

-- 2. Exact full names ("adam kovacs") newest first straight from the index: the newest 20 of a common name
--    instead of all of them. Measured at 1M customers: search p99 27.5 ms with it, 93.5 ms without; it costs a
--    bulk import about 5 s per million rows (a two-column index deduplicates equal names, this one cannot).
DROP INDEX customers_name_key_idx;
CREATE INDEX customers_name_key_idx ON customers (workspace_id, name_key, created_at DESC, id DESC) WHERE name_key <> '';

-- 3. The workspace's distinct names, a few thousand rows where customers are a
--    million: a typo ("adam kovcs") is matched by trigram similarity here, then
--    the customers of the closest names are read through the index above; and
--    duplicate review reads the names near a customer's here (migration
--    202611251000's functions). Writers that insert customers add their names in
--    the same statement (a per-row or transition-table trigger costs a third of
--    a bulk import); renames and deletes keep it true by triggers,
--    removing at once a name nobody has any more (an erased customer's name must
--    not stay searchable).
CREATE TABLE customer_name_keys (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name_key text NOT NULL,
  PRIMARY KEY (workspace_id, name_key)
);
-- Names in byte order, and with the last word first ("nagy anna" for "anna nagy"): the neighbours of a name in
-- either order are a short range (duplicate review; byte order, so a prefix is a range under any collation).
CREATE INDEX customer_name_keys_bytes_idx ON customer_name_keys (workspace_id, name_key COLLATE "C");
CREATE INDEX customer_name_keys_last_first_idx
  ON customer_name_keys (workspace_id, (customer_name_key_last_first(name_key) COLLATE "C")) WHERE name_key LIKE '% %';
-- GiST with 64-byte signatures: at 100k names the default 12 bytes match most of the index for any query
-- (12 ms per lookup measured); 64 bytes keep the candidates few (0.4 ms).
CREATE INDEX customer_name_keys_trgm_idx ON customer_name_keys USING gist (name_key gist_trgm_ops (siglen = 64));

INSERT INTO customer_name_keys (workspace_id, name_key)
SELECT DISTINCT workspace_id, name_key FROM customers WHERE name_key <> '';

-- A renamed customer: row by row, and only when the name changed (WHEN), so the many updates that rename nobody
-- (an import's upserts, contact times, consent) pay nothing; a statement trigger with transition tables here
-- cost a 1M-row import 40 s.
CREATE FUNCTION customer_name_keys_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name_key <> '' THEN
    INSERT INTO customer_name_keys (workspace_id, name_key) VALUES (NEW.workspace_id, NEW.name_key)
    ON CONFLICT DO NOTHING;
  END IF;
  IF OLD.name_key <> ''
     AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = OLD.workspace_id AND c.name_key = OLD.name_key) THEN
    DELETE FROM customer_name_keys WHERE workspace_id = OLD.workspace_id AND name_key = OLD.name_key;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION customer_name_keys_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_name_keys k
   USING (SELECT DISTINCT workspace_id, name_key FROM old_rows) gone
   WHERE k.workspace_id = gone.workspace_id AND k.name_key = gone.name_key
     AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = gone.workspace_id AND c.name_key = gone.name_key);
  RETURN NULL;
END $$;

CREATE TRIGGER customer_name_keys_on_rename AFTER UPDATE OF name_key ON customers
  FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key) EXECUTE FUNCTION customer_name_keys_on_rename();
CREATE TRIGGER customer_name_keys_on_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_name_keys_on_delete();
