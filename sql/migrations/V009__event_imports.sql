-- One row per events-import that committed: what /metrics reports as the
-- events imported, and when data last arrived (an alert on a feed that stopped).
CREATE TABLE event_import (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('calls', 'remote', 'sip', 'chat')),
  records     bigint NOT NULL,
  inserted    bigint NOT NULL,
  updated     bigint NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_import_kind ON event_import (kind, finished_at);
