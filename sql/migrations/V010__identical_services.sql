-- Overlapping subscriptions of one agent on one line are taken (a renewal
-- sold while this year's runs, two service partners): only a live one equal
-- in every field to another is refused, so that a call repeated after its
-- answer was lost does not sell the same subscription twice.
CREATE UNIQUE INDEX service_identical_live ON service
  (sale_partner_id, service_partner_id, client_id, agent_id, service_type_id, start_date,
   COALESCE(end_date, 'infinity'::date))
  WHERE NOT stopped;
