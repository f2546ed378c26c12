#!/usr/bin/env bash
# Builds the system and measures how long the read side takes to serve reads again after a restart
# of the whole stack, when the MongoDB stand-in starts empty (see docs/benchmarks.md).
#   scripts/restart-benchmark.sh [registrations] [restarts]   (default 1000000 1)
set -euo pipefail
REPLAY_BENCHMARK_MAIN=RestartBenchmark exec "$(dirname "$0")/replay-benchmark.sh" "$@"
