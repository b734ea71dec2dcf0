#!/bin/sh
# test/prof/run.sh LODE — the JS sampling profiler of `make prof`
# (perf/tools/jsprof.inc.c): a program that spends its time in one
# function must be profiled as doing so, and LODE_PROF unset or
# unwritable must change nothing else.
set -u
LODE=${1:-build/prof/lode}
DIR=$(dirname "$0")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fail() { echo "FAIL prof: $*"; [ -f "$OUT/p.txt" ] && cat "$OUT/p.txt"; exit 1; }

# 1. Profiled: the output file names hotLoop as the hottest line's
#    function and spin/hotLoop as inclusive on most ticks.
r=$(LODE_PROF="$OUT/p.txt" "$LODE" "$DIR/hot.js" 600) || fail "exit status $?"
[ "$r" = spun ] || fail "program output '$r'"
[ -s "$OUT/p.txt" ] || fail "no profile written"
ticks=$(sed -n 's/^# lode JS profile: \([0-9]*\) ticks.*/\1/p' "$OUT/p.txt")
[ -n "$ticks" ] && [ "$ticks" -ge 20 ] || fail "too few ticks: '$ticks'"
first=$(sed -n '/^# self/{n;p;q}' "$OUT/p.txt")
echo "$first" | grep -q ' hotLoop (.*hot.js:[5-7])$' || fail "hottest line is not in hotLoop: $first"
pct() { sed -n "/^# inclusive/,\$p" "$OUT/p.txt" | grep " $1 (" | head -1 | sed 's/^ *\([0-9]*\)\..*/\1/'; }
s=$(pct spin); h=$(pct hotLoop)
[ -n "$s" ] && [ "$s" -ge 90 ] || fail "spin inclusive ${s:-none}% < 90%"
[ -n "$h" ] && [ "$h" -ge 70 ] || fail "hotLoop inclusive ${h:-none}% < 70%"

# 2. Not profiled: same output, no file.
r=$("$LODE" "$DIR/hot.js" 50) || fail "unprofiled exit status $?"
[ "$r" = spun ] || fail "unprofiled output '$r'"

# 3. An unwritable path: a message on stderr, the program's result kept.
r=$(LODE_PROF="$OUT/no/such/dir/p.txt" "$LODE" "$DIR/hot.js" 50 2>"$OUT/err") ||
  fail "exit status $? with an unwritable LODE_PROF"
[ "$r" = spun ] || fail "output '$r' with an unwritable LODE_PROF"
grep -q "LODE_PROF: cannot write" "$OUT/err" || fail "no message for an unwritable LODE_PROF"
echo "PASS prof ($ticks ticks, spin $s%, hotLoop $h%)"
