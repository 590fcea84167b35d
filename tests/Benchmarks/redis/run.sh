#!/usr/bin/env bash
# Runs redis-benchmark against DemiKV, redis-server and Garnet on this machine and prints requests per second and
# p50 latency for each, plus DemiKV's ratios. All servers run at once, pinned to SERVER_CORE (the client to
# CLIENT_CORE), and every test row runs against each server in turn, ROUNDS times with the servers' order rotated:
# a slow stretch of the machine (a VM's host is shared) hits every server alike instead of whichever ran then.
# Each figure is the median of its rounds; DemiKV's ratios are the medians of its per-round ratios. A second table
# gives the share of a core each server used (all its threads, from /proc/PID/task/*/schedstat) and the share
# redis-benchmark used while driving it: a client near 100% means the row measures the client, and the servers'
# requests per second then converge whatever each server costs.
#
#   tests/Benchmarks/redis/run.sh                            # full run (REQUESTS=200000, ROUNDS=1)
#   REQUESTS=100000 ROUNDS=3 tests/Benchmarks/redis/run.sh   # medians of three
#   REQUESTS=20000 tests/Benchmarks/redis/run.sh             # a short run
#
# Needs: redis-server and redis-benchmark (apt: redis-server, redis-tools), taskset (util-linux), the .NET SDK.
# Garnet (the garnet-server .NET tool) is installed into GARNET_DIR on first use.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
REQUESTS="${REQUESTS:-200000}"
LATENCY_REQUESTS="${LATENCY_REQUESTS:-$((REQUESTS / 4))}"
ROUNDS="${ROUNDS:-1}"
SERVER_CORE="${SERVER_CORE:-0}"
CLIENT_CORE="${CLIENT_CORE:-1}"
TESTS="${TESTS:-ping,set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,lrange,mset}"
GARNET_DIR="${GARNET_DIR:-$HOME/.cache/demigen/garnet}"
SERVERS="${SERVERS:-demikv redis garnet}"
OUT="$(mktemp -d)"
trap 'stop_servers; rm -rf "$OUT"' EXIT

server_pids=()
declare -A pid_of

# Pinned to one core, a .NET process looks like a single-processor machine to its runtime, which then waits ten
# times longer (1 s instead of 100 ms, restarted at every newly compiled method) before it optimizes hot methods:
# a 20,000-request row would run almost entirely on unoptimized code. Both .NET servers (DemiKV, Garnet) get the
# runtime's ordinary multi-core delay back; redis-server is unaffected.
export DOTNET_TC_DelaySingleProcMultiplier=1

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

stop_servers() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  server_pids=()
declare -A pid_of
}

start_server() { # name port
  case "$1" in
    demikv) taskset -c "$SERVER_CORE" "$REPO/samples/DemiKV/bin/Release/net10.0/DemiKV" --port "$2" </dev/null >"$OUT/$1.log" 2>&1 & ;;
    redis) taskset -c "$SERVER_CORE" redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no </dev/null >"$OUT/$1.log" 2>&1 & ;;
    garnet) taskset -c "$SERVER_CORE" "$GARNET_DIR/garnet-server" --port "$2" --bind 127.0.0.1 </dev/null >"$OUT/$1.log" 2>&1 & ;;
  esac
  server_pids+=($!)
  pid_of[$1]=$!
  wait_for_port "$2"
}

bench() { # name port label args...
  local name="$1" port="$2" label="$3"
  shift 3
  redis-cli -h 127.0.0.1 -p "$port" FLUSHALL >/dev/null
  local before after client
  before="$(cpu_ns "${pid_of[$name]}")"
  local TIMEFORMAT='%R %U %S'
  if ! { time taskset -c "$CLIENT_CORE" redis-benchmark -h 127.0.0.1 -p "$port" --csv "$@" >"$OUT/bench.csv" 2>"$OUT/bench.err"; } 2>"$OUT/time"; then
    echo "redis-benchmark failed against $name ($label):" >&2
    cat "$OUT/bench.err" >&2
  fi
  after="$(cpu_ns "${pid_of[$name]}")"
  # Shares of a core over the whole redis-benchmark run, which may hold several tests (lrange runs LPUSH and four
  # LRANGEs): those rows show the run's average.
  client="$(awk '{ printf "%.0f", 100 * ($2 + $3) / $1 }' "$OUT/time")"
  local busy
  busy="$(awk -v cpu="$((after - before))" '{ printf "%.0f", 100 * cpu / ($1 * 1e9) }' "$OUT/time")"
  tail -n +2 "$OUT/bench.csv" | tr -d '"' | awk -F, -v s="$name" -v l="$label" -v busy="$busy" -v client="$client" \
    '{ print s "," l "," $1 "," $2 "," $5 "," busy "," client "," $7 }' >>"$OUT/results.csv"
}

# CPU time of every thread of a process so far, in ns.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }'; }

echo "building DemiKV (Release)..." >&2
dotnet build -c Release -v q -nologo "$REPO/samples/DemiKV/DemiKV.csproj" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
if [[ " $SERVERS " == *" garnet "* && ! -x "$GARNET_DIR/garnet-server" ]]; then
  echo "installing garnet-server into $GARNET_DIR..." >&2
  dotnet tool install garnet-server --tool-path "$GARNET_DIR" >&2
