#!/usr/bin/env bash
# Times the same fixed shell loop pinned to each vCPU in turn, ROUNDS times. On this project's VM the host at times
# runs one vCPU 1.5-3x slower than the other for minutes; a benchmark process that lands there is slow throughout.
# Run it before and after a benchmark table: a table taken while the vCPUs differ needs paired ratios.
#   ROUNDS=5 tests/Benchmarks/vcpu-speed.sh
set -euo pipefail
rounds=${ROUNDS:-5}
cpus=$(nproc)
for ((round = 1; round <= rounds; round++)); do
  line="round $round:"
  for ((cpu = 0; cpu < cpus; cpu++)); do
    start=$(date +%s%N)
    taskset -c "$cpu" bash -c 'for ((i = 0; i < 200000; i++)); do :; done'
    line+=" cpu$cpu $(( ($(date +%s%N) - start) / 1000000 )) ms"
  done
  echo "$line"
done
