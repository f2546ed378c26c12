#!/usr/bin/env bash
# Builds and starts the whole system on embedded defaults, in the foreground; Ctrl-C stops it.
#   ./run-local.sh           keep the data of earlier runs (under DATA_DIR, default ./.data)
#   ./run-local.sh --demo    also load demo meetings (only those not yet present)
#   ./run-local.sh --fresh   wipe DATA_DIR first
#   ./run-local.sh token <portal|organiser|auditor|operator|data-protection|monitoring> [organisation]
#                            print a bearer token of the embedded stack's local issuer
#   ./run-local.sh webhook-receiver <port> <secret>
#                            receive webhooks on this machine and print each delivery
# Point a part at external infrastructure with environment variables: KAFKA_BOOTSTRAP_SERVERS,
# SPRING_DATASOURCE_URL (+ _USERNAME, _PASSWORD), MONGODB_URI. Ports: COMMAND_PORT (8081),
# QUERY_PORT (8082), KAFKA_PORT (9092).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh

export DATA_DIR="${DATA_DIR:-$PWD/.data}"
tool_class() {
  case "${1:-}" in
    token) echo de.participation.localstack.LocalIssuer ;;
    webhook-receiver) echo de.participation.localstack.LocalWebhookReceiver ;;
  esac
}
if [ -n "$(tool_class "${1:-}")" ]; then
  main_class="$(tool_class "$1")"
  if [ "$1" = "webhook-receiver" ]; then shift; fi
  [ -d local-stack/target/lib ] || ./mvnw -q -B -ntp -DskipTests package
  exec java -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
    -cp "local-stack/target/classes:local-stack/target/lib/*" "$main_class" "$@"
fi
stack_args=()
for argument in "$@"; do
  case "$argument" in
    --fresh) echo "Wiping $DATA_DIR"; rm -rf "$DATA_DIR" ;;
    --demo) stack_args+=("--demo") ;;
    *) echo "Unknown option: $argument (known: --demo, --fresh)" >&2; exit 2 ;;
  esac
done
# Everything the stack extracts or generates (the PostgreSQL binaries, the services' temporary
# files) goes under DATA_DIR/tmp, never into a temporary directory that other checkouts share.
mkdir -p "$DATA_DIR/tmp"

echo "Building (JDK at $JAVA_HOME)…"
./mvnw -q -B -ntp -DskipTests package

# exec: the stack is the process that a Ctrl-C or a service manager signals; it stops its parts in order.
exec java -Djava.io.tmpdir="$DATA_DIR/tmp" -Dparticipation.root="$PWD" \
  -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
  -cp "local-stack/target/classes:local-stack/target/lib/*" de.participation.localstack.LocalStack "${stack_args[@]}"
