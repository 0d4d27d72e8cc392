-- Contracts and their permissions on support lines (contract_ops.cpp). $1
-- is the current partner. A date filter bounds a period and keeps what
-- overlaps it; 1C's empty date (0001-01-01) is no bound.

-- name: contracts
-- $2 a contract, $3 and $4 the period, $5 a role.
SELECT k.id::text AS contract_id, wire_date(k.start_date) AS contract_start_date, wire_date(k.end_date) AS contract_end_date,
       k.role_id::text AS role_id
FROM contract k
WHERE k.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.id = $2::uuid)
  AND (NULLIF($4::date, '0001-01-01') IS NULL OR k.start_date <= $4::date)
  AND (NULLIF($3::date, '0001-01-01') IS NULL OR k.end_date IS NULL OR k.end_date >= $3::date)
  AND ($5::uuid IS NULL OR k.role_id = $5::uuid)
ORDER BY k.start_date, k.id

-- fragment: permission_columns
-- A permission (table alias cs), named as section 4 names the columns.
cs.contract_id::text AS contract_id, cs.service_type_id::text AS service_type_id,
wire_date(cs.start_date) AS contract_service_start_date, wire_date(cs.end_date) AS contract_service_end_date

-- name: contract_services
-- $2 a contract, $3 a line, $4 and $5 the period.
SELECT {{permission_columns}}
FROM contract_service cs
JOIN contract k ON k.id = cs.contract_id
WHERE k.partner_id = $1::uuid AND ($2::uuid IS NULL OR cs.contract_id = $2::uuid)
  AND ($3::uuid IS NULL OR cs.service_type_id = $3::uuid)
  AND (NULLIF($5::date, '0001-01-01') IS NULL OR cs.start_date <= $5::date)
  AND (NULLIF($4::date, '0001-01-01') IS NULL OR cs.end_date IS NULL OR cs.end_date >= $4::date)
ORDER BY k.start_date, cs.contract_id, cs.service_type_id

-- name: service_contract_on
-- The partner's contract with the role «Сервисный партнер» in force on day $2 (the latest begun).
SELECT k.id::text
FROM contract k
JOIN role r ON r.id = k.role_id
WHERE k.partner_id = $1::uuid AND r.code = 'service' AND k.start_date <= $2::date
  AND (k.end_date IS NULL OR k.end_date >= $2::date)
ORDER BY k.start_date DESC, k.id
LIMIT 1

-- name: contract_service_upsert
-- A permission for line $2 under contract $1 from day $3, open-ended.
INSERT INTO contract_service (contract_id, service_type_id, start_date)
VALUES ($1::uuid, $2::uuid, $3::date)
ON CONFLICT (contract_id, service_type_id) DO UPDATE SET start_date = EXCLUDED.start_date, end_date = NULL

-- name: line_permissions
-- Every permission of the partner for line $2, under any contract.
SELECT {{permission_columns}}
FROM contract_service cs
JOIN contract k ON k.id = cs.contract_id
WHERE k.partner_id = $1::uuid AND cs.service_type_id = $2::uuid
ORDER BY k.start_date, cs.contract_id, cs.service_type_id

-- name: contract_service_delete
DELETE FROM contract_service cs USING contract k
WHERE k.id = cs.contract_id AND k.partner_id = $1::uuid AND cs.service_type_id = $2::uuid

-- name: moscow_today
SELECT moscow_today()::text
