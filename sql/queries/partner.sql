-- The current partner's own records (partner_ops.cpp): $1 is always the
-- current partner.

-- name: partner_by_id
-- Partner $2 (one the Resolver let through), or the current one.
SELECT id::text AS partner_id, name AS partner_name
FROM partner
WHERE id = COALESCE($2::uuid, $1::uuid)

-- name: partner_roles
SELECT partner_id::text AS partner_id, role_id::text AS role_id
FROM partner_role
WHERE partner_id = $1::uuid
ORDER BY role_id

-- name: partner_regions
SELECT p.partner_id::text AS partner_id, p.region_id::text AS region_id
FROM partner_region p
JOIN region r ON r.id = p.region_id
WHERE p.partner_id = $1::uuid
ORDER BY r.name

-- fragment: partner_contact_columns
-- A partner's contact (table alias k), named as the answer names it.
k.partner_id::text AS partner_id, k.region_id::text AS region_id, k.contact_type_id::text AS contact_type_id,
k.view AS contact_view

-- name: partner_contacts
-- Partner $1's contacts; $2 a region, $3 a contact type (NULL: any).
SELECT {{partner_contact_columns}}
FROM partner_contact k
JOIN region r ON r.id = k.region_id
JOIN contact_type t ON t.id = k.contact_type_id
WHERE k.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.region_id = $2::uuid)
  AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid)
ORDER BY r.name, t.name

-- name: partner_contact_upsert
-- Partner $1's contact of type $3 in region $2 becomes $4.
INSERT INTO partner_contact AS k (partner_id, region_id, contact_type_id, view)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4)
ON CONFLICT (partner_id, region_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view
RETURNING {{partner_contact_columns}}
