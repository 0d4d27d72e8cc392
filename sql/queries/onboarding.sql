-- Onboarding a vendor or a franchisee (db/onboarding.cpp, the admin commands):
-- what the API has no operation for.

-- name: onboard_partner_exists
SELECT name
FROM partner
WHERE id = $1::uuid

-- name: onboard_line
-- Support line $1: whether it has an owner, is exported, is deleted.
SELECT partner_id IS NOT NULL, exported, deleted
FROM service_type
WHERE id = $1::uuid

-- name: onboard_line_imports
SELECT count(*)
FROM service_type_import
WHERE service_type_id = $1::uuid

-- name: onboard_line_export
UPDATE service_type
SET exported = $2
WHERE id = $1::uuid

-- name: onboard_import_add
INSERT INTO service_type_import (service_type_id, partner_id)
VALUES ($1::uuid, $2::uuid)
ON CONFLICT DO NOTHING

-- name: onboard_import_remove
DELETE FROM service_type_import
WHERE service_type_id = $1::uuid AND partner_id = $2::uuid

-- name: onboard_role
SELECT id::text
FROM role
WHERE code = $1

-- name: onboard_contract_insert
INSERT INTO contract (id, partner_id, role_id, number, start_date, end_date)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::date, $6::date)

-- name: onboard_roles_clear
DELETE FROM partner_role
WHERE partner_id = $1::uuid

-- name: onboard_role_add
INSERT INTO partner_role (partner_id, role_id)
VALUES ($1::uuid, $2::uuid)
ON CONFLICT DO NOTHING

-- name: onboard_region
-- A region by its UID or its exact name: two rows say the name is not unique.
SELECT id::text
FROM region
WHERE id::text = $1 OR name = $1
ORDER BY name
LIMIT 2

-- name: onboard_regions_clear
DELETE FROM partner_region
WHERE partner_id = $1::uuid

-- name: onboard_region_add
INSERT INTO partner_region (partner_id, region_id)
VALUES ($1::uuid, $2::uuid)
ON CONFLICT DO NOTHING
