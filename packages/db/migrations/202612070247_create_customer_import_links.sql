-- Which customers each import created or updated: the import's entries on their timelines.
--
-- The import that created a customer is a column of the customer's row, written by the insert itself: a link row
-- per created customer cost a million-row import about a tenth of its time (a heap row and a B-tree entry each).
-- No index: it is read through the customer's primary key.
ALTER TABLE customers ADD COLUMN created_by_import_id uuid;

-- Customers an import updated, and those it created that were later merged into another customer. Written with each
-- batch of the import in one set-based statement, in the batch's transaction. No foreign keys: checking them row
-- by row would slow a million-row import; the customers module keeps the rows true instead (an erased
-- customer's links are deleted, a merged one's move to the customer kept). A link outlives its import's row,
-- which is removed 30 days after it finished (the timeline entry stays, without the file's name).
CREATE TABLE customer_import_links (
  workspace_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  import_id uuid NOT NULL,
  -- What the import did first to the customer ('created' only for a merged customer's import): a later batch of the
  -- same import updating them adds no row.
  outcome text NOT NULL CHECK (outcome IN ('created', 'updated')),
  imported_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id, import_id)
);
