-- Support lines (service types: service_type_ops.cpp, lines.cpp) and the
-- partners that imported a vendor's exported lines. $1 is the current partner.

-- fragment: line_columns
-- A support line (table alias t), named as section 4 names the columns.
t.id::text AS service_type_id, t.name AS service_type_name, t.full_name AS service_type_full_name,
t.partner_id::text AS partner_id

-- name: service_types
-- The lines the partner sees (common, own, imported); $2 a line, $3 an owner,
-- $4 true: the deleted ones too.
SELECT {{line_columns}}
FROM service_type t
WHERE (t.partner_id IS NULL OR t.partner_id = $1::uuid
       OR EXISTS (SELECT 1 FROM service_type_import i WHERE i.service_type_id = t.id AND i.partner_id = $1::uuid))
  AND ($2::uuid IS NULL OR t.id = $2::uuid) AND ($3::uuid IS NULL OR t.partner_id = $3::uuid)
  AND (COALESCE($4::boolean, false) OR NOT t.deleted)
ORDER BY t.name, t.id

-- name: partner_is_franchisee
SELECT 1
FROM partner_role pr
JOIN role r ON r.id = pr.role_id
WHERE pr.partner_id = $1::uuid AND r.code = 'franchisee'

-- name: service_type_insert
-- $2 the new line's UID, $3 its name, $4 its full name (NULL: empty).
INSERT INTO service_type AS t (id, partner_id, name, full_name)
VALUES ($2::uuid, $1::uuid, $3, COALESCE($4, ''))
RETURNING {{line_columns}}

-- name: service_type_owner
SELECT COALESCE(partner_id::text, '')
FROM service_type
WHERE id = $1::uuid

-- name: service_type_update
-- $3 the name, $4 the full name (NULL keeps it).
UPDATE service_type t
SET name = $3, full_name = COALESCE($4, t.full_name)
WHERE t.id = $2::uuid AND t.partner_id = $1::uuid
RETURNING {{line_columns}}

-- name: service_type_use
-- What line $1 is in use by: subscriptions in force or to come, and imports.
SELECT (SELECT count(*) FROM service s WHERE s.service_type_id = $1::uuid AND {{service_in_force}}),
       (SELECT count(*) FROM service_type_import i WHERE i.service_type_id = $1::uuid)

-- name: service_type_delete
-- The line is marked deleted; its permissions go and its competences stop with it.
WITH t AS (UPDATE service_type t SET deleted = true WHERE t.id = $2::uuid AND t.partner_id = $1::uuid RETURNING t.*),
p AS (DELETE FROM contract_service WHERE service_type_id IN (SELECT id FROM t)),
k AS (UPDATE competence SET stopped = true WHERE service_type_id IN (SELECT id FROM t) AND NOT stopped)
SELECT {{line_columns}}
FROM t

-- name: vendor_partners
-- The partners that imported the partner's exported lines; $2 one of them (NULL: any).
SELECT DISTINCT p.id::text AS partner_id, p.name AS partner_name
FROM service_type_import i
JOIN service_type t ON t.id = i.service_type_id
JOIN partner p ON p.id = i.partner_id
WHERE t.partner_id = $1::uuid AND t.exported AND ($2::uuid IS NULL OR t.id = $2::uuid)
ORDER BY partner_name, partner_id

-- name: line_deleted
SELECT 1
FROM service_type
WHERE id = $1::uuid AND deleted

-- name: own_exported_line
-- Whether line $1 is partner $2's own exported line.
SELECT 1
FROM service_type
WHERE id = $1::uuid AND partner_id = $2::uuid AND exported
