-- The dictionaries (reference_ops.cpp) and the regions: their rows are few
-- and the same for every partner, but for the regions a partner works in.

-- name: contact_types
SELECT id::text AS contact_type_id, name AS contact_type_name, code AS contact_type_code
FROM contact_type
ORDER BY code, name

-- name: roles
SELECT id::text AS role_id, name AS role_name
FROM role
ORDER BY name

-- name: call_status_types
SELECT id AS call_status_type_id, name AS call_status_type_name
FROM call_status_type
ORDER BY id

-- name: remote_status_types
SELECT id AS remote_status_type_id, name AS remote_status_type_name
FROM remote_status_type
ORDER BY id

-- name: remote_access_types
SELECT id AS remote_access_type_id, name AS remote_access_type_name
FROM remote_access_type
ORDER BY id

-- name: pay_method_types
SELECT id AS pay_method_type_id, name AS pay_method_type_name
FROM pay_method_type
ORDER BY id

-- name: regions_of_partner
-- The regions partner $1 works in; $2 one of them (NULL: all).
SELECT r.id::text AS region_id, r.name AS region_name, r.time_zone AS region_time_zone
FROM region r
JOIN partner_region p ON p.region_id = r.id
WHERE p.partner_id = $1::uuid AND ($2::uuid IS NULL OR r.id = $2::uuid)
ORDER BY r.name

-- name: contact_type_code
-- Whom contact type $1 is for: 1 clients, 2 partners, 3 partner and client users.
SELECT code
FROM contact_type
WHERE id = $1::uuid
