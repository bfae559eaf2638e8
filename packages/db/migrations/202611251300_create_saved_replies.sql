-- Saved replies: answers agents reuse, with a variant per language and placeholders ({{customer.givenName}} …)
-- filled from the conversation when one is inserted into the composer.
CREATE TABLE saved_replies (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  -- { "hu": "Kedves {{customer.name}}! …", "tr": "…" }: language tag → text.
  variants jsonb NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX saved_replies_name_idx ON saved_replies (workspace_id, lower(name));
