-- Erasing a customer while an import of their workspace is queued or running: that import's error report is still
-- being written by its job, so the person is scrubbed from it when the import ends, and downloads leave their lines
-- out until then. What identifies them in a report (emails, phones, name key, country) is kept here only until
-- that scrub, and goes with the import.
CREATE TABLE customer_import_scrubs (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  import_id uuid NOT NULL,
  person jsonb NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, import_id) REFERENCES customer_imports (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_import_scrubs_import_idx ON customer_import_scrubs (workspace_id, import_id);
