-- The statistics reads' plans on a loaded database (bench/statistics.sh, or
-- gen_events.py and events-import by hand): psql -f bench/plans.sql. The
-- statements are the operations' queries (src/ops/statistics_ops.cpp,
-- chat_ops.cpp) with the demo partner, a month window and no other filter.
\set demo '''140cb530-a922-8f90-2a2a-91a31e42d1b7'''
\set from '''now()'''
PREPARE calls(uuid, timestamptz, timestamptz, uuid, uuid, uuid, uuid, uuid) AS
  SELECT c.id::text, wire_datetime(c.started_at), c.duration FROM call c
  WHERE c.partner_id = $1 AND c.started_at BETWEEN COALESCE($2, '-infinity') AND COALESCE($3, 'infinity')
    AND ($4 IS NULL OR c.client_id = $4) AND ($5 IS NULL OR $5 IN (c.src_agent_id, c.dst_agent_id))
    AND ($6 IS NULL OR c.src_agent_id = $6) AND ($7 IS NULL OR c.dst_agent_id = $7)
    AND ($8 IS NULL OR c.service_type_id = $8) ORDER BY c.started_at, c.id;
PREPARE remote(uuid, timestamptz, timestamptz) AS
  SELECT r.id::text FROM remote_session r
  WHERE r.partner_id = $1 AND r.started_at BETWEEN COALESCE($2, '-infinity') AND COALESCE($3, 'infinity')
  ORDER BY r.started_at, r.id;
PREPARE sip(uuid, timestamptz, timestamptz, text) AS
  SELECT s.id::text FROM sip_call s
  WHERE s.partner_id = $1 AND s.started_at BETWEEN COALESCE($2, '-infinity') AND COALESCE($3, 'infinity')
    AND (NULLIF($4, '') IS NULL OR s.abonent = $4) ORDER BY s.started_at, s.id;
PREPARE user_chat(uuid, uuid, uuid, timestamptz, timestamptz) AS
  SELECT m.body FROM chat_message m WHERE m.partner_id = $1 AND m.client_user_id = $2 AND m.service_type_id = $3
    AND m.sent_at BETWEEN COALESCE($4, '-infinity') AND COALESCE($5, 'infinity') ORDER BY m.sent_at, m.id;
PREPARE colleagues_chat(uuid, uuid, uuid, timestamptz, timestamptz) AS
  SELECT m.body FROM chat_message m WHERE m.partner_id = $1
    AND ((m.from_agent_id = $2 AND m.to_agent_id = $3) OR (m.from_agent_id = $3 AND m.to_agent_id = $2))
    AND m.sent_at BETWEEN COALESCE($4, '-infinity') AND COALESCE($5, 'infinity') ORDER BY m.sent_at, m.id;
-- The generic plans, as a prepared statement gets after five runs.
SET plan_cache_mode = force_generic_plan;
\echo '### statistics_read, a month'
EXPLAIN (COSTS OFF) EXECUTE calls(:demo, now() - interval '30 days', NULL, NULL, NULL, NULL, NULL, NULL);
\echo '### remote_access_statistics_read, two months'
EXPLAIN (COSTS OFF) EXECUTE remote(:demo, now() - interval '2 months', NULL);
\echo '### sip_calls_statistics_read, a day'
EXPLAIN (COSTS OFF) EXECUTE sip(:demo, now() - interval '1 day', NULL, '');
\echo '### chat_history_statistics_read'
EXPLAIN (COSTS OFF) EXECUTE user_chat(:demo, md5('client_user:romashka-anna')::uuid, md5('service_type:demo-buh')::uuid, NULL, NULL);
\echo '### chat_history_colleagues_read'
EXPLAIN (COSTS OFF) EXECUTE colleagues_chat(:demo, md5('agent:ivanov')::uuid, md5('agent:petrova')::uuid, NULL, NULL);
-- A streamed read (more than 256 rows) runs through a cursor, planned for the
-- actual parameters and for its first rows (cursor_tuple_fraction): the
-- plans the whole reads get.
BEGIN;
\echo '### streamed: statistics_read, a month'
EXPLAIN (COSTS OFF) DECLARE calls_rows NO SCROLL CURSOR FOR
  SELECT c.id::text, wire_datetime(c.started_at), c.duration FROM call c
  WHERE c.partner_id = :demo AND c.started_at BETWEEN COALESCE(now() - interval '30 days', '-infinity')
    AND COALESCE(NULL::timestamptz, 'infinity') ORDER BY c.started_at, c.id;
\echo '### streamed: remote_access_statistics_read, two months'
EXPLAIN (COSTS OFF) DECLARE remote_rows NO SCROLL CURSOR FOR
  SELECT r.id::text FROM remote_session r
  WHERE r.partner_id = :demo AND r.started_at BETWEEN COALESCE(now() - interval '2 months', '-infinity')
    AND COALESCE(NULL::timestamptz, 'infinity') ORDER BY r.started_at, r.id;
\echo '### streamed: sip_calls_statistics_read, a month'
EXPLAIN (COSTS OFF) DECLARE sip_rows NO SCROLL CURSOR FOR
  SELECT s.id::text FROM sip_call s
  WHERE s.partner_id = :demo AND s.started_at BETWEEN COALESCE(now() - interval '30 days', '-infinity')
    AND COALESCE(NULL::timestamptz, 'infinity') ORDER BY s.started_at, s.id;
\echo '### the same month as a plain query (what a stream without its cursor got)'
EXPLAIN (COSTS OFF)
  SELECT c.id::text, wire_datetime(c.started_at), c.duration FROM call c
  WHERE c.partner_id = :demo AND c.started_at BETWEEN COALESCE(now() - interval '30 days', '-infinity')
    AND COALESCE(NULL::timestamptz, 'infinity') ORDER BY c.started_at, c.id;
ROLLBACK;
