-- The customer list sorted by name or by the last contact, and filtered by custom attributes, at a million customers.
--
-- Name order: family name, given name, middle name, folded as search folds a company (customer_company_key of
-- migration 202611251100: accents and case dropped, ß → ss, ı → i, Uzbek apostrophes dropped), in byte order so
-- that PostgreSQL and PGlite page the same way. The list reads it in index order with a keyset on (name, id),
-- customers of one name sorted by id as they are read: without id the index deduplicates equal names (a tenth
-- of the size), which keeps what it adds to a bulk import down. (Qualified with public: PostgreSQL 17 builds and
-- maintains indexes with a search_path of pg_catalog only.)
CREATE FUNCTION customer_sort_name(family_name text, given_name text, middle_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT public.customer_company_key(coalesce(family_name, '') || ' ' || coalesce(given_name, '') || ' ' || coalesce(middle_name, ''))
$$;
CREATE INDEX customers_sort_name_idx
  ON customers (workspace_id, (customer_sort_name(family_name, given_name, middle_name) COLLATE "C"));
-- By name within a country or a language, the list's usual filters: names cluster by language (the Hungarian ones
-- are not spread evenly through the alphabet), so walking the plain name index for them read tens of thousands of
-- other customers first (about 200 ms at a million customers).
CREATE INDEX customers_country_sort_name_idx
  ON customers (workspace_id, country, (customer_sort_name(family_name, given_name, middle_name) COLLATE "C"));
-- A language filter finds the language's variants too ("uz": uz, uz-Latn, uz-Cyrl): by its base, so that one index
-- range holds them in name order.
ALTER TABLE customers ADD COLUMN language_base text GENERATED ALWAYS AS (split_part(language, '-', 1)) STORED;
CREATE INDEX customers_language_sort_name_idx
  ON customers (workspace_id, language_base, (customer_sort_name(family_name, given_name, middle_name) COLLATE "C"));

-- Last contact: only customers contacted at least once are indexed (an import writes none); the never-contacted
-- ones are listed after (or, oldest first, before) them through customers_created_idx.
CREATE INDEX customers_last_contacted_idx ON customers (workspace_id, last_contacted_at, id)
  WHERE last_contacted_at IS NOT NULL;

-- Custom attributes: equality by containment (`attributes @> '{"plan":"pro"}'`) and a key's presence (`?`, when a
-- definition is deleted). Like the tags index, only customers with an attribute are indexed (queries add
-- `attributes <> '{}'`).
CREATE INDEX customers_attributes_idx ON customers USING gin (attributes) WHERE attributes <> '{}';

-- A company filter compares folded names (customer_company_key(company) = customer_company_key($1)), answered by the
-- trigram index of migration 202611251100 (pg_trgm's GIN operator class supports equality): no index of its own.
