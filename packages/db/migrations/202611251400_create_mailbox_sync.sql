-- An existing IMAP mailbox an email channel polls (instead of, or besides, mail sent to Rapport's own SMTP server):
-- where it is, how to sign in, and how far the poller got. One per channel.
CREATE TABLE channel_mailboxes (
  workspace_id uuid NOT NULL,
  channel_id uuid NOT NULL,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  -- Implicit TLS (IMAPS, usually port 993). Off: plain IMAP, upgraded with STARTTLS when the server offers it.
  tls boolean NOT NULL,
  username text NOT NULL,
  -- A secret: never returned by the API, never logged.
  password text NOT NULL,
  folder text NOT NULL DEFAULT 'INBOX',
  poll_interval_seconds integer NOT NULL CHECK (poll_interval_seconds BETWEEN 10 AND 86400),
  enabled boolean NOT NULL DEFAULT true,
  -- The poll chain: each poll job carries the run it belongs to and schedules run + 1 (its idempotency key names the
  -- run, so the chain never forks). Changing the settings starts run + 1 at once; a job of an older run does nothing.
  poll_run bigint NOT NULL DEFAULT 0,
  -- Where the last poll left off: the folder's UIDVALIDITY and the highest UID filed (or skipped) under it.
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'connecting' CHECK (state IN ('connected', 'connecting', 'failing', 'disabled')),
  last_success_at timestamptz(3),
  last_error_code text,
  last_error_message text,
  last_error_at timestamptz(3),
  -- Failed polls in a row: the next poll waits longer after each (backoff).
  failures integer NOT NULL DEFAULT 0,
  messages_fetched bigint NOT NULL DEFAULT 0,
  -- Messages left in the mailbox unfiled: too large, not a message, or without a sender.
  messages_skipped bigint NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, channel_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id) ON DELETE CASCADE
);
