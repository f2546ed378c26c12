#!/usr/bin/env bash
# Builds the system and runs the registration benchmark against it (see docs/benchmarks.md).
#   scripts/benchmark.sh [registrations] [threads] [meetings]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./mvnw -q -B -ntp -DskipTests package
exec java -Dparticipation.root="$PWD" -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
  -cp "load/target/classes:load/target/lib/*" de.participation.load.RegistrationBenchmark "$@"
