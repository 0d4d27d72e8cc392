-- Subscriptions (service_ops.cpp): a support line sold to a client's user
-- agent. $1 is the current partner.

-- fragment: service_in_force
-- Subscription s is in force today or will be: not stopped, not ended before today (Moscow).
NOT s.stopped AND (s.end_date IS NULL OR s.end_date >= moscow_today())

-- fragment: service_columns
-- A subscription (table alias s), named as section 4 names the columns.
s.id::text AS service_id, s.sale_partner_id::text AS sale_partner_id, s.client_id::text AS client_id,
s.service_partner_id::text AS service_partner_id, wire_date(s.start_date) AS service_start_date,
wire_date(s.end_date) AS service_end_date, s.agent_id::text AS agent_user_id, s.service_type_id::text AS service_type_id

-- name: services
-- Those the partner sold or serves, in force; then the filters in the order of the operands.
SELECT {{service_columns}}
FROM service s
WHERE (s.sale_partner_id = $1::uuid OR s.service_partner_id = $1::uuid) AND {{service_in_force}}
  AND ($2::uuid IS NULL OR s.id = $2::uuid) AND ($3::uuid IS NULL OR s.sale_partner_id = $3::uuid)
  AND ($4::uuid IS NULL OR s.client_id = $4::uuid) AND ($5::uuid IS NULL OR s.service_partner_id = $5::uuid)
  AND (NULLIF($7::date, '0001-01-01') IS NULL OR s.start_date <= $7::date)
  AND (NULLIF($6::date, '0001-01-01') IS NULL OR s.end_date IS NULL OR s.end_date >= $6::date)
  AND ($8::uuid IS NULL OR s.agent_id = $8::uuid) AND ($9::uuid IS NULL OR s.service_type_id = $9::uuid)
ORDER BY s.start_date, s.id

-- name: service_client_deleted
SELECT deleted
FROM client
WHERE id = $1::uuid

-- name: service_agent_state
SELECT client_id::text, active
FROM agent
WHERE id = $1::uuid

-- name: partner_may_serve
-- Whether partner $1 may serve line $2 on day $3: a permission for the line
-- under one of its contracts, both in force that day.
SELECT 1
FROM contract k
JOIN contract_service cs ON cs.contract_id = k.id
WHERE k.partner_id = $1::uuid AND cs.service_type_id = $2::uuid AND k.start_date <= $3::date
  AND (k.end_date IS NULL OR k.end_date >= $3::date) AND cs.start_date <= $3::date
  AND (cs.end_date IS NULL OR cs.end_date >= $3::date)

-- name: service_identical
-- A live subscription equal in every field to the one described — sold by
-- $1, served by $2, client $3, agent $4, line $5, from $6 to $7 (NULL:
-- open-ended) — other than $8 (service_identical_live, V010, holds it unique).
SELECT s.id::text
FROM service s
WHERE NOT s.stopped AND s.sale_partner_id = $1::uuid AND s.service_partner_id = $2::uuid
  AND s.client_id = $3::uuid AND s.agent_id = $4::uuid AND s.service_type_id = $5::uuid
  AND s.start_date = $6::date AND s.end_date IS NOT DISTINCT FROM $7::date AND s.id IS DISTINCT FROM $8::uuid
LIMIT 1

-- name: service_insert
-- $2 the new subscription's UID, sold by $1; $3 its service partner, $4 its client, $5 its agent, $6 its line, $7-$8 its days.
INSERT INTO service AS s (id, sale_partner_id, service_partner_id, client_id, agent_id, service_type_id, start_date, end_date)
VALUES ($2::uuid, $1::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid, $7::date, $8::date)
RETURNING {{service_columns}}

-- name: service_state
SELECT sale_partner_id::text, service_partner_id::text, agent_id::text, service_type_id::text, start_date::text,
       end_date::text, stopped, client_id::text
FROM service
WHERE id = $1::uuid

-- name: service_update
-- Subscription $2, sold by $1: its service partner $3 and its days $4-$5.
UPDATE service s
SET service_partner_id = $3::uuid, start_date = $4::date, end_date = $5::date
WHERE s.id = $2::uuid AND s.sale_partner_id = $1::uuid
RETURNING {{service_columns}}

-- name: service_stop
UPDATE service
SET stopped = true
WHERE id = $2::uuid AND sale_partner_id = $1::uuid
