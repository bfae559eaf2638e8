-- The help desk: teams, channels (a support address, later a chat widget or a bot), conversations (tickets)
-- and their messages, attachments, and the outbox of messages to send.

CREATE TABLE teams (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, name)
);

-- Business hours of a region or team: time zone, weekly hours, the public holidays of a country, dated overrides
-- (the BusinessCalendar of packages/contracts/src/business-hours.ts). SLA clocks run only while it is open.
CREATE TABLE business_calendars (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  calendar jsonb NOT NULL,
  -- The calendar of conversations whose team has none.
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, name)
);
CREATE UNIQUE INDEX business_calendars_default_idx ON business_calendars (workspace_id) WHERE is_default;
ALTER TABLE teams ADD COLUMN calendar_id uuid;
ALTER TABLE teams ADD FOREIGN KEY (workspace_id, calendar_id) REFERENCES business_calendars (workspace_id, id)
  ON DELETE SET NULL (calendar_id);

-- SLA targets by priority, in minutes of business time; NULL: no target.
CREATE TABLE sla_policies (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  first_response_minutes integer CHECK (first_response_minutes > 0),
  next_response_minutes integer CHECK (next_response_minutes > 0),
  resolution_minutes integer CHECK (resolution_minutes > 0),
  PRIMARY KEY (workspace_id, priority)
);

CREATE TABLE team_members (
  workspace_id uuid NOT NULL,
  team_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, team_id, user_id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX team_members_user_idx ON team_members (workspace_id, user_id);

-- A way customers reach the workspace, handled by the driver of its kind. `address` is what routes inbound
-- traffic to it (an email channel's support address, lower case), unique across the instance.
CREATE TABLE channels (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('email')),
  name text NOT NULL,
  address text,
  -- The driver's settings (validated by the driver's zod schema): sender name, auto-acknowledgement …
  settings jsonb NOT NULL DEFAULT '{}',
  -- New conversations of this channel go to this team.
  team_id uuid,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id) ON DELETE SET NULL (team_id)
);
CREATE UNIQUE INDEX channels_address_idx ON channels (kind, address) WHERE address IS NOT NULL;

-- Conversation numbers (#1042) per workspace, handed out by one row per workspace.
CREATE TABLE conversation_counters (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  last_number bigint NOT NULL DEFAULT 0
);

CREATE TABLE conversations (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  number bigint NOT NULL,
  channel_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved', 'closed')),
  snoozed_until timestamptz(3),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  team_id uuid,
  language text,
  subject text NOT NULL DEFAULT '',
  -- The problem in the agent's words, kept current ("restate the problem").
  summary text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  -- In reply addresses and subjects ("[#1042-k3v9q2]"): threads a reply whose headers were lost.
  reply_token text NOT NULL,
  -- SLA clocks. due_at is the soonest of the running ones (NULL: nothing due); the inbox sorts by it.
  due_at timestamptz(3),
  first_response_due_at timestamptz(3),
  next_response_due_at timestamptz(3),
  resolution_due_at timestamptz(3),
  -- Business minutes the resolution clock has run, and since when it runs (NULL while paused: pending on the
  -- customer, snoozed, resolved, closed).
  resolution_minutes_used double precision NOT NULL DEFAULT 0,
  resolution_clock_started_at timestamptz(3),
  first_response_at timestamptz(3),
  resolved_at timestamptz(3),
  last_message_at timestamptz(3) NOT NULL DEFAULT now(),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, number),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels (workspace_id, id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id) ON DELETE SET NULL (team_id),
  CHECK ((status = 'snoozed') = (snoozed_until IS NOT NULL))
);
-- Inbox views: by status (and assignee or team), soonest due first, nothing due last (the same expression as the
-- queries' ORDER BY, so that the index gives the order).
CREATE INDEX conversations_status_due_idx
  ON conversations (workspace_id, status, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id);
CREATE INDEX conversations_assignee_due_idx
  ON conversations (workspace_id, assignee_id, status, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id);
CREATE INDEX conversations_team_due_idx
  ON conversations (workspace_id, team_id, status, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id)
  WHERE team_id IS NOT NULL;
CREATE INDEX conversations_customer_idx ON conversations (workspace_id, customer_id, last_message_at DESC);
CREATE UNIQUE INDEX conversations_reply_token_idx ON conversations (workspace_id, reply_token);
CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until) WHERE status = 'snoozed';

CREATE TABLE messages (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  -- inbound (from the customer), outbound (to the customer), note (internal, never sent).
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body_text text NOT NULL DEFAULT '',
  -- Sanitized HTML (allowlist), remote images disabled until an agent allows them.
  body_html text,
  has_remote_images boolean NOT NULL DEFAULT false,
  -- The channel's id of the message (an email's Message-ID): inbound deduplication and threading.
  external_id text,
  -- What the channel needs to thread and display it (email: from, to, cc, subject, in-reply-to, references).
  envelope jsonb NOT NULL DEFAULT '{}',
  mentions uuid[] NOT NULL DEFAULT '{}',
  delivery_status text NOT NULL CHECK (delivery_status IN ('received', 'queued', 'sent', 'failed', 'none')),
  delivery_error text,
  delivery_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation_idx ON messages (workspace_id, conversation_id, created_at, id);
CREATE UNIQUE INDEX messages_external_idx ON messages (workspace_id, external_id) WHERE external_id IS NOT NULL;

-- Files stored by the file store (local disk by default) under storage_key.
CREATE TABLE message_attachments (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  message_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  -- An inline image's Content-ID (cid:…), NULL for a plain attachment.
  content_id text,
  storage_key text NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX message_attachments_message_idx ON message_attachments (workspace_id, message_id);
