-- Agents (agent_ops.cpp): a partner's (agent_type 1) and its clients' users'
-- (agent_type 2). $1 is the current partner, $2 the agent; passwords go in
-- and come out sealed.

-- fragment: partner_agent_columns
-- A partner agent (table alias a), named as section 4 names the columns.
a.id::text AS agent_partner_id, a.number AS agent_partner_number, a.agent_type AS agent_type,
a.password_sealed AS agent_partner_password, a.partner_id::text AS partner_id, a.active AS agent_partner_activity,
a.partner_user_id::text AS partner_user_id

-- fragment: user_agent_columns
-- A user agent (table alias a).
a.id::text AS agent_user_id, a.number AS agent_user_number, a.agent_type AS agent_type,
a.password_sealed AS agent_user_password, a.client_id::text AS client_id, a.active AS agent_user_activity,
a.client_user_id::text AS client_user_id

-- name: partner_agents
-- $2 an agent, $3 true the active ones, false the inactive ones, $4 a user (NULL: any).
SELECT {{partner_agent_columns}}
FROM agent a
WHERE a.agent_type = 1 AND a.partner_id = $1::uuid AND ($2::uuid IS NULL OR a.id = $2::uuid)
  AND ($3::boolean IS NULL OR a.active = $3::boolean) AND ($4::uuid IS NULL OR a.partner_user_id = $4::uuid)
ORDER BY a.number

-- name: user_agents
-- $2 an agent, $3 a client, $4 the activity, $5 a user (NULL: any).
SELECT {{user_agent_columns}}
FROM agent a
JOIN client c ON c.id = a.client_id
WHERE a.agent_type = 2 AND c.partner_id = $1::uuid AND ($2::uuid IS NULL OR a.id = $2::uuid)
  AND ($3::uuid IS NULL OR a.client_id = $3::uuid) AND ($4::boolean IS NULL OR a.active = $4::boolean)
  AND ($5::uuid IS NULL OR a.client_user_id = $5::uuid)
ORDER BY a.number

-- name: partner_agent_insert
-- $2 the new agent's UID, $3 its sealed password, $4 its user. The number
-- comes from the kind's sequence; no row when the user is deleted.
INSERT INTO agent AS a (id, agent_type, number, password_sealed, partner_id, partner_user_id)
SELECT $2::uuid, 1, nextval('agent_partner_number')::text, $3, u.partner_id, u.id FROM partner_user u
WHERE u.id = $4::uuid AND u.partner_id = $1::uuid AND NOT u.deleted
RETURNING {{partner_agent_columns}}

-- name: user_agent_insert
-- No row when the user or its client is deleted.
INSERT INTO agent AS a (id, agent_type, number, password_sealed, client_id, client_user_id)
SELECT $2::uuid, 2, nextval('agent_user_number')::text, $3, u.client_id, u.id
FROM client_user u JOIN client c ON c.id = u.client_id
WHERE u.id = $4::uuid AND c.partner_id = $1::uuid AND NOT u.deleted AND NOT c.deleted
RETURNING {{user_agent_columns}}

-- name: partner_agent_update
-- $3 the new sealed password, $4 the new user: NULL keeps. The user was checked first.
UPDATE agent a
SET password_sealed = COALESCE($3, a.password_sealed), password_plain = CASE WHEN $3::text IS NULL THEN a.password_plain END,
    partner_user_id = COALESCE($4::uuid, a.partner_user_id)
WHERE a.id = $2::uuid AND a.agent_type = 1 AND a.partner_id = $1::uuid
RETURNING {{partner_agent_columns}}

-- name: user_agent_update
UPDATE agent a
SET password_sealed = COALESCE($3, a.password_sealed), password_plain = CASE WHEN $3::text IS NULL THEN a.password_plain END,
    client_user_id = COALESCE($4::uuid, a.client_user_id)
WHERE a.id = $2::uuid AND a.agent_type = 2 AND EXISTS (SELECT 1 FROM client c WHERE c.id = a.client_id AND c.partner_id = $1::uuid)
RETURNING {{user_agent_columns}}

-- name: partner_agent_toggle
-- Delete and restore: a restore needs a live user; the row is not changed otherwise.
UPDATE agent a
SET active = NOT a.active
WHERE a.id = $2::uuid AND a.agent_type = 1 AND a.partner_id = $1::uuid
  AND (a.active OR EXISTS (SELECT 1 FROM partner_user u WHERE u.id = a.partner_user_id AND NOT u.deleted))
RETURNING {{partner_agent_columns}}

-- name: user_agent_toggle
-- A restore needs a live user of a live client.
UPDATE agent a
SET active = NOT a.active
WHERE a.id = $2::uuid AND a.agent_type = 2 AND EXISTS (SELECT 1 FROM client c WHERE c.id = a.client_id AND c.partner_id = $1::uuid)
  AND (a.active OR EXISTS (SELECT 1 FROM client_user u JOIN client c ON c.id = u.client_id
                           WHERE u.id = a.client_user_id AND NOT u.deleted AND NOT c.deleted))
RETURNING {{user_agent_columns}}

-- name: partner_user_state
-- Why user $1 cannot hold an agent.
SELECT false AS client_deleted, u.deleted
FROM partner_user u
WHERE u.id = $1::uuid

-- name: client_user_state
SELECT c.deleted AS client_deleted, u.deleted
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE u.id = $1::uuid

-- name: agent_and_user_same_client
-- Whether user agent $1 and client user $2 are of one client.
SELECT 1
FROM agent a
JOIN client_user u ON u.client_id = a.client_id
WHERE a.id = $1::uuid AND u.id = $2::uuid

-- name: agent_user_of
SELECT COALESCE(partner_user_id, client_user_id)::text
FROM agent
WHERE id = $1::uuid

-- name: agent_passwords_to_seal
-- Passwords still plain, and with $1 true those sealed under another key
-- than $2 (a rotation): locked, so two servers starting together seal each once.
SELECT id::text, password_plain, password_sealed
FROM agent
WHERE password_plain IS NOT NULL OR ($1::boolean AND split_part(password_sealed, ':', 1) <> $2)
ORDER BY id
FOR UPDATE

-- name: agent_password_store_sealed
UPDATE agent
SET password_plain = NULL, password_sealed = $2
WHERE id = $1::uuid
