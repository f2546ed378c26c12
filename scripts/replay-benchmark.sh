#!/usr/bin/env bash
# Builds the system and measures how fast the query service rebuilds its read models from the
# history (see docs/benchmarks.md).
#   scripts/replay-benchmark.sh [-Dbenchmark.query-service.jvm-options=…] [events]   (default 100000)
# REPLAY_BENCHMARK_MAIN names another benchmark in the load module (scripts/restart-benchmark.sh,
# scripts/split-benchmark.sh); -D options go to its JVM, the rest are its arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./mvnw -q -B -ntp -DskipTests package
jvm_options=()
arguments=()
for argument in "$@"; do
  if [[ $argument == -D* ]]; then jvm_options+=("$argument"); else arguments+=("$argument"); fi
done
exec java "${jvm_options[@]}" -Dparticipation.root="$PWD" \
  -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
  -cp "load/target/classes:load/target/lib/*" "de.participation.load.${REPLAY_BENCHMARK_MAIN:-ReplayBenchmark}" \
  "${arguments[@]}"
