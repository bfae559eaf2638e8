-- Idempotency-Key on creating POSTs: a client that retries a request (timeout, lost connection) with the same key
-- gets the first response again instead of a second customer, note or invite. Kept for 24 hours.
CREATE TABLE idempotency_keys (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- The person or API token that sent it: keys are theirs alone.
  actor_id uuid NOT NULL,
  key text NOT NULL,
  -- sha256 of method, route, path parameters and body: the same key with another request is refused.
  request_hash text NOT NULL,
  -- NULL while the first request is being handled.
  status_code integer,
  -- The JSON response to replay; NULL when it held a secret shown only once (API token, invite link).
  response_body text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, actor_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
