-- The access notice (access_email_ops.cpp): $1 the client user (one the
-- Resolver let through).

-- name: access_notice_user
SELECT u.name, u.father_name, u.deleted, c.deleted AS client_deleted
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE u.id = $1::uuid

-- name: access_notice_email
-- The user's first e-mail contact of code 3 that is not blank.
SELECT k.view
FROM client_user_contact k
JOIN contact_type t ON t.id = k.contact_type_id
WHERE k.client_user_id = $1::uuid AND t.code = 3 AND t.kind = 'email' AND btrim(k.view) <> ''
ORDER BY t.name, t.id
LIMIT 1

-- name: access_notice_agents
SELECT number, password_sealed
FROM agent
WHERE client_user_id = $1::uuid AND active
ORDER BY number
