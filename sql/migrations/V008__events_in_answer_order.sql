-- The statistics reads answer in (started_at, id) order within a partner: an
-- index in that order gives the rows as they are to be sent, so a streamed
-- answer's first row needs no sort of the whole window first. Each replaces
-- the (partner_id, started_at) index it extends.
CREATE INDEX call_partner_time_id ON call (partner_id, started_at, id);
DROP INDEX call_partner_time;
CREATE INDEX remote_session_partner_time_id ON remote_session (partner_id, started_at, id);
DROP INDEX remote_session_partner_time;
CREATE INDEX sip_call_partner_time_id ON sip_call (partner_id, started_at, id);
DROP INDEX sip_call_partner_time;
