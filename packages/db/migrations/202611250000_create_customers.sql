-- Customers (CRM core): profile, identities on every channel, notes with edit
-- history, personal details worth remembering, workspace-defined attributes.

CREATE TABLE customers (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  given_name text,
  family_name text,
  middle_name text,
  name_order text CHECK (name_order IN ('given_first', 'family_first')),
  title text,
  formality text NOT NULL DEFAULT 'unknown' CHECK (formality IN ('formal', 'informal', 'unknown')),
  language text,
  country text,
  time_zone text,
  time_zone_source text CHECK (time_zone_source IN ('explicit', 'phone', 'country')),
  company text,
  tags text[] NOT NULL DEFAULT '{}',
  attributes jsonb NOT NULL DEFAULT '{}',
  marketing_consent boolean,
  marketing_consent_at timestamptz(3),
  marketing_consent_source text,
  -- Folded for search (lower case, no accents, one spelling of ı/i, ß/ss, oʻ/o'...): names, company, tags, identities.
  search_text text NOT NULL DEFAULT '',
  -- The words of search_text, kept by PostgreSQL (whole-word and prefix search without recomputing).
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  -- The folded name's words in sorted order: customers with the same key are likely the same person.
  name_key text NOT NULL DEFAULT '',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  first_seen_at timestamptz(3),
  last_contacted_at timestamptz(3),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX customers_created_idx ON customers (workspace_id, created_at DESC, id DESC);
-- Words (prefix search on whole words: fast, few posting lists) and trigrams (typos, word parts).
CREATE INDEX customers_search_fts_idx ON customers USING gin (search_vector);
CREATE INDEX customers_search_trgm_idx ON customers USING gin (search_text gin_trgm_ops);
CREATE INDEX customers_tags_idx ON customers USING gin (tags);
CREATE INDEX customers_name_key_idx ON customers (workspace_id, name_key) WHERE name_key <> '';
CREATE INDEX customers_country_idx ON customers (workspace_id, country, created_at DESC, id DESC);

-- Every way to reach a customer, unique per workspace: how channels find the person.
CREATE TABLE customer_identities (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('email', 'phone', 'chat', 'telegram', 'whatsapp', 'social')),
  value text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, kind, value),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_identities_customer_idx ON customer_identities (workspace_id, customer_id);

CREATE TABLE customer_notes (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_notes_customer_idx ON customer_notes (workspace_id, customer_id, created_at DESC, id DESC);

-- Earlier texts of edited notes.
CREATE TABLE customer_note_revisions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  note_id uuid NOT NULL,
  body text NOT NULL,
  edited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  edited_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, note_id) REFERENCES customer_notes (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_note_revisions_note_idx ON customer_note_revisions (workspace_id, note_id, edited_at DESC);

-- Personal details worth remembering ("daughter's wedding in June"), optionally dated.
CREATE TABLE customer_facts (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  text text NOT NULL,
  date date,
  recurs_yearly boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_facts_customer_idx ON customer_facts (workspace_id, customer_id, created_at DESC);

CREATE TABLE customer_attribute_definitions (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  choices text[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, key)
);

-- A merged customer's id keeps leading to the customer it was merged into.
CREATE TABLE customer_merges (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  source_id uuid NOT NULL,
  target_id uuid NOT NULL,
  merged_by uuid REFERENCES users (id) ON DELETE SET NULL,
  merged_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, source_id)
);
CREATE INDEX customer_merges_target_idx ON customer_merges (workspace_id, target_id);
