-- Live chat on the customer's website (the widget) and the phone channel.

ALTER TABLE channels DROP CONSTRAINT channels_kind_check;
ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('email', 'chat', 'phone'));

-- A chat channel's keys, apart from its settings (which admins edit): the public key in the snippet, the secret the
-- host site signs identities with, and the secret visitor tokens are signed with (never shown).
CREATE TABLE chat_widgets (
  workspace_id uuid NOT NULL,
  channel_id uuid NOT NULL,
  widget_key text NOT NULL UNIQUE,
  identity_secret text NOT NULL,
  token_secret text NOT NULL,
  PRIMARY KEY (workspace_id, channel_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id) ON DELETE CASCADE
);

-- A browser (or, identified, a signed-in user of the host site) talking through a widget.
CREATE TABLE chat_visitors (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  channel_id uuid NOT NULL,
  -- Set by the first message, a contact form or a verified identity.
  customer_id uuid,
  -- The conversation the widget shows (the latest one).
  conversation_id uuid,
  -- The host site's id of a signed-in user (verified by signature): the same visitor on every device.
  external_user_id text,
  name text,
  email text,
  language text,
  time_zone text,
  page_url text,
  page_title text,
  user_agent text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE SET NULL (conversation_id)
);
CREATE UNIQUE INDEX chat_visitors_external_idx ON chat_visitors (workspace_id, channel_id, external_user_id)
  WHERE external_user_id IS NOT NULL;
CREATE INDEX chat_visitors_conversation_idx ON chat_visitors (workspace_id, conversation_id)
  WHERE conversation_id IS NOT NULL;
CREATE INDEX chat_visitors_customer_idx ON chat_visitors (workspace_id, customer_id) WHERE customer_id IS NOT NULL;

-- Read receipts: the last message each side has seen.
ALTER TABLE conversations ADD COLUMN customer_read_message_id uuid;
ALTER TABLE conversations ADD COLUMN agent_read_message_id uuid;

-- Agents with the console open (a realtime socket), refreshed by every app process while the socket lives.
CREATE TABLE agent_presence (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  seen_at timestamptz(3) NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

-- The usual reply time of a chat channel (median first answer of its recent conversations).
CREATE INDEX conversations_channel_created_idx ON conversations (workspace_id, channel_id, created_at);
