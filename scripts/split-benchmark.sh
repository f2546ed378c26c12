#!/usr/bin/env bash
# Builds the system and measures a rush on one meeting split over two command-service instances
# against routed to one, with the trivial endpoint measured in the same run (docs/deployment.md).
#   scripts/split-benchmark.sh [-Dbenchmark.seconds=15 -Dbenchmark.connections=64 -Dbenchmark.rounds=2]
# Needs wrk and pgbench (Debian packages wrk and postgresql-client).
set -euo pipefail
REPLAY_BENCHMARK_MAIN=SplitRushBenchmark exec "$(dirname "$0")/replay-benchmark.sh" "$@"
