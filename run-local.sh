#!/usr/bin/env bash
# Builds and starts the system on embedded defaults, in the foreground; Ctrl-C stops it.
#   ./run-local.sh           keep the data of earlier runs (under DATA_DIR, default ./.data)
#   ./run-local.sh --fresh   wipe DATA_DIR first
# Point a part at external infrastructure with environment variables, e.g.
#   SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/participation SPRING_DATASOURCE_USERNAME=… ./run-local.sh
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh

export DATA_DIR="${DATA_DIR:-$PWD/.data}"
COMMAND_PORT="${COMMAND_PORT:-8081}"

for argument in "$@"; do
  case "$argument" in
    --fresh) echo "Wiping $DATA_DIR"; rm -rf "$DATA_DIR" ;;
    *) echo "Unknown option: $argument (known: --fresh)" >&2; exit 2 ;;
  esac
done
mkdir -p "$DATA_DIR"

echo "Building (JDK at $JAVA_HOME)…"
./mvnw -q -B -ntp -DskipTests package

echo "Starting the command service on http://localhost:$COMMAND_PORT (data in $DATA_DIR)"
exec java -jar command-service/target/command-service-*.jar --server.port="$COMMAND_PORT"
