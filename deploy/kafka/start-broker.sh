#!/usr/bin/env bash
# Starts the compose broker with broker.properties and the keystore password of the Docker
# secret, formatting its log on first start.
set -euo pipefail
CONFIG=/tmp/server.properties
password="$(cat /run/secrets/kafka_keystore_password)"
(umask 077 && cp /etc/participation/kafka/broker.properties "$CONFIG" \
  && printf 'ssl.keystore.password=%s\nssl.key.password=%s\n' "$password" "$password" >> "$CONFIG")
unset password
# For the health check (kafka-broker-api-versions.sh over the BROKER listener).
. /etc/participation/kafka/admin-client.sh
if [[ ! -f /var/lib/kafka/data/meta.properties ]]; then
  /opt/kafka/bin/kafka-storage.sh format -c "$CONFIG" -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
