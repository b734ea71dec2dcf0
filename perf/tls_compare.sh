#!/bin/sh
# tls_compare.sh — HTTPS keep-alive requests/s and TLS handshakes/s, lode
# against node, in one run (perf/js/https_bench.js on both; interleaved
# lode, node, lode, node...). Prints a table with the lode/node ratio.
# Benchmarks never decide whether CI passes.
#
#   perf/tls_compare.sh [path/to/lode] [runs]
set -e
cd "$(dirname "$0")/.."
LODE=${1:-build/lode}
RUNS=${2:-3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
i=0
while [ $i -lt "$RUNS" ]; do
  "$LODE" perf/js/https_bench.js >> "$T/lode"
  node perf/js/https_bench.js >> "$T/node"
  i=$((i + 1))
done
printf '%-24s %12s %12s %8s\n' benchmark lode node ratio
for name in https_hello_keepalive tls_handshakes; do
  # the median of the runs
  l=$(grep "^$name " "$T/lode" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  n=$(grep "^$name " "$T/node" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  unit=$(grep "^$name " "$T/lode" | head -1 | awk '{print $3}')
  ratio=$(awk -v l="$l" -v n="$n" 'BEGIN { if (n > 0) printf "%.2f", l / n; else print "-" }')
  printf '%-24s %12s %12s %8s  %s\n' "$name" "$l" "$n" "$ratio" "$unit"
done
