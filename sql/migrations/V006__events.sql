-- Events imported by ID (issue 17): chat messages get the event ID the
-- other kinds have as their key; the reads' other filters get indexes.
ALTER TABLE chat_message ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX chat_message_event ON chat_message (event_id);
CREATE INDEX chat_message_partner_time ON chat_message (partner_id, sent_at);
