#!/usr/bin/env bash
# Builds the system and measures how fast the query service rebuilds its read models from the
# history (see docs/benchmarks.md).
#   scripts/replay-benchmark.sh [events]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./mvnw -q -B -ntp -DskipTests package
exec java -Dparticipation.root="$PWD" -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
  -cp "load/target/classes:load/target/lib/*" de.participation.load.ReplayBenchmark "$@"
