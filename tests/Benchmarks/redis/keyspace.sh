#!/usr/bin/env bash
# Keyspace figures for one server build (docs/demikv.md, "Keyspace growth"): memory per key, the slowest SET of a
# multi-million-key load, and a short SET/GET throughput check. Each part starts its own server on a free loopback
# port and stops it after. Everything runs under `nice -n 19` (a shared machine).
#
#   tests/Benchmarks/redis/keyspace.sh memory  SERVER...   # used_memory per key, 1,000,000 SETs of 16- and 32-byte values
#   tests/Benchmarks/redis/keyspace.sh load    SERVER...   # redis-benchmark -t set -r 3000000 -n 6000000 -c 50 -P 16 -d 32
#   tests/Benchmarks/redis/keyspace.sh rate    SERVER...   # redis-benchmark -t set,get -n 200000 -c 50 -P 16 -q
#   tests/Benchmarks/redis/keyspace.sh members SERVER...   # redis-benchmark -t sadd -r 3000000 -n 3000000 -c 50 -P 16: one set's growth
#   tests/Benchmarks/redis/keyspace.sh fields  SERVER...   # redis-benchmark -t hset -r 3000000 -n 3000000 -c 50 -P 16: one hash's growth
#   tests/Benchmarks/redis/keyspace.sh small   SERVER...   # used_memory per key, 100,000 small hashes (one HSET each, three each) and sets
#   tests/Benchmarks/redis/keyspace.sh list    SERVER...   # used_memory per element, one list of 1,000,000 LPUSHes of 3- and 100-byte values
#
# SERVER is the path of a DemiKV build (its DemiKV.dll) or the word redis (redis-server). KEYS, LOAD_KEYS,
# LOAD_REQUESTS, SMALL_KEYS override the sizes; SERVER_CORE and CLIENT_CORE pin the server and redis-benchmark
# (taskset) when set. Needs redis-server, redis-cli, redis-benchmark, python3 and the .NET runtime.
set -euo pipefail

MODE="$1"; shift
KEYS="${KEYS:-1000000}"
LOAD_KEYS="${LOAD_KEYS:-3000000}"
LOAD_REQUESTS="${LOAD_REQUESTS:-6000000}"
SMALL_KEYS="${SMALL_KEYS:-100000}"
OUT="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$OUT"' EXIT
export DOTNET_TC_DelaySingleProcMultiplier=1

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
start() {
  port=$(free_port)
  if [ "$1" = redis ]; then
    nice -n 19 ${SERVER_CORE:+taskset -c "$SERVER_CORE"} redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pid=$!
  else
    nice -n 19 ${SERVER_CORE:+taskset -c "$SERVER_CORE"} dotnet "$1" --port "$port" >/dev/null 2>&1 & pid=$!
  fi
  wait_for_port "$port"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
info() { redis-cli -p "$port" INFO memory | tr -d '\r' | awk -F: -v k="$1" '$1 == k { print $2 }'; }

# RESP SET commands for KEYS keys "key:NNNNNNNNNNNN" with values of $1 bytes, as redis-cli --pipe sends them.
commands() {
  python3 - "$KEYS" "$1" >"$OUT/set-$1.resp" <<'EOF'
import sys
keys, size = int(sys.argv[1]), int(sys.argv[2])
value = b"v" * size
with open(sys.stdout.fileno(), "wb", closefd=False) as out:
    for i in range(keys):
        key = b"key:%012d" % i
        out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(key), key, size, value))
EOF
}

# RESP commands for SMALL_KEYS small hashes (`HSET hash:NNNNNNNN f1 v1 f2 v2 f3 v3`, or the same three fields one
# HSET each) or sets (`SADD set:NNNNNNNN m1 m2 m3`), as redis-cli --pipe sends them: small_commands hash|hash-by-field|set
small_commands() {
  python3 - "$SMALL_KEYS" "$1" >"$OUT/small-$1.resp" <<'EOF'
import sys
keys, kind = int(sys.argv[1]), sys.argv[2]
def command(*words):
    return b"*%d\r\n" % len(words) + b"".join(b"$%d\r\n%s\r\n" % (len(w), w) for w in words)
with open(sys.stdout.fileno(), "wb", closefd=False) as out:
    for i in range(keys):
        if kind == "hash":
            out.write(command(b"HSET", b"hash:%08d" % i, b"f1", b"v1", b"f2", b"v2", b"f3", b"v3"))
        elif kind == "hash-by-field":
            for n in (b"1", b"2", b"3"):
                out.write(command(b"HSET", b"hash:%08d" % i, b"f" + n, b"v" + n))
        else:
            out.write(command(b"SADD", b"set:%08d" % i, b"m1", b"m2", b"m3"))
EOF
}

