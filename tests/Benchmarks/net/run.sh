#!/usr/bin/env bash
# Network echo benchmark, side by side in one run: DemiGen Catnap, plain .NET async sockets, and a C epoll server
# (blocking and busy-polling), all driven by the same C load generator. Server pinned to core 0, client to core 1.
# Latency: 1 connection ping-pong. Throughput: CONNECTIONS connections, 1 outstanding request each, DURATION seconds.
# Knobs (environment): SIZE=64 ROUNDS=100000 WARMUP=10000 CONNECTIONS=32 DURATION=5 PORT=7400
set -euo pipefail

SIZE=${SIZE:-64}
ROUNDS=${ROUNDS:-100000}
WARMUP=${WARMUP:-10000}
CONNECTIONS=${CONNECTIONS:-32}
SECONDS_PER_RUN=${DURATION:-5}  # not SECONDS: bash counts elapsed time in it
PORT=${PORT:-7400}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=$(mktemp -d -t demigen-net-bench-XXXXXX)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$out"
}
trap cleanup EXIT

echo "building into $out ..." >&2
gcc -O2 -Wall -Wextra -o "$out/epoll_echo" "$here/epoll_echo.c"
gcc -O2 -Wall -Wextra -o "$out/loadgen" "$here/loadgen.c"
dotnet build -c Release -v quiet -nologo "$repo/samples/Echo/Echo.csproj" -o "$out/catnap" >&2
dotnet build -c Release -v quiet -nologo "$here/DotnetEcho/DotnetEcho.csproj" -o "$out/dotnet" >&2

ticks_per_second=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

wait_for_port() {
    for _ in $(seq 200); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.05
    done
    echo "the server on port $1 did not come up" >&2
    return 1
}

# measure NAME COMMAND... -> one tab-separated line: name p50 p99 p999 rps cpu_us_per_request idle_cpu_percent
measure() {
    local name=$1
    shift
    PORT=$((PORT + 1))
    taskset -c 0 "$@" "$PORT" >/dev/null &
    server_pid=$!
    wait_for_port "$PORT"
    local latency throughput before after idle_before idle_after
    latency=$(taskset -c 1 "$out/loadgen" latency 127.0.0.1 "$PORT" "$SIZE" "$ROUNDS" "$WARMUP")
    before=$(cpu_ticks "$server_pid")
    throughput=$(taskset -c 1 "$out/loadgen" throughput 127.0.0.1 "$PORT" "$SIZE" "$CONNECTIONS" "$SECONDS_PER_RUN")
    after=$(cpu_ticks "$server_pid")
    # Idle: no connection for one second (after the spin budget runs out, a blocking server should sleep).
    sleep 0.5
    idle_before=$(cpu_ticks "$server_pid")
    sleep 1
    idle_after=$(cpu_ticks "$server_pid")
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    read -r p50 p99 p999 <<<"$latency"
    read -r requests rps <<<"$throughput"
    awk -v n="$name" -v p50="$p50" -v p99="$p99" -v p999="$p999" -v rps="$rps" -v req="$requests" \
        -v cpu=$((after - before)) -v idle=$((idle_after - idle_before)) -v hz="$ticks_per_second" \
        'BEGIN { printf "%s\t%s\t%s\t%s\t%s\t%.2f\t%.0f\n", n, p50, p99, p999, rps, (cpu / hz) * 1e6 / req, 100 * idle / hz }'
}

results="$out/results.tsv"
measure "C epoll (blocking)" "$out/epoll_echo" >>"$results"
# The busy-polling peer takes "busy" after its port; a small wrapper keeps the PORT-last calling convention.
printf '#!/bin/sh\nexec "%s" "$1" busy\n' "$out/epoll_echo" >"$out/epoll_echo_busy"
chmod +x "$out/epoll_echo_busy"
measure "C epoll (busy-poll)" "$out/epoll_echo_busy" >>"$results"
measure ".NET async Socket" dotnet "$out/dotnet/DotnetEcho.dll" >>"$results"
printf '#!/bin/sh\nexec dotnet "%s" server --port "$1"\n' "$out/catnap/DemiGen.Echo.dll" >"$out/catnap_echo"
chmod +x "$out/catnap_echo"
measure "DemiGen Catnap" "$out/catnap_echo" >>"$results"
# The same server with no spin budget: it blocks in epoll_wait as soon as it is idle (the peer of C's blocking mode).
printf '#!/bin/sh\nexec dotnet "%s" server --spin 0 --port "$1"\n' "$out/catnap/DemiGen.Echo.dll" >"$out/catnap_echo_blocking"
chmod +x "$out/catnap_echo_blocking"
measure "DemiGen Catnap spin 0" "$out/catnap_echo_blocking" >>"$results"

echo
echo "Network echo, ${SIZE}-byte messages, loopback; server on core 0, load generator on core 1."
echo "Latency: 1 connection, ${ROUNDS} round trips after ${WARMUP} warm-up. Throughput: ${CONNECTIONS} connections x 1 outstanding, ${SECONDS_PER_RUN} s."
echo "Ratios: p50 against C epoll (busy-poll), req/s against C epoll (blocking)."
echo
awk -F'\t' '
    NR == FNR { if ($1 == "C epoll (busy-poll)") busy = $2; if ($1 == "C epoll (blocking)") blocking = $5; next }
    FNR == 1 {
        printf "| %-22s | %8s | %8s | %8s | %10s | %11s | %9s | %11s | %11s |\n", "server", "p50 us", "p99 us", "p99.9 us", "req/s", "CPU us/req", "idle CPU%", "p50 x Cbusy", "req/s x Cblk"
        printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------", "----------", "----------", "----------", "------------", "-------------", "-----------", "-------------", "-------------"
    }
    { printf "| %-22s | %8s | %8s | %8s | %10s | %11s | %9s | %11.2f | %11.2f |\n", $1, $2, $3, $4, $5, $6, $7, $2 / busy, $5 / blocking }
' "$results" "$results"
