-- Duplicate review: one mailbox or phone number held by two customers under different spellings or
-- channels, similar names (pg_trgm similarity of the name key), and pairs a reviewer marked "not the
-- same person".

-- The contact an identity reaches, one spelling per contact: 'tel:' and the E.164 number for phones and
-- WhatsApp (a customer's phone is another's WhatsApp), 'mailto:' and the mailbox for emails (already
-- lower-cased): the +tag is dropped (sub-addressing, RFC 5233: Gmail, Outlook, iCloud, Fastmail and
-- Proton deliver kovacs+shop@ to kovacs@), and for Gmail the dots too, googlemail.com being gmail.com.
-- NULL for other kinds. Immutable, so an index can hold it.
CREATE FUNCTION customer_contact_key(kind text, value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN kind IN ('phone', 'whatsapp') THEN 'tel:' || value
    WHEN kind = 'email' AND value ~ '@(gmail|googlemail)\.com$'
      THEN 'mailto:' || replace(split_part(regexp_replace(value, '^([^@+]+)\+[^@]*@', '\1@'), '@', 1), '.', '') || '@gmail.com'
    WHEN kind = 'email' THEN 'mailto:' || regexp_replace(value, '^([^@+]+)\+[^@]*@', '\1@')
  END
$$;

-- Most identities are their own contact key: a phone, a WhatsApp number, an email without +tag outside Gmail.
-- Those are found by the unique (workspace_id, kind, value) index. Only the others are indexed here by key
-- (indexing every identity by a computed key doubled the cost of writing identities in a bulk import).
CREATE FUNCTION customer_identity_needs_contact_key(kind text, value text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT kind = 'email' AND (value LIKE '%_+%@%' OR value LIKE '%@gmail.com' OR value LIKE '%@googlemail.com')
$$;
CREATE INDEX customer_identities_contact_idx ON customer_identities (workspace_id, customer_contact_key(kind, value))
  WHERE customer_identity_needs_contact_key(kind, value);

-- The name key (words sorted) with its last word first: "nagy anna" for "anna nagy".
CREATE FUNCTION customer_name_key_last_first(name_key text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT regexp_replace(name_key, '^(.*) (\S+)$', '\2 \1')
$$;

-- Similar names are looked up among the workspace's distinct names (customer_name_keys, migration
-- 202611251020), which carries the indexes for it: far fewer rows to keep indexed than customers.

-- A profile's "may be the same person" finds similar names in customer_name_keys (the workspace's
-- distinct names, with a GiST trigram index; migration 202611251020), then their customers by name_key.

-- Pairs a reviewer said are two people: never listed as likely duplicates again. The pair in id order,
-- so either way round is one row; gone with either customer (erased, or merged into another).
CREATE TABLE customer_duplicate_dismissals (
  workspace_id uuid NOT NULL,
  first_id uuid NOT NULL,
  second_id uuid NOT NULL,
  dismissed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  dismissed_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, first_id, second_id),
  CHECK (first_id < second_id),
  FOREIGN KEY (workspace_id, first_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, second_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_duplicate_dismissals_second_idx ON customer_duplicate_dismissals (workspace_id, second_id);
