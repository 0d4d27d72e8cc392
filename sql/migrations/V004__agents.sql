-- Agents (issue 15): passwords encrypted at rest. The server seals a password
-- with AES-256-GCM under its key ring ("<key id>:<base64>") and only it can
-- open one; a plain password (a row written before this migration, or by the
-- demo data) waits in password_plain until the server seals it at its start.
ALTER TABLE agent RENAME COLUMN password TO password_plain;
ALTER TABLE agent ALTER COLUMN password_plain DROP NOT NULL;
ALTER TABLE agent ADD COLUMN password_sealed text;
ALTER TABLE agent ADD CONSTRAINT agent_password_once
  CHECK ((password_plain IS NULL) <> (password_sealed IS NULL));
CREATE INDEX agent_password_unsealed ON agent (id) WHERE password_plain IS NOT NULL;
-- The owner's agents, for the reads' filters.
CREATE INDEX agent_partner_user ON agent (partner_user_id) WHERE partner_user_id IS NOT NULL;
