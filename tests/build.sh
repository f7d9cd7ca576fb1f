#!/usr/bin/env bash
# Configures and builds one or more presets: native (server + tests), web (WebAssembly), asan.
# Usage: tests/build.sh native web [asan] [-- extra cmake --build arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

presets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do presets+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

# Emscripten's JS optimizer (run at -O1 and above) needs Debian's node modules (acorn).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

for preset in "${presets[@]}"; do
  if [ "$preset" = web ]; then
    [ -f build/web/build.ninja ] || emcmake cmake --preset web >/dev/null
  else
    [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  fi
  echo "build: $preset" >&2
  cmake --build --preset "$preset" "$@"
done
