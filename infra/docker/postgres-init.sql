-- Runs once, when the postgres container of docker-compose.yml initialises an empty data volume
-- (/docker-entrypoint-initdb.d). Same role and databases as infra/scripts/postgres.sh creates for
-- local development without Docker: one database per service, owned by the `emporium` role.
-- To re-run it: `docker compose down -v` (drops the volume and all data).

CREATE ROLE emporium WITH LOGIN CREATEDB PASSWORD 'emporium';

CREATE DATABASE emporium_merchants        OWNER emporium;
CREATE DATABASE emporium_catalog          OWNER emporium;
CREATE DATABASE emporium_inventory        OWNER emporium;
CREATE DATABASE emporium_orders           OWNER emporium;
CREATE DATABASE emporium_logistics        OWNER emporium;
CREATE DATABASE emporium_membership       OWNER emporium;
CREATE DATABASE emporium_marketing        OWNER emporium;
CREATE DATABASE emporium_customer_service OWNER emporium;
