#!/usr/bin/env bash
# The operator's init step, run once the broker answers: the services' SCRAM-SHA-512 users with
# the passwords of their Docker secrets (set again on every start, so that a changed secret takes
# effect), and the ACLs of acls.txt. It authenticates as the broker, the only super user.
set -euo pipefail
BOOTSTRAP=kafka:9094
. /etc/participation/kafka/admin-client.sh

for user in command-service query-service; do
  password="$(cat "/run/secrets/kafka_${user//-/_}_password")"
  # Letters and digits only: the password goes into kafka-configs' list syntax and a JAAS line.
  if [[ ! "$password" =~ ^[A-Za-z0-9]{16,}$ ]]; then
    echo "The Kafka password of $user must be at least 16 letters and digits." >&2
    exit 1
  fi
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config /tmp/admin.properties \
    --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" > /dev/null
  unset password
  echo "SCRAM-SHA-512 credentials of $user set."
done

grep -v '^[[:space:]]*\(#\|$\)' /etc/participation/kafka/acls.txt |
  while read -r principal operation resource pattern name; do
    /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --command-config /tmp/admin.properties \
      --add --allow-principal "$principal" --operation "$operation" \
      "--$resource" "$name" --resource-pattern-type "$pattern" > /dev/null
    echo "Allowed $principal: $operation on $resource $name ($pattern)."
  done
