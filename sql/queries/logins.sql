-- Partners and their logins (db/logins.cpp): authentication and the admin commands.

-- name: login_by_name
SELECT partner_id::text, password_hash
FROM partner_login
WHERE login = $1 AND enabled

-- name: partner_insert
INSERT INTO partner (id, name)
VALUES ($1, $2)

-- name: login_upsert
-- Login $1 of partner $2 with the password hash $3, made or replaced.
INSERT INTO partner_login (login, partner_id, password_hash)
VALUES ($1, $2, $3)
ON CONFLICT (login) DO UPDATE
SET partner_id = EXCLUDED.partner_id, password_hash = EXCLUDED.password_hash, enabled = true, updated_at = now()

-- name: login_password_update
UPDATE partner_login
SET password_hash = $2, updated_at = now()
WHERE login = $1
