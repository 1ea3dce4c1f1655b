#!/usr/bin/env bash
# npm test: every tier, in order — lint, typecheck, build, unit, in-host (a real VS Code extension
# host through the VS Code server, 1.139), in-host-floor (the same suites on VS Code 1.104, the
# oldest engines.vscode allows), e2e (Chromium drives the VS Code UI, 1.139). Every tier runs even when
# an earlier one failed, so one run shows everything; the exit code is non-zero if any tier failed.
# Every tier runs on the test Node (node@24 from the test cache, see scripts/with-test-node.sh),
# not on the machine's own Node. Logs: .test-output/logs/<tier>.log. Needs `npm run setup`
# (scripts/install-test-deps.sh + npm ci) once.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=with-test-node.sh
source scripts/with-test-node.sh || exit 1
echo "test Node: $(command -v node) $(node --version)"
logs=.test-output/logs
mkdir -p "$logs"

tiers=()
results=()
total_passed=0
total_failed=0
failed_tiers=0

# run_tier NAME COMMAND...: runs it, tees the log, records status and test counts.
run_tier() {
  local name=$1
  shift
  local log="$logs/$name.log" start=$SECONDS status passed failed counts
  printf '\n\033[1m=== %s: %s\033[0m\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # Test tiers print "N passed, N failed" (ours) or "N passing" / "N failing" (mocha's spec reporter).
  counts=$(grep -Eo '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$counts" ]; then
    passed=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$counts")
    failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$counts")
  else
    passed=$(grep -Eo '^ *[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
    failed=$(grep -Eo '^ *[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  fi
  local detail=""
  if [ -n "${passed:-}" ]; then
    failed=${failed:-0}
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    detail=" ($passed passed, $failed failed)"
    # A tier that runs a failed test again (e2e) says how many passed only then.
    local retried
    retried=$(grep -Eo '^[a-z-]+: [0-9]+ test\(s\) passed only on a retry' "$log" | tail -1 | grep -Eo '[0-9]+' | head -1 || true)
    if [ -n "$retried" ]; then detail=" ($passed passed, $retried of them on a retry, $failed failed)"; fi
  fi
  if [ "$status" -eq 0 ]; then results+=("PASS  $name$detail  $((SECONDS - start)) s"); else
    results+=("FAIL  $name$detail  $((SECONDS - start)) s  → $log")
    failed_tiers=$((failed_tiers + 1))
  fi
  tiers+=("$name")
}

run_tier lint npm run --silent lint
run_tier typecheck npm run --silent typecheck
run_tier build npm run --silent build
run_tier unit npx mocha
run_tier in-host bash -c 'node scripts/build-tests.mjs && npx tsx test/vscode/runInServer.ts'
# engines.vscode's floor (VS Code 1.104 on Node 22): the same in-host suites, so the oldest VS Code
# the manifest accepts is one the extension is seen to work on.
run_tier in-host-floor npx tsx test/vscode/runInServer.ts --host floor
run_tier e2e npx tsx test/e2e/run.ts

printf '\n\033[1m=== summary\033[0m\n'
printf '  %s\n' "${results[@]}"
echo "$failed_tiers of ${#tiers[@]} tiers failed (tests counted: unit + in-host + in-host-floor + e2e)"
# The closing line, alone, in the plain form CI reads.
echo "tests: $total_passed passed, $total_failed failed"
[ "$failed_tiers" -eq 0 ]
