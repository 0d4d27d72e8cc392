-- PartnerAPI schema: the whole domain of the specification.
-- UIDs are uuid; "open-ended" dates are NULL (written as 0001-01-01 on the wire);
-- timestamps are timestamptz and shown in Moscow time.

-- Fixed dictionaries of the specification ------------------------------------
CREATE TABLE pay_method_type (
  id   smallint PRIMARY KEY CHECK (id BETWEEN 0 AND 99),
  name text NOT NULL CHECK (name <> '')
);
CREATE TABLE call_status_type (
  id   smallint PRIMARY KEY CHECK (id >= 0),
  name text NOT NULL CHECK (name <> '')
);
CREATE TABLE remote_status_type (
  id   smallint PRIMARY KEY CHECK (id >= 0),
  name text NOT NULL CHECK (name <> '')
);
CREATE TABLE remote_access_type (
  id   smallint PRIMARY KEY CHECK (id >= 1),
  name text NOT NULL CHECK (name <> '')
);

-- Reference data -------------------------------------------------------------
CREATE TABLE region (
  id        uuid PRIMARY KEY,
  name      varchar(100) NOT NULL CHECK (name <> ''),
  time_zone varchar(64) NOT NULL DEFAULT 'Europe/Moscow'
);
CREATE TABLE role (
  id   uuid PRIMARY KEY,
  code varchar(32) NOT NULL UNIQUE,   -- franchisee, vendor, service, sale
  name varchar(100) NOT NULL CHECK (name <> '')
);
-- code: 1 clients, 2 partners, 3 users (partner and client users).
CREATE TABLE contact_type (
  id   uuid PRIMARY KEY,
  name varchar(100) NOT NULL CHECK (name <> ''),
  code smallint NOT NULL CHECK (code IN (1, 2, 3)),
  kind varchar(16) NOT NULL DEFAULT 'other' CHECK (kind IN ('name', 'address', 'phone', 'email', 'site', 'other')),
  UNIQUE (id, code)
);

