-- Saved views of the customer list: a name and the list's filters, personal to their owner or shared with the
-- workspace. Whoever may see or change which view is decided by the server (customers/customer-views.ts).
CREATE TABLE customer_views (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- The name folded for uniqueness (case ignored), computed by the server so PGlite and PostgreSQL agree.
  name_key text NOT NULL,
  visibility text NOT NULL DEFAULT 'personal' CHECK (visibility IN ('personal', 'shared')),
  -- The list's filters as the API validated them ({"q", "tag", "country", "language"}); later filters fit as they are.
  filters jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(filters) = 'object'),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
-- A name once per owner, and once among the shared views; these also find a person's views and the shared ones.
CREATE UNIQUE INDEX customer_views_owner_name_idx ON customer_views (workspace_id, owner_id, name_key);
CREATE UNIQUE INDEX customer_views_shared_name_idx ON customer_views (workspace_id, name_key) WHERE visibility = 'shared';
