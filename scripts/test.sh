#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs the system packages the tests drive
# (real peers, not mocks), runs `dotnet test` over the solution and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(socat redis-tools redis-server iproute2 iputils-ping gcc make)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Tests start their own redis-server on free ports; the distribution's service is not needed.
systemctl disable --now redis-server >/dev/null 2>&1 || true

log=$(mktemp)
dotnet test DemiGen.sln -c Release "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  f += $(i+1)
         if ($i == "Passed:")  p += $(i+1)
         if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$rc"
