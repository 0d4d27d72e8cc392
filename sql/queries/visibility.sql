-- Whether an object exists and the current partner may see it: the database
-- half of the Resolver, one query per kind of object (db/visibility.cpp keys
-- them by kind). $1 the object's UID (a code for a code kind), $2 the current
-- partner's. Each answers one row or none.

-- fragment: serves_it
-- The current partner sold or serves subscription s.
(s.sale_partner_id = $2::uuid OR s.service_partner_id = $2::uuid)

-- name: visible_partner
SELECT 1 FROM partner WHERE id = $1::uuid AND id = $2::uuid

-- name: visible_any_partner
SELECT 1 FROM partner WHERE id = $1::uuid AND $2::uuid IS NOT NULL

-- name: visible_region
SELECT 1 FROM partner_region WHERE region_id = $1::uuid AND partner_id = $2::uuid

-- name: visible_contact_type
SELECT 1 FROM contact_type WHERE id = $1::uuid AND $2::uuid IS NOT NULL

-- name: visible_role
SELECT 1 FROM role WHERE id = $1::uuid AND $2::uuid IS NOT NULL

-- name: visible_client
SELECT 1 FROM client WHERE id = $1::uuid AND partner_id = $2::uuid

-- name: visible_client_user
SELECT 1
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE u.id = $1::uuid AND c.partner_id = $2::uuid

-- name: visible_partner_user
SELECT 1 FROM partner_user WHERE id = $1::uuid AND partner_id = $2::uuid

-- name: visible_agent
-- Any agent of the partner, of its clients, or of a subscription it sold or serves.
SELECT 1
FROM agent a
LEFT JOIN client c ON c.id = a.client_id
WHERE a.id = $1::uuid AND (a.partner_id = $2::uuid OR c.partner_id = $2::uuid
                           OR EXISTS (SELECT 1 FROM service s WHERE s.agent_id = a.id AND {{serves_it}}))

-- name: visible_partner_agent
SELECT 1 FROM agent WHERE id = $1::uuid AND agent_type = 1 AND partner_id = $2::uuid

-- name: visible_user_agent
SELECT 1
FROM agent a
JOIN client c ON c.id = a.client_id
WHERE a.id = $1::uuid AND a.agent_type = 2 AND c.partner_id = $2::uuid

-- name: visible_service_type
-- A common line, the partner's own, or one it imported.
SELECT 1
FROM service_type t
WHERE t.id = $1::uuid AND (t.partner_id IS NULL OR t.partner_id = $2::uuid
                           OR EXISTS (SELECT 1 FROM service_type_import i WHERE i.service_type_id = t.id AND i.partner_id = $2::uuid))

-- name: visible_service
SELECT 1 FROM service s WHERE s.id = $1::uuid AND {{serves_it}}

-- name: visible_contract
SELECT 1 FROM contract WHERE id = $1::uuid AND partner_id = $2::uuid

-- name: visible_competence
SELECT 1
FROM competence k
JOIN agent a ON a.id = k.agent_id
WHERE k.id = $1::uuid AND a.partner_id = $2::uuid

-- name: visible_serviced_client
-- Its own client, or the client of a subscription it sold or serves.
SELECT 1
FROM client c
WHERE c.id = $1::uuid AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s WHERE s.client_id = c.id AND {{serves_it}}))

-- name: visible_serviced_agent
SELECT 1
FROM agent a
JOIN client c ON c.id = a.client_id
WHERE a.id = $1::uuid AND a.agent_type = 2
  AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s WHERE s.agent_id = a.id AND {{serves_it}}))

-- name: visible_serviced_client_user
SELECT 1
FROM client_user u
JOIN client c ON c.id = u.client_id
WHERE u.id = $1::uuid AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s WHERE s.client_id = c.id AND {{serves_it}}))

-- name: visible_pay_method_type
SELECT 1 FROM pay_method_type WHERE id = $1::integer AND $2::uuid IS NOT NULL
