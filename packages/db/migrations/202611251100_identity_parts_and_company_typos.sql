-- Search without a trigram index over everything: that index (names, company, tags, emails and phone digits of
-- every customer) was a third of what writing a customer cost, and names already have their own typo lookup
-- (customer_name_keys). What it still served is now answered by smaller indexes:
--   * the start of an email address, phone number or channel id ("kovacs.a", "+36 20 12", "0532 12") by the
--     identities in byte order, and an email domain ("@example.hu") by an index of domains;
--   * a typo in a company name by a trigram index over the folded company of customers who have one.
DROP INDEX customers_search_trgm_idx;

-- Identities are identifiers (lower-cased emails, E.164 numbers, channel ids): byte order, so that a prefix
-- is a range of the unique (workspace_id, kind, value) index. Equality, and so uniqueness, is unchanged.
ALTER TABLE customer_identities ALTER COLUMN value TYPE text COLLATE "C";
-- Email domains. (An index of every identity reversed, for endings such as a number's last digits, cost an import
-- 8 s per million customers; domains repeat, so this one costs about 1 s.)
CREATE INDEX customer_identities_domain_idx ON customer_identities (workspace_id, split_part(value, '@', 2))
  WHERE kind = 'email';

-- A company as search folds it (see foldForSearch in the server): accents and marks dropped, lower case,
-- ß/æ/œ/þ and ø/đ/ł/ı/ð spelled out, apostrophes dropped, "ae/oe/ue" as "a/o/u". Close enough to the
-- server's folding for trigram similarity, which is what it is used for.
CREATE FUNCTION customer_company_key(company text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT trim(regexp_replace(regexp_replace(
    translate(
      replace(replace(replace(replace(replace(replace(replace(
        lower(regexp_replace(normalize(company, NFKD), '[\u0300-\u036f]', '', 'g')),
        'ß', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'þ', 'th'), 'Þ', 'th'),
      'øđłıðØĐŁÐ', 'odlidodld'),
    '[\u02bb\u02bc\u2018\u2019\u02b9''`´]', '', 'g'),
    '([aou])e', '\1', 'g'))
$$;
CREATE INDEX customers_company_trgm_idx ON customers USING gin (customer_company_key(company) gin_trgm_ops)
  WHERE company IS NOT NULL;

-- The contact-key functions of migration 202611251000 were STRICT, which keeps PostgreSQL from inlining their
-- bodies (not strict themselves): every identity written paid a SQL function call to evaluate the contact index's
-- predicate, a quarter of the cost of writing an identity. The columns are NOT NULL, so nothing else changes.
ALTER FUNCTION customer_identity_needs_contact_key(text, text) CALLED ON NULL INPUT;
ALTER FUNCTION customer_contact_key(text, text) CALLED ON NULL INPUT;
