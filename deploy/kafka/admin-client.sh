# Sourced by start-broker.sh and kafka-init.sh: writes /tmp/admin.properties, the settings of an
# administration client that authenticates as the broker (CN=kafka, the only super user) with the
# broker's key over the BROKER listener.
password="$(cat /run/secrets/kafka_keystore_password)"
(umask 077 && cat > /tmp/admin.properties <<ADMIN
security.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.location=/var/lib/kafka/tls/broker.p12
ssl.keystore.password=$password
ssl.key.password=$password
ssl.truststore.type=PEM
ssl.truststore.location=/var/lib/kafka/tls/kafka.pem
ADMIN
)
unset password
