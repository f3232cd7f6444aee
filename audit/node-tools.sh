#!/usr/bin/env bash
# Install the Node tools the quality gates use, pinned, without a lockfile (a lockfile would record
# the registry's address): axe-core and the Nu checker into .cache/node, and with --lighthouse,
# Lighthouse into .cache/lighthouse. Each folder gets its whole set in one npm call, because
# `npm install --no-save` removes packages it was not asked for.
set -euo pipefail
cd "$(dirname "$0")/.."

install() {  # install PREFIX SPEC...
  local prefix=$1; shift
  local spec name version have
  for spec in "$@"; do
    name=${spec%@*}; version=${spec##*@}
    have=$(node -p "try{require('./$prefix/node_modules/$name/package.json').version}catch(e){''}" 2>/dev/null || true)
    if [ "$have" != "$version" ]; then
      mkdir -p "$prefix"
      npm install --silent --no-save --no-package-lock --prefix "$prefix" "$@"
      return
    fi
  done
}

install .cache/node axe-core@4.14.1 vnu-jar@26.9.27
if [ "${1:-}" = "--lighthouse" ]; then
  install .cache/lighthouse lighthouse@12.8.2
fi
