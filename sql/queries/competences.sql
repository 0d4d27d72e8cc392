-- Competences (competence_ops.cpp): which lines a partner's agent answers on.

-- fragment: competence_columns
-- A competence (table alias k), named as section 4 names the columns.
k.id::text AS competence_id, k.agent_id::text AS agent_partner_id, k.service_type_id::text AS service_type_id,
k.prioritet AS prioritet

-- name: competences
-- $1 the partner; $2 a competence, $3 an agent, $4 a line, $5 a priority (NULL: any).
SELECT {{competence_columns}}
FROM competence k
JOIN agent a ON a.id = k.agent_id
WHERE a.partner_id = $1::uuid AND NOT k.stopped AND ($2::uuid IS NULL OR k.id = $2::uuid)
  AND ($3::uuid IS NULL OR k.agent_id = $3::uuid) AND ($4::uuid IS NULL OR k.service_type_id = $4::uuid)
  AND ($5::integer IS NULL OR k.prioritet = $5::integer)
ORDER BY k.prioritet, k.id

-- name: competence_agent_active
SELECT active
FROM agent
WHERE id = $1::uuid

-- name: competence_insert
-- A second live competence of the agent on the line is a unique violation
-- (competence_agent_line): DUPLICATE.
INSERT INTO competence AS k (id, agent_id, service_type_id, prioritet)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4::smallint)
RETURNING {{competence_columns}}

-- name: competence_stop
UPDATE competence
SET stopped = true
WHERE id = $1::uuid
