-- Clients of the current partner (client_ops.cpp): $1 is the current
-- partner; then the values in the order of the operands.

-- fragment: client_columns
-- A client (table alias c), named as section 4 names the columns.
c.id::text AS client_id, c.region_id::text AS region_id, c.name AS client_name, c.full_name AS client_full_name,
c.deleted AS client_del, c.inn AS client_inn, c.kpp AS client_kpp, c.reg_num AS client_reg_num,
c.pay_method_type_id AS pay_method_id, c.addit_attribute AS addit_attribute, c.new_id::text AS client_new_id

-- name: clients
-- $2 a region, $3 true: the deleted ones too, $4 the additional attribute (NULL: any).
-- Two statements, not one with "$2 IS NULL OR id = $2": a prepared statement's
-- generic plan would scan all of a partner's clients to find one.
SELECT {{client_columns}}
FROM client c
WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR c.region_id = $2::uuid) AND ($3::boolean OR NOT c.deleted)
  AND ($4::text IS NULL OR c.addit_attribute = $4::text)
ORDER BY c.name, c.id

-- name: client
-- Client $2, whatever its deletion mark; $3 a region, $4 the attribute (NULL: any).
SELECT {{client_columns}}
FROM client c
WHERE c.id = $2::uuid AND c.partner_id = $1::uuid AND ($3::uuid IS NULL OR c.region_id = $3::uuid)
  AND ($4::text IS NULL OR c.addit_attribute = $4::text)

-- name: client_insert
-- $1 the new client's UID, $2 its partner, $3 its new_id; then its fields (NULL: empty).
INSERT INTO client AS c (id, partner_id, new_id, name, region_id, full_name, inn, kpp, reg_num, pay_method_type_id,
                         addit_attribute)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, COALESCE($6, ''), COALESCE($7, ''), COALESCE($8, ''),
        COALESCE($9, ''), $10::smallint, COALESCE($11, ''))
RETURNING {{client_columns}}

-- name: client_update
-- Client $2: NULL leaves a field as it is.
UPDATE client c
SET name = COALESCE($3, name), region_id = COALESCE($4::uuid, region_id), full_name = COALESCE($5, full_name),
    inn = COALESCE($6, inn), kpp = COALESCE($7, kpp), reg_num = COALESCE($8, reg_num),
    pay_method_type_id = COALESCE($9::smallint, pay_method_type_id), addit_attribute = COALESCE($10, addit_attribute)
WHERE c.id = $2::uuid AND c.partner_id = $1::uuid
RETURNING {{client_columns}}

-- name: client_toggle_deleted
-- Marks a live client deleted with its users, their agents and support-line
-- subscriptions; restores a deleted one alone. One statement, so a concurrent
-- second call sees the first one's result.
WITH c AS (UPDATE client SET deleted = NOT deleted WHERE id = $2::uuid AND partner_id = $1::uuid RETURNING *),
s AS (UPDATE service SET stopped = true WHERE client_id IN (SELECT id FROM c WHERE deleted) AND NOT stopped),
a AS (UPDATE agent SET active = false WHERE client_id IN (SELECT id FROM c WHERE deleted) AND active),
u AS (UPDATE client_user SET deleted = true WHERE client_id IN (SELECT id FROM c WHERE deleted) AND NOT deleted)
SELECT {{client_columns}}
FROM c

-- fragment: client_contact_columns
-- A client's contact (table alias k).
k.client_id::text AS client_id, k.contact_type_id::text AS contact_type_id, k.view AS contact_view

-- name: client_contacts
-- $2 a client, $3 a contact type (NULL: any).
SELECT {{client_contact_columns}}
FROM client_contact k
JOIN client c ON c.id = k.client_id
JOIN contact_type t ON t.id = k.contact_type_id
WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.client_id = $2::uuid)
  AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid)
ORDER BY c.name, c.id, t.name

-- name: client_contact_upsert
-- Client $1's contact of type $2 becomes $3.
INSERT INTO client_contact AS k (client_id, contact_type_id, view)
VALUES ($1::uuid, $2::uuid, $3)
ON CONFLICT (client_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view
RETURNING {{client_contact_columns}}

-- name: line_clients
-- Clients (of partner $2, or of any) with a subscription in force on line $1.
SELECT {{client_columns}}
FROM client c
WHERE ($2::uuid IS NULL OR c.partner_id = $2::uuid)
  AND EXISTS (SELECT 1 FROM service s WHERE s.client_id = c.id AND s.service_type_id = $1::uuid AND {{service_in_force}})
ORDER BY c.name, c.id
