#!/bin/sh
# Differential test of lode's pure-JS stdlib under node: each test/js/test-*.js
# runs once with node's own core modules and once with stdlib/ preloaded in
# their place (harness/use-stdlib.js); the outputs (stdout+stderr, exit code)
# must be identical. Also checks that stdlib/ and test/js/ parse as ES5.
# Usage: test/js/run-under-node.sh [test-file...]
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
OUT="$ROOT/build/test-js"
mkdir -p "$OUT"
if [ ! -d "$ROOT/build/npm/node_modules/acorn" ]; then
  (mkdir -p "$ROOT/build/npm" && cd "$ROOT/build/npm" &&
   npm install --silent --no-audit --no-fund acorn@8 >/dev/null 2>&1)
fi
pass=0; fail=0
if node test/js/harness/check-es5.js > "$OUT/es5.txt" 2>&1; then
  echo "PASS es5-check"; pass=$((pass+1))
else
  echo "FAIL es5-check"; cat "$OUT/es5.txt"; fail=$((fail+1))
fi
# Only the tests of the pure-JS modules this differential run is about
# (other test/js files are for the lode binary and may use pids, ports...).
if [ $# -gt 0 ]; then files="$*"; else
  files=$(ls test/js/test-*.js | grep -E '/test-(util|assert|events|path|querystring|url|string-decoder|errors)[-.]' | sort)
fi
# Fixed cwd so path.resolve/process.cwd() output is the same in both runs.
cd test/js || exit 1
for f in $files; do
  b=$(basename "$f" .js)
  node "$b.js" > "$OUT/$b.node" 2>&1; echo "exit $?" >> "$OUT/$b.node"
  node -r ./harness/use-stdlib.js "$b.js" > "$OUT/$b.lode" 2>&1; echo "exit $?" >> "$OUT/$b.lode"
  if cmp -s "$OUT/$b.node" "$OUT/$b.lode"; then
    echo "PASS $b"; pass=$((pass+1))
  else
    echo "FAIL $b"; diff "$OUT/$b.node" "$OUT/$b.lode" | head -${DIFFLINES:-20}; fail=$((fail+1))
  fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
