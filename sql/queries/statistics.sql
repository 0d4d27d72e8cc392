-- The statistics (statistics_ops.cpp, chat_ops.cpp): records the platform
-- attributes to partner $1, whose start lies in [$2, $3] (or [$4, $5] for the
-- chats), in the order of the indexes (partner, time, id). An omitted bound
-- becomes -infinity / infinity inside the condition, so a prepared
-- statement's generic plan keeps the index range.

-- name: calls
-- $4 a client, $5 an agent at either end, $6 the caller, $7 the callee, $8 a line.
SELECT c.id::text AS call_id, wire_datetime(c.started_at) AS "time", c.duration AS duration,
       c.partner_id::text AS partner_id, c.client_id::text AS client_id, c.src_agent_id::text AS src_agent_id,
       c.dst_agent_id::text AS dst_agent_id, c.service_type_id::text AS service_type_id,
       c.call_status_id AS call_status_id, c.remote_status_id AS remote_status_id, c.record_url AS "URL_call_record"
FROM call c
WHERE c.partner_id = $1::uuid AND c.started_at BETWEEN COALESCE($2::timestamptz, '-infinity') AND COALESCE($3::timestamptz, 'infinity')
  AND ($4::uuid IS NULL OR c.client_id = $4::uuid) AND ($5::uuid IS NULL OR $5::uuid IN (c.src_agent_id, c.dst_agent_id))
  AND ($6::uuid IS NULL OR c.src_agent_id = $6::uuid) AND ($7::uuid IS NULL OR c.dst_agent_id = $7::uuid)
  AND ($8::uuid IS NULL OR c.service_type_id = $8::uuid)
ORDER BY c.started_at, c.id

-- name: remote_sessions
-- $4 a client, $5 an agent at either end, $6 the agent shown, $7 the one controlling it, $8 a line.
SELECT r.id::text AS session_id, wire_datetime(r.started_at) AS "time", r.duration AS duration,
       r.partner_id::text AS partner_id, r.client_id::text AS client_id, r.server_agent_id::text AS server_agent_id,
       r.client_agent_id::text AS dst_agent_id, r.service_type_id::text AS service_type_id,
       r.result AS remote_access_result_id, r.remote_access_type_id AS remote_access_type_id
FROM remote_session r
WHERE r.partner_id = $1::uuid AND r.started_at BETWEEN COALESCE($2::timestamptz, '-infinity') AND COALESCE($3::timestamptz, 'infinity')
  AND ($4::uuid IS NULL OR r.client_id = $4::uuid) AND ($5::uuid IS NULL OR $5::uuid IN (r.server_agent_id, r.client_agent_id))
  AND ($6::uuid IS NULL OR r.server_agent_id = $6::uuid) AND ($7::uuid IS NULL OR r.client_agent_id = $7::uuid)
  AND ($8::uuid IS NULL OR r.service_type_id = $8::uuid)
ORDER BY r.started_at, r.id

-- name: sip_calls
-- $4 an agent, $5 the subscriber's number ('' or NULL: any).
SELECT s.id::text AS call_id, wire_datetime(s.started_at) AS "time", s.duration AS duration,
       s.duration_after_answer AS duration_after_answer, s.agent_id::text AS agent_id, s.abonent AS abonent,
       s.incoming AS incoming, s.status AS sip_call_status_id
FROM sip_call s
WHERE s.partner_id = $1::uuid AND s.started_at BETWEEN COALESCE($2::timestamptz, '-infinity') AND COALESCE($3::timestamptz, 'infinity')
  AND ($4::uuid IS NULL OR s.agent_id = $4::uuid) AND (NULLIF($5::text, '') IS NULL OR s.abonent = $5)
ORDER BY s.started_at, s.id

-- fragment: messages_and_writers
-- Chat messages (alias m) with their writers (agent a, user cu or pu): the time,
-- the writer's name (the client user's, else the partner user's), number and text.
wire_datetime(m.sent_at), COALESCE(NULLIF(btrim(concat_ws(' ', cu.name, cu.family_name)), ''),
NULLIF(btrim(concat_ws(' ', pu.name, pu.family_name)), ''), ''), a.number, m.body
FROM chat_message m
JOIN agent a ON a.id = m.from_agent_id
LEFT JOIN client_user cu ON cu.id = a.client_user_id
LEFT JOIN partner_user pu ON pu.id = a.partner_user_id

-- name: chat_of_user
-- Client user $2's messages on line $3.
SELECT {{messages_and_writers}}
WHERE m.partner_id = $1::uuid AND m.client_user_id = $2::uuid AND m.service_type_id = $3::uuid
  AND m.sent_at BETWEEN COALESCE($4::timestamptz, '-infinity') AND COALESCE($5::timestamptz, 'infinity')
ORDER BY m.sent_at, m.id

-- name: chat_of_colleagues
-- Messages between agents $2 and $3, either way.
SELECT {{messages_and_writers}}
WHERE m.partner_id = $1::uuid
  AND ((m.from_agent_id = $2::uuid AND m.to_agent_id = $3::uuid) OR (m.from_agent_id = $3::uuid AND m.to_agent_id = $2::uuid))
  AND m.sent_at BETWEEN COALESCE($4::timestamptz, '-infinity') AND COALESCE($5::timestamptz, 'infinity')
ORDER BY m.sent_at, m.id
