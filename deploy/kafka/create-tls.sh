#!/usr/bin/env bash
# The broker's TLS material, made once where it runs (nothing of it is in the repository): a key
# pair whose certificate names the broker (CN=kafka, the super user), in a PKCS12 keystore for the
# broker alone, and the certificate as PEM, which is all the services need to trust the broker.
#   KEYSTORE_PASSWORD_FILE  file holding the keystore's password (a Docker secret)
#   TLS_DIR                 where the keystore and the broker's copy of the certificate go
#   TRUST_DIR               where the services' copy of the certificate goes
#   TLS_NAMES               the names clients reach the broker by (keytool SAN syntax)
#   OWNER                   who runs the broker and must read its key (optional)
# SecuredBrokerTest runs this script too, for its own broker.
set -euo pipefail
: "${KEYSTORE_PASSWORD_FILE:?}" "${TLS_DIR:?}" "${TRUST_DIR:?}"
TLS_NAMES="${TLS_NAMES:-dns:kafka,dns:localhost}"
if [[ ! "$(cat "$KEYSTORE_PASSWORD_FILE")" =~ ^[A-Za-z0-9]{16,}$ ]]; then
  echo "The keystore password must be at least 16 letters and digits." >&2
  exit 1
fi

if [[ -f "$TLS_DIR/broker.p12" ]]; then
  echo "The broker's TLS material exists; kept."
  exit 0
fi
mkdir -p "$TLS_DIR" "$TRUST_DIR"
umask 077
keytool -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
  -dname CN=kafka -ext "SAN=$TLS_NAMES" -validity 825 \
  -storetype PKCS12 -keystore "$TLS_DIR/broker.p12" -storepass:file "$KEYSTORE_PASSWORD_FILE"
umask 022
keytool -exportcert -rfc -alias kafka -keystore "$TLS_DIR/broker.p12" \
  -storepass:file "$KEYSTORE_PASSWORD_FILE" -file "$TLS_DIR/kafka.pem"
cp "$TLS_DIR/kafka.pem" "$TRUST_DIR/kafka.pem"
if [[ -n "${OWNER:-}" ]]; then
  chown -R "$OWNER" "$TLS_DIR"
fi
echo "Created the broker's key pair (CN=kafka, $TLS_NAMES) and its certificate for the clients."
