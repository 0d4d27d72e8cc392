-- Clients (issue 3): today's date in Moscow, as rules about "in force" need it,
-- and the index behind client_vendor_read (clients served on a support line).
CREATE FUNCTION moscow_today() RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT ((now() AT TIME ZONE 'UTC') + interval '3 hours')::date $$;
CREATE INDEX service_type_client ON service (service_type_id, client_id) WHERE NOT stopped;
CREATE INDEX client_partner_attribute ON client (partner_id, addit_attribute);
