#!/bin/sh
# test/js/polyfills/run.sh — runs the polyfill tests: every
# test/js/polyfills/*.js under node, which loads stdlib/internal/polyfills.js
# and compares it with node's natives. (The same polyfills running inside
# lode are checked by test/js/test-promise-order.js and
# test-collections.js, which the runner compares with node.)
# Prints PASS/FAIL (or SKIP) per file and a final "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
DIR="$ROOT/test/js/polyfills"
BUILD="$ROOT/build/polyfills"
NPM_DIR="$ROOT/build/npm"
passed=0
failed=0

if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: node not found"
	echo "0 passed, 0 failed"
	exit 0
fi

mkdir -p "$BUILD"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/polyfills.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# acorn for es5-check.js (skipped there when it cannot be installed)
if [ ! -d "$NPM_DIR/node_modules/acorn" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$NPM_DIR"
	npm install --prefix "$NPM_DIR" --no-audit --no-fund acorn >/dev/null 2>&1 || true
fi

for f in "$DIR"/*.js; do
	name=$(basename "$f")
	if (cd "$ROOT" && node "$f") >"$TMP/out" 2>&1; then
		if grep -q '^SKIP' "$TMP/out"; then
			echo "SKIP $name: $(grep '^SKIP' "$TMP/out" | head -n 1)"
		else
			echo "PASS $name"
			passed=$((passed + 1))
		fi
	else
		echo "FAIL $name"
		sed 's/^/    /' "$TMP/out" | head -n 60
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
