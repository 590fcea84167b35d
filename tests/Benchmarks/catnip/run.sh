#!/usr/bin/env bash
# Catnip (DemiGen's own TCP/IP over AF_PACKET/TPACKET_V3) against the kernel's TCP, over the same veth pair between two
# network namespaces, in one run. The server is the echo sample (samples/Echo) in namespace S: once on Catnap (kernel
# sockets; the veth end has the address), then on Catnip with each packet ring (the veth end has no kernel address).
# The client side is the kernel's TCP in namespace C: the C load generator of tests/Benchmarks/net (latency: one
# connection ping-pong; req/s: CONNECTIONS connections x 1 outstanding) and socat for a bulk echo (MB/s each way).
# Needs root, iproute2, gcc, socat. Knobs: SIZE=64 ROUNDS=20000 WARMUP=2000 CONNECTIONS=8 DURATION=5 BULK_MB=50
set -euo pipefail

SIZE=${SIZE:-64}
ROUNDS=${ROUNDS:-20000}
WARMUP=${WARMUP:-2000}
CONNECTIONS=${CONNECTIONS:-8}
SECONDS_PER_RUN=${DURATION:-5}  # not SECONDS: bash counts elapsed time in it
BULK_MB=${BULK_MB:-50}
PORT=7500

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=$(mktemp -d -t demigen-catnip-bench-XXXXXX)
ns_server="dgb-$$-s"
ns_client="dgb-$$-c"
if_server="bs$$"
if_client="bc$$"
server_address=10.79.0.1
client_address=10.79.0.2
server_pid=

cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    ip netns del "$ns_server" 2>/dev/null || true
    ip netns del "$ns_client" 2>/dev/null || true
    rm -rf "$out"
}
trap cleanup EXIT

for tool in ip gcc socat dotnet; do
    command -v "$tool" >/dev/null || { echo "run.sh needs $tool" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "run.sh needs root (network namespaces, AF_PACKET)" >&2; exit 1; }

echo "building into $out ..." >&2
gcc -O2 -Wall -Wextra -o "$out/loadgen" "$repo/tests/Benchmarks/net/loadgen.c"
dotnet build -c Release -v quiet -nologo "$repo/samples/Echo/Echo.csproj" -o "$out/echo" >&2

ip netns add "$ns_server"
ip netns add "$ns_client"
ip link add "$if_server" netns "$ns_server" type veth peer name "$if_client" netns "$ns_client"
ip -n "$ns_server" link set lo up
ip -n "$ns_client" link set lo up
# The kernel client sends frames of one MTU (no GSO super-frames), the same for both servers.
ip -n "$ns_client" link set "$if_client" gso_max_size 1500 gso_max_segs 1
ip -n "$ns_client" addr add "$client_address/24" dev "$if_client"
ip -n "$ns_server" link set "$if_server" up
ip -n "$ns_client" link set "$if_client" up

in_client() { ip netns exec "$ns_client" "$@"; }

wait_for_port() {
    for _ in $(seq 200); do
        if in_client socat -T 1 /dev/null "TCP:$server_address:$1,connect-timeout=1" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "the server on port $1 did not come up" >&2
    return 1
}

# bulk PORT -> MB/s of an echo of BULK_MB MB (sent and received at once)
bulk() {
    local start end received
    start=$(date +%s.%N)
    received=$(head -c "$((BULK_MB * 1000000))" /dev/zero | in_client socat -t 30 - "TCP:$server_address:$1,nodelay" | wc -c)
    end=$(date +%s.%N)
    if [[ "$received" != "$((BULK_MB * 1000000))" ]]; then echo "bulk echo returned $received bytes" >&2; echo 0; return; fi
    awk -v mb="$BULK_MB" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }'
}

# measure NAME ECHO-ARGS... -> name p50 p99 p999 rps bulk
measure() {
    local name=$1
    shift
    PORT=$((PORT + 1))
    ip netns exec "$ns_server" dotnet "$out/echo/DemiGen.Echo.dll" server --port "$PORT" "$@" >/dev/null &
    server_pid=$!
    wait_for_port "$PORT"
    local latency throughput mbps
    latency=$(in_client "$out/loadgen" latency "$server_address" "$PORT" "$SIZE" "$ROUNDS" "$WARMUP")
    throughput=$(in_client "$out/loadgen" throughput "$server_address" "$PORT" "$SIZE" "$CONNECTIONS" "$SECONDS_PER_RUN")
    mbps=$(bulk "$PORT")
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    read -r p50 p99 p999 <<<"$latency"
    read -r _ rps <<<"$throughput"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$p50" "$p99" "$p999" "$rps" "$mbps"
}

results="$out/results.tsv"
ip -n "$ns_server" addr add "$server_address/24" dev "$if_server"
measure "kernel TCP (Catnap)" --bind "$server_address" >>"$results"
ip -n "$ns_server" addr flush dev "$if_server"
measure "Catnip, TPACKET_V3 ring" --bind "$server_address" --libos catnip --interface "$if_server" --address "$server_address" --ring v3 >>"$results"
measure "Catnip, TPACKET_V2 ring" --bind "$server_address" --libos catnip --interface "$if_server" --address "$server_address" --ring v2 >>"$results"

echo
echo "TCP echo over one veth pair between two namespaces; ${SIZE}-byte messages; client: the kernel's TCP."
echo "Latency: 1 connection, ${ROUNDS} round trips after ${WARMUP}. req/s: ${CONNECTIONS} connections x 1 outstanding, ${SECONDS_PER_RUN} s. Bulk: ${BULK_MB} MB echoed by socat."
echo "Ratios: Catnip / kernel (p50: lower is better; req/s and MB/s: higher is better)."
echo
awk -F'\t' '
    NR == FNR { if (FNR == 1) { k50 = $2; krps = $5; kmb = $6 } next }
    FNR == 1 {
        printf "| %-24s | %8s | %8s | %8s | %9s | %9s | %9s | %9s | %9s |\n", "server", "p50 us", "p99 us", "p99.9 us", "req/s", "bulk MB/s", "p50 x", "req/s x", "MB/s x"
        printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "--------------------------", "----------", "----------", "----------", "-----------", "-----------", "-----------", "-----------", "-----------"
    }
    { printf "| %-24s | %8s | %8s | %8s | %9s | %9s | %9.2f | %9.2f | %9.2f |\n", $1, $2, $3, $4, $5, $6, $2 / k50, $5 / krps, (kmb > 0 ? $6 / kmb : 0) }
' "$results" "$results"