-- Partners and their logins ----------------------------------------------------
CREATE TABLE partner (
  id         uuid PRIMARY KEY,
  name       varchar(150) NOT NULL CHECK (name <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE partner_login (
  login         varchar(64) PRIMARY KEY CHECK (login ~ '^[A-Za-z0-9._@-]+$'),
  partner_id    uuid NOT NULL REFERENCES partner ON DELETE CASCADE,
  password_hash text NOT NULL CHECK (password_hash LIKE 'pbkdf2-sha256$%'),
  enabled       boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_login_partner ON partner_login (partner_id);
CREATE TABLE partner_role (
  partner_id uuid NOT NULL REFERENCES partner ON DELETE CASCADE,
  role_id    uuid NOT NULL REFERENCES role,
  PRIMARY KEY (partner_id, role_id)
);
CREATE TABLE partner_region (
  partner_id uuid NOT NULL REFERENCES partner ON DELETE CASCADE,
  region_id  uuid NOT NULL REFERENCES region,
  PRIMARY KEY (partner_id, region_id)
);
CREATE TABLE partner_contact (
  partner_id        uuid NOT NULL,
  region_id         uuid NOT NULL,
  contact_type_id   uuid NOT NULL,
  contact_type_code smallint NOT NULL DEFAULT 2 CHECK (contact_type_code = 2),
  view              varchar(500) NOT NULL,
  PRIMARY KEY (partner_id, region_id, contact_type_id),
  FOREIGN KEY (partner_id, region_id) REFERENCES partner_region ON DELETE CASCADE,
  FOREIGN KEY (contact_type_id, contact_type_code) REFERENCES contact_type (id, code)
);

-- Clients and people ---------------------------------------------------------------
CREATE TABLE client (
  id                 uuid PRIMARY KEY,
  partner_id         uuid NOT NULL REFERENCES partner,   -- the curating partner
  region_id          uuid NOT NULL REFERENCES region,
  name               varchar(50) NOT NULL CHECK (name <> ''),
  full_name          varchar(255) NOT NULL DEFAULT '',
  inn                varchar(12) NOT NULL DEFAULT '',
  kpp                varchar(9) NOT NULL DEFAULT '',
  reg_num            varchar(32) NOT NULL DEFAULT '',
  pay_method_type_id smallint NOT NULL DEFAULT 2 REFERENCES pay_method_type,
  addit_attribute    varchar(255) NOT NULL DEFAULT '',
  new_id             uuid NOT NULL UNIQUE,                 -- UID in the counterparties directory
  deleted            boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_partner ON client (partner_id, deleted);
CREATE INDEX client_partner_region ON client (partner_id, region_id);
CREATE TABLE client_contact (
  client_id         uuid NOT NULL REFERENCES client ON DELETE CASCADE,
  contact_type_id   uuid NOT NULL,
  contact_type_code smallint NOT NULL DEFAULT 1 CHECK (contact_type_code = 1),
  view              varchar(500) NOT NULL,
  PRIMARY KEY (client_id, contact_type_id),
  FOREIGN KEY (contact_type_id, contact_type_code) REFERENCES contact_type (id, code)
);
CREATE TABLE partner_user (
  id          uuid PRIMARY KEY,
  partner_id  uuid NOT NULL REFERENCES partner,
  name        varchar(100) NOT NULL DEFAULT '',
  family_name varchar(100) NOT NULL DEFAULT '',
  father_name varchar(100) NOT NULL DEFAULT '',
  birthday    date,
  deleted     boolean NOT NULL DEFAULT false,
  UNIQUE (id, partner_id)
);
CREATE INDEX partner_user_partner ON partner_user (partner_id);
CREATE TABLE partner_user_contact (
  partner_user_id   uuid NOT NULL REFERENCES partner_user ON DELETE CASCADE,
  contact_type_id   uuid NOT NULL,
  contact_type_code smallint NOT NULL DEFAULT 3 CHECK (contact_type_code = 3),
  view              varchar(500) NOT NULL,
  PRIMARY KEY (partner_user_id, contact_type_id),
  FOREIGN KEY (contact_type_id, contact_type_code) REFERENCES contact_type (id, code)
);
CREATE TABLE client_user (
  id          uuid PRIMARY KEY,
  client_id   uuid NOT NULL REFERENCES client,
  name        varchar(100) NOT NULL DEFAULT '',
  family_name varchar(100) NOT NULL DEFAULT '',
  father_name varchar(100) NOT NULL DEFAULT '',
  birthday    date,
  deleted     boolean NOT NULL DEFAULT false,
  UNIQUE (id, client_id)
);
CREATE INDEX client_user_client ON client_user (client_id);
CREATE TABLE client_user_contact (
  client_user_id    uuid NOT NULL REFERENCES client_user ON DELETE CASCADE,
  contact_type_id   uuid NOT NULL,
  contact_type_code smallint NOT NULL DEFAULT 3 CHECK (contact_type_code = 3),
  view              varchar(500) NOT NULL,
  PRIMARY KEY (client_user_id, contact_type_id),
  FOREIGN KEY (contact_type_id, contact_type_code) REFERENCES contact_type (id, code)
);

-- Agents (devices): type 1 of a partner's user, type 2 of a client's user ------------
CREATE SEQUENCE agent_partner_number START 271828000001;
CREATE SEQUENCE agent_user_number START 100000001;
CREATE TABLE agent (
  id              uuid PRIMARY KEY,
  agent_type      smallint NOT NULL CHECK (agent_type IN (1, 2)),
  number          varchar(20) NOT NULL UNIQUE,
  password        varchar(64) NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  partner_id      uuid REFERENCES partner,
  partner_user_id uuid,
  client_id       uuid REFERENCES client,
  client_user_id  uuid,
  FOREIGN KEY (partner_user_id, partner_id) REFERENCES partner_user (id, partner_id),
  FOREIGN KEY (client_user_id, client_id) REFERENCES client_user (id, client_id),
  CHECK ((agent_type = 1 AND partner_id IS NOT NULL AND client_id IS NULL AND client_user_id IS NULL
          AND number LIKE '271828%')
      OR (agent_type = 2 AND client_id IS NOT NULL AND partner_id IS NULL AND partner_user_id IS NULL))
);
CREATE INDEX agent_partner ON agent (partner_id) WHERE partner_id IS NOT NULL;
CREATE INDEX agent_client ON agent (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX agent_client_user ON agent (client_user_id) WHERE client_user_id IS NOT NULL;

-- Support lines (service types), contracts and subscriptions -------------------
CREATE TABLE service_type (
  id         uuid PRIMARY KEY,
  partner_id uuid REFERENCES partner,   -- owner; NULL for the platform's common lines
  name       varchar(100) NOT NULL CHECK (name <> ''),
  full_name  varchar(255) NOT NULL DEFAULT '',
  exported   boolean NOT NULL DEFAULT false,   -- a vendor's line offered to other partners
  deleted    boolean NOT NULL DEFAULT false,
  CHECK (NOT exported OR partner_id IS NOT NULL)
);
CREATE INDEX service_type_partner ON service_type (partner_id);
-- Partners that imported a vendor's exported line.
CREATE TABLE service_type_import (
  service_type_id uuid NOT NULL REFERENCES service_type,
  partner_id      uuid NOT NULL REFERENCES partner,
  PRIMARY KEY (service_type_id, partner_id)
);
CREATE INDEX service_type_import_partner ON service_type_import (partner_id);
CREATE TABLE contract (
  id         uuid PRIMARY KEY,
  partner_id uuid NOT NULL REFERENCES partner,
  role_id    uuid NOT NULL REFERENCES role,
  number     varchar(50) NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date   date,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX contract_partner ON contract (partner_id);
CREATE TABLE contract_service (
  contract_id     uuid NOT NULL REFERENCES contract ON DELETE CASCADE,
  service_type_id uuid NOT NULL REFERENCES service_type,
  start_date      date NOT NULL,
  end_date        date,
  PRIMARY KEY (contract_id, service_type_id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE TABLE service (
  id                 uuid PRIMARY KEY,
  sale_partner_id    uuid NOT NULL REFERENCES partner,
  service_partner_id uuid NOT NULL REFERENCES partner,
  client_id          uuid NOT NULL REFERENCES client,
  agent_id           uuid NOT NULL REFERENCES agent,
  service_type_id    uuid NOT NULL REFERENCES service_type,
  start_date         date NOT NULL,
  end_date           date,
  stopped            boolean NOT NULL DEFAULT false,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX service_sale_partner ON service (sale_partner_id);
CREATE INDEX service_service_partner ON service (service_partner_id);
CREATE INDEX service_client ON service (client_id);
CREATE INDEX service_agent ON service (agent_id);
CREATE TABLE competence (
  id              uuid PRIMARY KEY,
  agent_id        uuid NOT NULL REFERENCES agent,
  service_type_id uuid NOT NULL REFERENCES service_type,
  prioritet       smallint NOT NULL DEFAULT 3 CHECK (prioritet BETWEEN 0 AND 100),
  stopped         boolean NOT NULL DEFAULT false
);
CREATE INDEX competence_agent ON competence (agent_id);

-- Statistics ----------------------------------------------------------------------
CREATE TABLE call (
  id               uuid PRIMARY KEY,
  started_at       timestamptz NOT NULL,
  duration         integer NOT NULL CHECK (duration >= 0),
  partner_id       uuid NOT NULL REFERENCES partner,
  client_id        uuid REFERENCES client,
  src_agent_id     uuid REFERENCES agent,
  dst_agent_id     uuid REFERENCES agent,
  service_type_id  uuid REFERENCES service_type,
  call_status_id   smallint NOT NULL REFERENCES call_status_type,
  remote_status_id smallint NOT NULL DEFAULT 0 REFERENCES remote_status_type,
  record_url       varchar(500) NOT NULL DEFAULT ''
);
CREATE INDEX call_partner_time ON call (partner_id, started_at);
CREATE TABLE remote_session (
  id                    uuid PRIMARY KEY,
  started_at            timestamptz NOT NULL,
  duration              integer NOT NULL CHECK (duration >= 0),
  partner_id            uuid NOT NULL REFERENCES partner,
  client_id             uuid REFERENCES client,
  server_agent_id       uuid REFERENCES agent,
  client_agent_id       uuid REFERENCES agent,
  service_type_id       uuid REFERENCES service_type,
  result                smallint NOT NULL CHECK (result IN (0, 1)),
  remote_access_type_id smallint NOT NULL REFERENCES remote_access_type
);
CREATE INDEX remote_session_partner_time ON remote_session (partner_id, started_at);
CREATE TABLE sip_call (
  id                    uuid PRIMARY KEY,
  started_at            timestamptz NOT NULL,
  duration              integer NOT NULL CHECK (duration >= 0),
  duration_after_answer integer NOT NULL DEFAULT 0 CHECK (duration_after_answer >= 0),
  partner_id            uuid NOT NULL REFERENCES partner,
  agent_id              uuid REFERENCES agent,
  abonent               varchar(32) NOT NULL DEFAULT '',
  incoming              boolean NOT NULL,
  status                smallint NOT NULL CHECK (status IN (0, 1, 2)),
  CHECK (duration_after_answer <= duration)
);
CREATE INDEX sip_call_partner_time ON sip_call (partner_id, started_at);
CREATE TABLE chat_message (
  id              bigserial PRIMARY KEY,
  sent_at         timestamptz NOT NULL,
  partner_id      uuid NOT NULL REFERENCES partner,
  service_type_id uuid REFERENCES service_type,
  from_agent_id   uuid NOT NULL REFERENCES agent,
  to_agent_id     uuid REFERENCES agent,
  client_user_id  uuid REFERENCES client_user,
  body            text NOT NULL
);
CREATE INDEX chat_message_user_time ON chat_message (client_user_id, sent_at);
CREATE INDEX chat_message_agents_time ON chat_message (from_agent_id, to_agent_id, sent_at);

-- The 1C:ITS registry: support contracts by the 1C product registration number.
-- level: 1 PROF, 2 TECHNO, 4 international.
CREATE TABLE its_registry (
  reg_num   varchar(32) NOT NULL,
  inn       varchar(12) NOT NULL DEFAULT '',
  level     smallint NOT NULL CHECK (level IN (1, 2, 4)),
  date_from date NOT NULL,
  date_to   date,
  PRIMARY KEY (reg_num, inn),
  CHECK (date_to IS NULL OR date_to >= date_from)
);

-- Wire formats of 1C, so every query renders dates the same way ---------------
-- Moscow time is UTC+3 (no DST since 2014), as the service's core assumes.
CREATE FUNCTION wire_datetime(ts timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE(to_char((ts AT TIME ZONE 'UTC') + interval '3 hours', 'YYYY-MM-DD"T"HH24:MI:SS'),
                        '0001-01-01T00:00:00') $$;
-- A date as 1C's dateTime at midnight; NULL (open-ended) as the empty date.
CREATE FUNCTION wire_date(d date) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE(to_char(d, 'YYYY-MM-DD') || 'T00:00:00', '0001-01-01T00:00:00') $$;
