#!/usr/bin/env bash
# The test Node — the npm package node@<major> that scripts/install-test-deps.sh puts into the
# test cache (major: testNode in test/vscode/host/hostVersions.json) — first on PATH, so node, npx, npm's
# scripts, mocha, tsx and the VS Code server all run on it, whatever the machine's own Node is.
#   bash scripts/with-test-node.sh COMMAND...   runs COMMAND with it
#   source scripts/with-test-node.sh            sets PATH in the calling script (test-all.sh)
# Fails with the fix when `npm run setup` has not installed it.
_sb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_sb_major=$(sed -nE 's/.*"testNode": *"([0-9]+)".*/\1/p' "$_sb_root/test/vscode/host/hostVersions.json")
_sb_bin="${SWITCHBOARD_TEST_CACHE:-$HOME/.cache/switchboard-test}/node$_sb_major/node_modules/node/bin"
if [ ! -x "$_sb_bin/node" ]; then
  echo "Node $_sb_major for the tests is not installed ($_sb_bin/node is missing). Run: npm run setup (or bash scripts/install-test-deps.sh)" >&2
  if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 1; else exit 1; fi
fi
export PATH="$_sb_bin:$PATH"
unset _sb_root _sb_major _sb_bin
if [ "${BASH_SOURCE[0]}" = "$0" ]; then exec "$@"; fi
