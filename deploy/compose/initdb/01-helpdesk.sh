#!/bin/bash
# First start of the compose PostgreSQL: the audit/approval store of the server and a demo database to diagnose.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v audit_password="$HELPDESK_AUDIT_PASSWORD" -v monitor_password="$DEMO_DB_PASSWORD" <<'SQL'
CREATE ROLE helpdesk_audit LOGIN PASSWORD :'audit_password';
CREATE DATABASE helpdesk_audit OWNER helpdesk_audit;
-- The account the tools use: read-only monitoring, as the README recommends.
CREATE ROLE helpdesk_monitor LOGIN PASSWORD :'monitor_password';
GRANT pg_monitor, pg_read_all_data TO helpdesk_monitor;
CREATE DATABASE shop;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname shop <<'SQL'
CREATE TABLE orders (id bigserial PRIMARY KEY, customer text NOT NULL, total numeric(10,2) NOT NULL,
                     created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO orders (customer, total) SELECT 'customer-' || g, (g % 500) + 0.99 FROM generate_series(1, 20000) g;
-- Something to find: dead tuples, and a sequence close to its limit.
DELETE FROM orders WHERE id % 4 = 0;
CREATE SEQUENCE invoice_no AS smallint;
SELECT setval('invoice_no', 31000);
SQL
