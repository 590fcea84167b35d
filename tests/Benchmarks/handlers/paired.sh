#!/usr/bin/env bash
# Paired handler comparison: runs the in-process handler probe (every variant timed in turn in one process, so all
# share the machine's state) in PROCESSES separate processes and prints, per line, the median time and the median,
# lowest and highest of its per-process ratio to the generated coroutine of its category. The BenchmarkDotNet table
# (docs/performance.md) times each variant in processes of its own; this is the paired view of the same bodies.
#   PROCESSES=9 RUNS=25 tests/Benchmarks/handlers/paired.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
processes=${PROCESSES:-9}
runs=${RUNS:-25}
project=tests/Benchmarks/DemiGen.Benchmarks
dotnet build -c Release "$project" -v quiet -nologo >/dev/null
dll="$project/bin/Release/net10.0/DemiGen.Benchmarks.dll"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((p = 1; p <= processes; p++)); do
  dotnet "$dll" handler-probe "$runs" | sed -n 's/^\(.*[a-z]\) \+\([0-9.]\+\) ns \+\([0-9.]\+\)x$/\1\t\2\t\3/p' >>"$results"
done

median() { awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

printf '%-42s %10s %12s %8s %8s\n' "line ($processes processes, $runs runs each)" "median ns" "median ratio" "lowest" "highest"
cut -f1 "$results" | awk '!seen[$0]++' | while IFS= read -r line; do
  times=$(awk -F'\t' -v l="$line" '$1 == l {print $2}' "$results" | sort -g)
  ratios=$(awk -F'\t' -v l="$line" '$1 == l {print $3}' "$results" | sort -g)
  printf '%-42s %10.2f %11.2fx %7.2fx %7.2fx\n' "$line" "$(median <<<"$times")" "$(median <<<"$ratios")" \
    "$(head -1 <<<"$ratios")" "$(tail -1 <<<"$ratios")"
done