# Starts $server, pipes a file of RESP commands into it with redis-cli --pipe, and prints used_memory and RSS per
# key: load_per_key FILE KEYS LABEL
load_per_key() {
  start "$server"
  before=$(info used_memory); rss_before=$(info used_memory_rss)
  nice -n 19 redis-cli -p "$port" --pipe <"$1" >/dev/null
  sleep 1
  after=$(info used_memory); rss_after=$(info used_memory_rss)
  echo "$server $3 keys=$(redis-cli -p "$port" DBSIZE) used_memory/key=$(( (after - before) / $2 )) rss/key=$(( (rss_after - rss_before) / $2 ))"
  stop
}

# One set or hash grown to millions of members by redis-benchmark (TEST sadd or hset), then used_memory per member:
# one_collection TEST COUNT_COMMAND KEY UNIT
one_collection() {
  start "$server"
  before=$(info used_memory)
  echo "$server: redis-benchmark -t $1 -r $LOAD_KEYS -n $LOAD_KEYS -c 50 -P 16"
  nice -n 19 redis-benchmark -p "$port" -t "$1" -r "$LOAD_KEYS" -n "$LOAD_KEYS" -c 50 -P 16 2>/dev/null | tr '\r' '\n' \
    | awk '/Summary/ { on = 1 } on && NF' | grep -v '^ *$'
  sleep 1
  count=$(redis-cli -p "$port" "$2" "$3")
  echo "${4}s: $count used_memory/$4: $(( ($(info used_memory) - before) / count ))"
  stop
}

for server in "$@"; do
  case "$MODE" in
    memory)
      for size in 16 32; do
        [ -f "$OUT/set-$size.resp" ] || commands "$size"
        load_per_key "$OUT/set-$size.resp" "$KEYS" "value=$size"
      done
      ;;
    load)
      start "$server"
      echo "$server: redis-benchmark -t set -r $LOAD_KEYS -n $LOAD_REQUESTS -c 50 -P 16 -d 32"
      # The percentile distribution (its last line is the slowest SET) and the summary.
      nice -n 19 redis-benchmark -p "$port" -t set -r "$LOAD_KEYS" -n "$LOAD_REQUESTS" -c 50 -P 16 -d 32 2>/dev/null | tr '\r' '\n' \
        | awk '/Latency by percentile/ { on = 1 } /Cumulative distribution/ { on = 0 } /Summary/ { on = 1 } on && NF' | grep -v '^ *$'
      echo "keys: $(redis-cli -p "$port" DBSIZE)"
      stop
      ;;
    rate)
      start "$server"
      echo "$server:"
      nice -n 19 redis-benchmark -p "$port" -t set,get -n 200000 -c 50 -P 16 -q 2>/dev/null | tr '\r' '\n' | grep -E 'requests per second'
      stop
      ;;
    small)
      for kind in hash hash-by-field set; do
        [ -f "$OUT/small-$kind.resp" ] || small_commands "$kind"
        load_per_key "$OUT/small-$kind.resp" "$SMALL_KEYS" "small $kind"
      done
      ;;
    list)
      for size in 3 100; do
        start "$server"
        before=$(info used_memory)
        echo "$server: redis-benchmark -t lpush -n $KEYS -c 50 -P 16 -d $size"
        nice -n 19 ${CLIENT_CORE:+taskset -c "$CLIENT_CORE"} redis-benchmark -p "$port" -t lpush -n "$KEYS" -c 50 -P 16 -d "$size" -q \
          2>/dev/null | tr '\r' '\n' | grep -E 'requests per second'
        sleep 1
        count=$(redis-cli -p "$port" LLEN mylist)
        echo "elements: $count used_memory/element: $(python3 -c "print(round(($(info used_memory) - $before) / $count, 2))")"
        stop
      done
      ;;
    members) one_collection sadd SCARD myset member ;;
    fields) one_collection hset HLEN myhash field ;;
    *) echo "mode: memory, load, rate, members, fields, small or list" >&2; exit 2 ;;
  esac
done
