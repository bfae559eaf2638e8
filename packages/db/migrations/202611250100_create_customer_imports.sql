-- CSV imports of customers. The uploaded file and the error report live on disk under the data folder;
-- this row holds what was detected (encoding, delimiter, headers), what was chosen (mapping, match rule)
-- and the checkpoint that every committed batch advances in the same transaction as its customers, so an
-- interrupted import resumes where it stopped and no row is applied twice.
CREATE TABLE customer_imports (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  file_name text,
  file_path text NOT NULL,
  file_bytes bigint NOT NULL,
  encoding text NOT NULL,
  delimiter text NOT NULL,
  -- Length of a UTF-8 byte order mark at the start of the file (0 or 3).
  bom_bytes integer NOT NULL DEFAULT 0,
  headers jsonb NOT NULL DEFAULT '[]',
  mapping jsonb,
  match_by text CHECK (match_by IN ('email', 'phone', 'email_or_phone')),
  default_country text,
  -- Who started it: the actor of the customer.imported event.
  actor_type text CHECK (actor_type IN ('user', 'api_token', 'system')),
  actor_id uuid,
  -- Estimated data rows, from the file size and the bytes per row seen so far.
  rows_estimate integer NOT NULL DEFAULT 0,
  -- The checkpoint: byte offset and line number of the next record, length of the error report.
  next_offset bigint NOT NULL DEFAULT 0,
  next_line integer NOT NULL DEFAULT 1,
  data_offset bigint NOT NULL DEFAULT 0,
  errors_bytes bigint NOT NULL DEFAULT 0,
  rows_done integer NOT NULL DEFAULT 0,
  rows_created integer NOT NULL DEFAULT 0,
  rows_updated integer NOT NULL DEFAULT 0,
  rows_failed integer NOT NULL DEFAULT 0,
  rows_warned integer NOT NULL DEFAULT 0,
  -- The current run (after a crash, the resumed one): its start and rows_done then, for the rate.
  run_started_at timestamptz(3),
  run_rows_start integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX customer_imports_created_idx ON customer_imports (workspace_id, created_at DESC, id DESC);
