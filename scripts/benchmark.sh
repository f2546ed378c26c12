#!/usr/bin/env bash
# Builds the system and runs the registration benchmark against it (see docs/benchmarks.md).
#   scripts/benchmark.sh [-Dbenchmark.seconds=15 -Dbenchmark.connections=64 -Dbenchmark.rate=500 -Dbenchmark.meetings=40]
#                        [-Dbenchmark.tracing-sampling=0.1]   (the share of requests traced; default: off)
# Needs wrk and pgbench (Debian packages wrk and postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./mvnw -q -B -ntp -DskipTests package
exec java "$@" -Dparticipation.root="$PWD" -Dlogback.configurationFile=local-stack/src/main/resources/local-stack-logback.xml \
  -cp "load/target/classes:load/target/lib/*" de.participation.load.WritePathBenchmark
