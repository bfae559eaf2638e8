-- Files an agent uploaded for a reply or note not yet sent (POST /conversations/{id}/attachments). Sending the
-- message moves each one to message_attachments in the message's transaction (same id, same stored file), so an
-- attachment is used once. Ones never sent are removed, with their files, by the daily cleanup after a day.
CREATE TABLE draft_attachments (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  storage_key text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
-- The daily cleanup finds the old ones.
CREATE INDEX draft_attachments_created_idx ON draft_attachments (created_at);
-- An erased customer's conversations: their drafts' files.
CREATE INDEX draft_attachments_conversation_idx ON draft_attachments (workspace_id, conversation_id);
