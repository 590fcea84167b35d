#!/usr/bin/env bash
# Compares two DemiKV builds and redis-server on a busy machine: all three run at once (pinned to SERVER_CORE), and
# each test runs ROUNDS times against each in turn (redis-benchmark pinned to CLIENT_CORE), so load from other
# processes hits all three alike. Prints the median requests per second and median p50 of each, and the ratios.
#
#   BEFORE=/path/to/old/DemiKV AFTER=samples/DemiKV/bin/Release/net10.0/DemiKV tests/Benchmarks/redis/interleaved.sh
#   P=16 N=80000 ROUNDS=5 TESTS=set,mset ... tests/Benchmarks/redis/interleaved.sh
set -uo pipefail

BEFORE="${BEFORE:?set BEFORE to the DemiKV binary to compare against}"
AFTER="${AFTER:-samples/DemiKV/bin/Release/net10.0/DemiKV}"
N="${N:-20000}"; ROUNDS="${ROUNDS:-3}"; P="${P:-1}"; C="${C:-50}"
TESTS="${TESTS:-ping_mbulk,set,get,lpush,rpush,sadd,lrange_100,lrange_300,mset}"
SERVER_CORE="${SERVER_CORE:-0}"; CLIENT_CORE="${CLIENT_CORE:-1}"
OUT="$(mktemp -d)"
# As in run.sh: pinned .NET servers keep the runtime's ordinary tier-up delay.
export DOTNET_TC_DelaySingleProcMultiplier=1

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
ports=("$(free_port)" "$(free_port)" "$(free_port)")
taskset -c "$SERVER_CORE" "$BEFORE" --port "${ports[0]}" >/dev/null 2>&1 & pids=($!)
taskset -c "$SERVER_CORE" "$AFTER" --port "${ports[1]}" >/dev/null 2>&1 & pids+=($!)
taskset -c "$SERVER_CORE" redis-server --port "${ports[2]}" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$OUT"' EXIT
for port in "${ports[@]}"; do
  for _ in $(seq 1 300); do redis-cli -p "$port" PING 2>/dev/null | grep -q PONG && break; sleep 0.1; done
done

printf "%-34s %10s %6s %10s %6s %10s %6s %8s %8s\n" test before p50 after p50 redis p50 bef/rs aft/rs
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for test in ${TESTS//,/ }; do
  rm -f "$OUT"/*.csv
  for _ in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2; do
      redis-cli -p "${ports[$i]}" FLUSHALL >/dev/null
      taskset -c "$CLIENT_CORE" redis-benchmark -p "${ports[$i]}" -t "$test" -n "$N" -c "$C" -P "$P" --csv 2>/dev/null |
        tail -n +2 | tr -d '"' | awk -F, '{ gsub(/ /, "_", $1); print $1 "," $2 "," $5 }' >>"$OUT/$i.csv"
    done
  done
  for name in $(cut -d, -f1 "$OUT/2.csv" | sort -u); do
    line=$(printf "%-34s" "${name:0:34}")
    rps=()
    for i in 0 1 2; do
      r=$(awk -F, -v n="$name" '$1 == n { print $2 }' "$OUT/$i.csv" | median)
      p=$(awk -F, -v n="$name" '$1 == n { print $3 }' "$OUT/$i.csv" | median)
      rps+=("$r")
      line+=$(printf " %10.0f %6s" "$r" "$p")
    done
    echo "$line$(awk -v a="${rps[0]}" -v b="${rps[1]}" -v c="${rps[2]}" 'BEGIN { printf " %7.2fx %7.2fx", a / c, b / c }')"
  done
done
