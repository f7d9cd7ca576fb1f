#!/usr/bin/env bash
# The served OpenAPI document lints clean with @redocly/cli (package.json, pinned) and its
# recommended rules; recommended-strict is that ruleset with every warning an error.
# Usage: openapi_lint.sh OPENAPI_PRINT REPO_ROOT
set -euo pipefail
print=$1
root=$2
redocly="$root/node_modules/.bin/redocly"
# The local install only: npx would fetch a missing package from the network.
if [ ! -x "$redocly" ]; then
  echo "openapi_lint: $redocly missing (tests/setup.sh runs npm ci)" >&2
  exit 1
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$print" >"$dir/openapi.json"
# The named exceptions (redirect-only routes), and nothing else.
cp "$(dirname "$0")/openapi_lint_ignore.yaml" "$dir/.redocly.lint-ignore.yaml"
# No telemetry or update check (tests talk to loopback only). From the temporary folder, so no
# redocly.yaml found on the way changes the rules.
cd "$dir"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 \
  "$redocly" lint --extends=recommended-strict --format=stylish openapi.json
