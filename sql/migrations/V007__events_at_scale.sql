-- The statistics tables hold tens of millions of events and only
-- events-import writes them: it checks every reference itself (naming the
-- file's line) before it stores anything, and what they reference is never
-- deleted (partners, clients, agents, lines and users are marked, not
-- removed). Their foreign keys would cost a trigger per column per row: a
-- third of the import's speed. The checks on values stay.
ALTER TABLE call DROP CONSTRAINT call_partner_id_fkey, DROP CONSTRAINT call_client_id_fkey,
  DROP CONSTRAINT call_src_agent_id_fkey, DROP CONSTRAINT call_dst_agent_id_fkey,
  DROP CONSTRAINT call_service_type_id_fkey, DROP CONSTRAINT call_call_status_id_fkey,
  DROP CONSTRAINT call_remote_status_id_fkey,
  ADD CONSTRAINT call_status_code CHECK (call_status_id BETWEEN 0 AND 7),
  ADD CONSTRAINT call_remote_status_code CHECK (remote_status_id BETWEEN 0 AND 2);
ALTER TABLE remote_session DROP CONSTRAINT remote_session_partner_id_fkey,
  DROP CONSTRAINT remote_session_client_id_fkey, DROP CONSTRAINT remote_session_server_agent_id_fkey,
  DROP CONSTRAINT remote_session_client_agent_id_fkey, DROP CONSTRAINT remote_session_service_type_id_fkey,
  DROP CONSTRAINT remote_session_remote_access_type_id_fkey,
  ADD CONSTRAINT remote_session_type_code CHECK (remote_access_type_id BETWEEN 1 AND 2);
ALTER TABLE sip_call DROP CONSTRAINT sip_call_partner_id_fkey, DROP CONSTRAINT sip_call_agent_id_fkey;
ALTER TABLE chat_message DROP CONSTRAINT chat_message_partner_id_fkey,
  DROP CONSTRAINT chat_message_service_type_id_fkey, DROP CONSTRAINT chat_message_from_agent_id_fkey,
  DROP CONSTRAINT chat_message_to_agent_id_fkey, DROP CONSTRAINT chat_message_client_user_id_fkey;
