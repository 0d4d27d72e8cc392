-- The catalogue (issue 16): competences' priorities run from 1 to 5, an agent
-- has one live competence per line, and the lookups of the catalogue's rules.
ALTER TABLE competence DROP CONSTRAINT competence_prioritet_check;
ALTER TABLE competence ADD CONSTRAINT competence_prioritet_range CHECK (prioritet BETWEEN 1 AND 5);
CREATE UNIQUE INDEX competence_agent_line ON competence (agent_id, service_type_id) WHERE NOT stopped;
CREATE INDEX competence_line ON competence (service_type_id) WHERE NOT stopped;
CREATE INDEX contract_service_line ON contract_service (service_type_id);
CREATE INDEX service_agent_line ON service (agent_id, service_type_id) WHERE NOT stopped;
