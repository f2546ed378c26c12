#!/bin/bash
# Keycloak's own database and user, apart from the event store: run by the postgres image once,
# when it initialises an empty data directory.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
create user keycloak with password :'password';
create database keycloak owner keycloak;
SQL
