#!/usr/bin/env bash
# Install the Node tools the quality gates use into .cache/node, pinned, without a lockfile
# (a lockfile would record the registry's address). Usage: audit/node-tools.sh [--lighthouse]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=.cache/node
packages=(axe-core@4.14.1 vnu-jar@26.9.27)
[ "${1:-}" = "--lighthouse" ] && packages+=(lighthouse@12.8.2)
missing=()
for spec in "${packages[@]}"; do
  name=${spec%@*}; version=${spec##*@}
  have=$(node -p "try{require('./$prefix/node_modules/$name/package.json').version}catch(e){''}" 2>/dev/null || true)
  [ "$have" = "$version" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  mkdir -p "$prefix"
  npm install --silent --no-save --no-package-lock --prefix "$prefix" "${missing[@]}"
fi
