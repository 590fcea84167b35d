# Sourced by the Redis benchmark scripts: a free loopback port, and waiting until a server on one answers PING.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() {
  for _ in $(seq 1 600); do
    if redis-cli -h 127.0.0.1 -p "$1" PING 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer PING" >&2
  return 1
}