fi

servers=($SERVERS)
declare -A ports
for name in "${servers[@]}"; do
  ports[$name]="$(free_port)"
  echo "starting $name on port ${ports[$name]}..." >&2
  start_server "$name" "${ports[$name]}"
done

# Every row against every server in turn; round r starts with server r (mod the number of servers).
each_server() { # round label args...
  local round="$1" label="$2"
  shift 2
  for ((k = 0; k < ${#servers[@]}; k++)); do
    local name="${servers[$(((round + k) % ${#servers[@]}))]}"
    bench "$name" "${ports[$name]}" "$label" "$@"
  done
}

for ((round = 0; round < ROUNDS; round++)); do
  echo "round $((round + 1)) of $ROUNDS..." >&2
  for test in ${TESTS//,/ }; do each_server "$round" "c50-P1" -t "$test" -n "$REQUESTS" -c 50 -P 1; done
  for test in ${TESTS//,/ }; do each_server "$round" "c50-P16" -t "$test" -n "$((REQUESTS * 4))" -c 50 -P 16; done
  for test in ping set get; do each_server "$round" "c1-latency" -t "$test" -n "$LATENCY_REQUESTS" -c 1 -P 1; done
done

python3 - "$OUT/results.csv" $SERVERS <<'PY'
import csv, re, statistics, sys
path, servers = sys.argv[1], sys.argv[2:]
runs = {}
for server, label, test, *figures in csv.reader(open(path)):
    runs.setdefault((label, test), {}).setdefault(server, []).append([float(f) for f in figures])
# Per row and server: the median of each figure (rps, p50, server busy %, client busy %, p99) over the rounds.
rows = {key: {s: [statistics.median(f) for f in zip(*v)] for s, v in by.items()} for key, by in runs.items()}


def paired_ratio(by, other):
    """Median over the rounds of DemiKV's rps over the other server's in the same round. A round runs the servers
    back to back, so a slow stretch of the machine that spans it divides out; a ratio of two medians taken from
    different rounds would keep it."""
    ratios = [d[0] / o[0] for d, o in zip(by["demikv"], by[other]) if o[0]]
    return statistics.median(ratios) if ratios else None


others = [s for s in servers if s != "demikv"]
head = f"{'run':<11} {'test':<22}" + "".join(f" {s + ' rps':>14} {'p50 ms':>7}" for s in servers)
if "demikv" in servers:
    head += "".join(f" {'vs ' + s:>10}" for s in others)
print(head)
for (label, test), by in rows.items():
    line = f"{label:<11} {test[:22]:<22}"
    for s in servers:
        rps, p50, _, _, _ = by.get(s, [0.0] * 5)
        line += f" {rps:>14,.0f} {p50:>7.3f}"
    if "demikv" in servers and "demikv" in runs[(label, test)]:
        for s in others:
            ratio = paired_ratio(runs[(label, test)], s) if s in runs[(label, test)] else None
            line += f" {ratio:>9.2f}x" if ratio else f" {'-':>10}"
    print(line)

def per_server_table(title, heads, cells):
    """A table with one group of columns per server: `heads` names them, `cells` formats a server's medians."""
    print()
    print(title)
    print(f"{'run':<11} {'test':<22}" + "".join(f" {s + ' ' + heads[0]:>14} {heads[1]:>7}" for s in servers))
    for (label, test), by in rows.items():
        print(f"{label:<11} {test[:22]:<22}" + "".join(cells(by.get(s, [0.0] * 5)) for s in servers))


per_server_table("share of a core used (%): by each server, and by redis-benchmark while it drove that server",
                 ["server", "client"], lambda f: f" {f[2]:>14.0f} {f[3]:>7.0f}")
per_server_table("latency (ms): p50 and p99 of each server; a server that serves some connections late shows a low "
                 "p50 beside a high p99",
                 ["p50", "p99"], lambda f: f" {f[1]:>14.3f} {f[4]:>7.3f}")


def fair_p50_ms(label, rps):
    """The p50 a server that serves every connection in each of the client's loops shows at this rate. redis-benchmark
    is one event loop: it writes a connection's request (or batch) in one pass and reads the reply in a later one, and
    a request's latency runs from the write to that read. When the client is the bottleneck, every connection waits
    one pass, and a pass handles one event of each of C connections, so the latency is C / (2 x batches per second).
    Only rows with several connections: with one, the client waits for the server instead."""
    conns, pipeline = (int(x) for x in re.match(r"c(\d+)(?:-P(\d+))?", label).groups(default="1"))
    return 1000 * conns * pipeline / (2 * rps) if conns > 1 and rps else None


print()
print("p50 (ms) measured, and the p50 a server that serves every connection in each client loop shows at its own rate")
print(f"{'run':<11} {'test':<22}" + "".join(f" {s + ' p50':>14} {'fair':>7}" for s in servers))
for (label, test), by in rows.items():
    if fair_p50_ms(label, 1) is None:
        continue
    line = f"{label:<11} {test[:22]:<22}"
    for s in servers:
        rps, p50 = by.get(s, [0.0] * 5)[:2]
        fair = fair_p50_ms(label, rps)
        line += f" {p50:>14.3f} {fair:>7.3f}" if fair else f" {p50:>14.3f} {'-':>7}"
    print(line)
PY
