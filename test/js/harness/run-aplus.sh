#!/bin/sh
# test/js/harness/run-aplus.sh — runs the Promises/A+ compliance suite (872
# tests) against lode's Promise polyfill under node. Installs the suite into
# build/npm on first use. Skips (exit 0) when node or npm is missing.
# Exit status: 0 when every test passes, 1 otherwise.
set -u
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
NPM_DIR="$ROOT/build/npm"
SUITE="$NPM_DIR/node_modules/promises-aplus-tests/lib/cli.js"

if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: node not found; Promises/A+ suite not run"
	exit 0
fi
if [ ! -f "$SUITE" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "SKIP: npm not found and promises-aplus-tests not installed in build/npm"
		exit 0
	fi
	mkdir -p "$NPM_DIR"
	if ! npm install --prefix "$NPM_DIR" --no-audit --no-fund promises-aplus-tests >/dev/null 2>&1; then
		echo "SKIP: npm install promises-aplus-tests failed (no registry?)"
		exit 0
	fi
fi

OUT=$(mktemp "${TMPDIR:-/tmp}/aplus.XXXXXX")
cd "$ROOT" && node "$SUITE" test/js/harness/aplus-adapter.js --reporter dot >"$OUT" 2>&1
RC=$?
# mocha's summary: "N passing", optionally "N failing"
PASSING=$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$OUT" | tail -n 1)
FAILING=$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$OUT" | tail -n 1)
PASSING=${PASSING:-0}
FAILING=${FAILING:-0}
if [ "$RC" -ne 0 ] || [ "$FAILING" -ne 0 ] || [ "$PASSING" -ne 872 ]; then
	cat "$OUT"
	rm -f "$OUT"
	echo "Promises/A+: FAIL ($PASSING passing, $FAILING failing, expected 872 passing)"
	exit 1
fi
rm -f "$OUT"
echo "Promises/A+: PASS ($PASSING passing)"
exit 0
