-- Phone calls: logged by an agent while talking (notes typed during the call, autosaved) or reported by a telephony
-- system's signed webhook. Every call belongs to a conversation (of a phone channel, or an earlier one of the
-- customer) and shows on the customer's timeline.

CREATE TABLE calls (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  customer_id uuid,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  -- E.164 when the number could be read (national forms in the workspace's country), else as given.
  phone_number text NOT NULL,
  started_at timestamptz(3) NOT NULL,
  ended_at timestamptz(3),
  duration_seconds integer CHECK (duration_seconds >= 0),
  outcome text CHECK (outcome IN ('answered', 'no_answer', 'busy', 'voicemail', 'failed', 'callback_requested')),
  -- What the customer said, typed during the call. notes_version counts saves: a save names the version it
  -- changes, so two tabs never overwrite each other silently.
  notes text NOT NULL DEFAULT '',
  notes_version integer NOT NULL DEFAULT 0,
  notes_saved_at timestamptz(3),
  agent_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- The telephony system's id of the call: a redelivered webhook updates the same call.
  external_id text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX calls_conversation_idx ON calls (workspace_id, conversation_id, started_at, id);
CREATE INDEX calls_customer_idx ON calls (workspace_id, customer_id, started_at, id) WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX calls_external_idx ON calls (workspace_id, external_id) WHERE external_id IS NOT NULL;

-- A phone channel's webhook: the public key in its URL and the secret requests are signed with (never logged).
-- After a rotation the previous secret stays valid for a while, so the telephony system can be switched over.
CREATE TABLE telephony_webhooks (
  workspace_id uuid NOT NULL,
  channel_id uuid NOT NULL,
  public_key text NOT NULL UNIQUE,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  rotated_at timestamptz(3),
  PRIMARY KEY (workspace_id, channel_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id) ON DELETE CASCADE
);
