#!/usr/bin/env bash
# SET and GET of large values: DemiKV copying every value into its reply (--zero-copy-min 0), DemiKV pushing values
# of at least MIN bytes zero-copy (--zero-copy-min MIN), and redis-server, all running at once on SERVER_CORE, each
# row run against each server in turn (redis-benchmark pinned to CLIENT_CORE), ROUNDS times, medians printed.
#
#   SIZES="16384 65536 262144" REQUESTS=4000 ROUNDS=3 tests/Benchmarks/redis/large-values.sh
#
# Needs: redis-server, redis-benchmark, taskset, the .NET SDK (builds DemiKV Release first).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
SIZES="${SIZES:-16384 65536 262144}"
REQUESTS="${REQUESTS:-4000}"
ROUNDS="${ROUNDS:-3}"
MIN="${MIN:-1}"
SERVER_CORE="${SERVER_CORE:-0}"
CLIENT_CORE="${CLIENT_CORE:-1}"
OUT="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$OUT"' EXIT
export DOTNET_TC_DelaySingleProcMultiplier=1

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

dotnet build -c Release -v q -nologo "$REPO/samples/DemiKV/DemiKV.csproj" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
DEMIKV="$REPO/samples/DemiKV/bin/Release/net10.0/DemiKV"
declare -A port
port[copy]=$(free_port); taskset -c "$SERVER_CORE" "$DEMIKV" --port "${port[copy]}" --zero-copy-min 0 >/dev/null 2>&1 & pids+=($!)
port[zerocopy]=$(free_port); taskset -c "$SERVER_CORE" "$DEMIKV" --port "${port[zerocopy]}" --zero-copy-min "$MIN" >/dev/null 2>&1 & pids+=($!)
port[redis]=$(free_port); taskset -c "$SERVER_CORE" redis-server --port "${port[redis]}" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pids+=($!)
servers=(copy zerocopy redis)
for s in "${servers[@]}"; do wait_for_port "${port[$s]}"; done

for round in $(seq 1 "$ROUNDS"); do
  for size in $SIZES; do
    for clients in 50 1; do
      # Rotate the servers' order each round, so a slow stretch of the machine does not always hit the same one.
      for i in 0 1 2; do
        s="${servers[$(( (i + round) % 3 ))]}"
        taskset -c "$CLIENT_CORE" redis-benchmark -h 127.0.0.1 -p "${port[$s]}" -t set,get -d "$size" -n "$REQUESTS" -c "$clients" -P 1 --csv 2>/dev/null \
          | tail -n +2 | tr -d '"' | awk -F, -v s="$s" -v d="$size" -v c="$clients" '{ print s "," d "," c "," $1 "," $2 "," $5 }' >>"$OUT/results.csv"
      done
    done
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-6s %8s %3s %10s %7s %10s %7s %10s %7s %8s %8s\n' test size c copy p50 zerocopy p50 redis p50 zc/copy zc/redis
for size in $SIZES; do
  for clients in 50 1; do
    for t in SET GET; do
      declare -A rps=() p50=()
      for s in "${servers[@]}"; do
        rps[$s]=$(awk -F, -v s="$s" -v d="$size" -v c="$clients" -v t="$t" '$1 == s && $2 == d && $3 == c && $4 == t { print $5 }' "$OUT/results.csv" | median)
        p50[$s]=$(awk -F, -v s="$s" -v d="$size" -v c="$clients" -v t="$t" '$1 == s && $2 == d && $3 == c && $4 == t { print $6 }' "$OUT/results.csv" | median)
      done
      printf '%-6s %8s %3s %10s %7s %10s %7s %10s %7s %8s %8s\n' "$t" "$size" "$clients" "${rps[copy]}" "${p50[copy]}" "${rps[zerocopy]}" "${p50[zerocopy]}" "${rps[redis]}" "${p50[redis]}" \
        "$(awk -v a="${rps[zerocopy]}" -v b="${rps[copy]}" 'BEGIN { printf "%.2fx", a / b }')" "$(awk -v a="${rps[zerocopy]}" -v b="${rps[redis]}" 'BEGIN { printf "%.2fx", a / b }')"
    done
  done
done
