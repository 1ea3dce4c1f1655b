#!/usr/bin/env bash
# Installs what the in-host and e2e test tiers need and that `npm ci` does not provide (`npm run
# setup` runs it before `npm ci`, so native modules find their headers):
#   1. Debian packages: Chromium (the browser window), ripgrep, and the headers code-server's
#      native modules build against.
#   2. A VS Code server (the one inside the npm package code-server) in a cache folder OUTSIDE
#      the project's node_modules (it is ~300 MB and must survive `npm ci`).
# Idempotent: when everything is already there it only checks and exits in a second or two.
# Environment: SWITCHBOARD_TEST_CACHE (default ~/.cache/switchboard-test).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # the last release whose VS Code (1.100.3) runs on Node 20
RIPGREP_PKG_VERSION=1.15.11 # @vscode/ripgrep inside code-server 4.100.3
RIPGREP_RELEASE=v13.0.0-10
CACHE="${SWITCHBOARD_TEST_CACHE:-$HOME/.cache/switchboard-test}"
PREFIX="$CACHE/code-server"
SERVER="$PREFIX/node_modules/code-server/lib/vscode"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"
APT_PACKAGES=(build-essential pkg-config libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev ripgrep chromium)

log() { printf '[install-test-deps] %s\n' "$*"; }
die() { printf '[install-test-deps] ERROR: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)

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

# --- 2. VS Code server --------------------------------------------------------------------
if [ -f "$MARKER" ] && [ -f "$SERVER/out/server-main.js" ] && [ -d "$SERVER/node_modules" ]; then
  log "VS Code server (code-server $CODE_SERVER_VERSION) present in $PREFIX"
else
  # @vscode/ripgrep's postinstall downloads from GitHub (unreachable on some machines) unless
  # a tarball is already in its cache folder; seed that folder with Debian's rg.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) rg_target=aarch64-unknown-linux-gnu ;;
    *) rg_target="" ;;
  esac
  tmp="$(node -p 'require("os").tmpdir()')"
  rg_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  rg_tar="$rg_cache/ripgrep-$RIPGREP_RELEASE-$rg_target.tar.gz"
  if [ -n "$rg_target" ] && [ ! -f "$rg_tar" ]; then
    log "seeding the @vscode/ripgrep download cache with $(command -v rg)"
    mkdir -p "$rg_cache"
    tar czf "$rg_tar" -C "$(dirname "$(command -v rg)")" rg
  fi

  log "installing code-server@$CODE_SERVER_VERSION into $PREFIX (1-3 minutes)"
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  echo '{"name":"switchboard-test-code-server","private":true}' >"$PREFIX/package.json"
  # As root, code-server's postinstall refuses without unsafe-perm; node-pty's postinstall
  # runs `npx node-gyp` and needs npm_config_yes.
  if ! npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
    npm install --no-save --prefix "$PREFIX" "code-server@$CODE_SERVER_VERSION" 2>&1 | sed 's/^/  npm: /'; then
    die "npm install code-server@$CODE_SERVER_VERSION failed (see the npm output above)"
  fi

  # code-server's postinstall installs VS Code's own dependencies into lib/vscode/node_modules.
  # npm 11 warns that these install scripts are "not yet covered by allowScripts"; if a later
  # npm blocks them, the folder stays empty and the server cannot start.
  [ -f "$SERVER/out/server-main.js" ] || die "code-server installed without lib/vscode/out/server-main.js"
  if [ ! -d "$SERVER/node_modules" ] || [ -z "$(ls -A "$SERVER/node_modules" 2>/dev/null)" ]; then
    die "code-server's postinstall did not run ($SERVER/node_modules is empty). Your npm probably
  blocks dependency install scripts: allow them for code-server, argon2 and node-pty
  (npm's allowScripts setting) or run 'npm rebuild --prefix $PREFIX code-server' and retry."
  fi
  for mod in node-pty @vscode/spdlog; do
    [ -d "$SERVER/node_modules/$mod" ] || die "VS Code dependency $mod missing in $SERVER/node_modules"
  done
  touch "$MARKER"
  log "VS Code server installed: $(node -p "require('$SERVER/package.json').version") in $SERVER"
fi

log "done in $(($(date +%s) - started))s"
