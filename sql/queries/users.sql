-- Partner users and client users (user_ops.cpp): $1 is the current partner,
-- $2 the user; then the values in the order of the operands.

-- fragment: partner_user_columns
-- A partner user (table alias u), named as section 4 names the columns.
u.id::text AS partner_user_id, u.partner_id::text AS partner_id, u.name AS partner_user_name,
u.family_name AS partner_user_family_name, u.father_name AS partner_user_father_name, u.deleted AS partner_user_del

-- fragment: client_user_columns
-- A client user (table alias u).
u.id::text AS client_user_id, u.client_id::text AS client_id, u.name AS client_user_name,
u.family_name AS client_user_family_name, u.father_name AS client_user_father_name, u.deleted AS client_user_del

-- name: partner_users
-- $3 true: the deleted ones too.
SELECT {{partner_user_columns}}
FROM partner_user u
WHERE u.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND (COALESCE($3::boolean, false) OR NOT u.deleted)
ORDER BY u.family_name, u.name, u.id

-- name: partner_users_with_birthday
-- The same with the birthday: a date, nil when never set.
SELECT {{partner_user_columns}}, to_char(u.birthday, 'YYYY-MM-DD') || 'T00:00:00' AS partner_user_birthday
FROM partner_user u
WHERE u.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND (COALESCE($3::boolean, false) OR NOT u.deleted)
ORDER BY u.family_name, u.name, u.id

-- name: client_users
-- $3 a client (NULL: any), $4 true: the deleted ones too.
SELECT {{client_user_columns}}
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR u.client_id = $3::uuid)
  AND (COALESCE($4::boolean, false) OR NOT u.deleted)
ORDER BY u.family_name, u.name, u.id

-- name: client_users_with_birthday
SELECT {{client_user_columns}}, to_char(u.birthday, 'YYYY-MM-DD') || 'T00:00:00' AS client_user_birthday
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR u.client_id = $3::uuid)
  AND (COALESCE($4::boolean, false) OR NOT u.deleted)
ORDER BY u.family_name, u.name, u.id

-- name: partner_user_insert
-- $1 the new user's UID, $2 its partner, $3-$5 its names (NULL: empty).
INSERT INTO partner_user AS u (id, partner_id, name, family_name, father_name)
VALUES ($1::uuid, $2::uuid, $3, COALESCE($4, ''), COALESCE($5, ''))
RETURNING {{partner_user_columns}}

-- name: client_user_insert
-- $1 the new user's UID, $2 its client, $3-$5 its names (NULL: empty).
INSERT INTO client_user AS u (id, client_id, name, family_name, father_name)
VALUES ($1::uuid, $2::uuid, $3, COALESCE($4, ''), COALESCE($5, ''))
RETURNING {{client_user_columns}}

-- name: client_is_deleted
SELECT 1
FROM client
WHERE id = $1::uuid AND deleted

-- name: partner_user_update
-- $3-$5 the names: NULL leaves one as it is, '' clears it.
UPDATE partner_user u
SET name = COALESCE($3, u.name), family_name = COALESCE($4, u.family_name), father_name = COALESCE($5, u.father_name)
WHERE u.id = $2::uuid AND u.partner_id = $1::uuid
RETURNING {{partner_user_columns}}

-- name: client_user_update
UPDATE client_user u
SET name = COALESCE($3, u.name), family_name = COALESCE($4, u.family_name), father_name = COALESCE($5, u.father_name)
WHERE u.id = $2::uuid AND EXISTS (SELECT 1 FROM client c WHERE c.id = u.client_id AND c.partner_id = $1::uuid)
RETURNING {{client_user_columns}}

-- name: partner_user_toggle_deleted
-- A user deleted makes its agents inactive; one restored gets them back only
-- by agent_*_delete, as a restored client does (docs/spec-notes.md).
WITH u AS (UPDATE partner_user u SET deleted = NOT u.deleted WHERE u.id = $2::uuid AND u.partner_id = $1::uuid RETURNING u.*),
a AS (UPDATE agent SET active = false WHERE partner_user_id IN (SELECT id FROM u WHERE deleted) AND active)
SELECT {{partner_user_columns}}
FROM u

-- name: client_user_toggle_deleted
WITH u AS (UPDATE client_user u SET deleted = NOT u.deleted WHERE u.id = $2::uuid
           AND EXISTS (SELECT 1 FROM client c WHERE c.id = u.client_id AND c.partner_id = $1::uuid) RETURNING u.*),
a AS (UPDATE agent SET active = false WHERE client_user_id IN (SELECT id FROM u WHERE deleted) AND active)
SELECT {{client_user_columns}}
FROM u

-- name: partner_user_set_birthday
UPDATE partner_user u
SET birthday = $3::date
WHERE u.id = $2::uuid AND u.partner_id = $1::uuid

-- name: client_user_set_birthday
UPDATE client_user u
SET birthday = $3::date
WHERE u.id = $2::uuid AND EXISTS (SELECT 1 FROM client c WHERE c.id = u.client_id AND c.partner_id = $1::uuid)

-- fragment: partner_user_contact_columns
-- A partner user's contact (table alias k).
k.partner_user_id::text AS partner_user_id, k.contact_type_id::text AS contact_type_id, k.view AS contact_view

-- fragment: client_user_contact_columns
-- A client user's contact (table alias k).
k.client_user_id::text AS client_user_id, k.contact_type_id::text AS contact_type_id, k.view AS contact_view

-- name: partner_user_contacts
-- $3 a contact type (NULL: any).
SELECT {{partner_user_contact_columns}}
FROM partner_user_contact k
JOIN partner_user u ON u.id = k.partner_user_id
JOIN contact_type t ON t.id = k.contact_type_id
WHERE u.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid)
ORDER BY u.family_name, u.name, u.id, t.name

-- name: client_user_contacts
SELECT {{client_user_contact_columns}}
FROM client_user_contact k
JOIN client_user u ON u.id = k.client_user_id
JOIN client c ON c.id = u.client_id
JOIN contact_type t ON t.id = k.contact_type_id
WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid)
ORDER BY u.family_name, u.name, u.id, t.name

-- name: partner_user_contact_upsert
-- The contact of type $3 becomes $4.
INSERT INTO partner_user_contact AS k (partner_user_id, contact_type_id, view)
SELECT $2::uuid, $3::uuid, $4 FROM partner_user u WHERE u.id = $2::uuid AND u.partner_id = $1::uuid
ON CONFLICT (partner_user_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view
RETURNING {{partner_user_contact_columns}}

-- name: client_user_contact_upsert
INSERT INTO client_user_contact AS k (client_user_id, contact_type_id, view)
SELECT $2::uuid, $3::uuid, $4 FROM client_user u
WHERE u.id = $2::uuid AND EXISTS (SELECT 1 FROM client c WHERE c.id = u.client_id AND c.partner_id = $1::uuid)
ON CONFLICT (client_user_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view
RETURNING {{client_user_contact_columns}}
