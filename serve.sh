#!/usr/bin/env bash
# Sets up what is missing, builds the server and the web front end, and serves both on one port
# with the embedded LMDB store. Environment: DATAHUB_LISTEN (127.0.0.1:8080), DATAHUB_DATA
# (./data), DATAHUB_ADMIN_TOKEN (else one is made on first start and its login URL printed).
# Extra arguments go to datahub-server (e.g. --allow-private-networks).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

bash tests/setup.sh
bash tests/build.sh native -- --target datahub-server
bash tests/build.sh web

listen=${DATAHUB_LISTEN:-127.0.0.1:8080}
echo "serve: http://$listen/ (data in ${DATAHUB_DATA:-./data})" >&2
exec build/native/backend/datahub-server --listen "$listen" --data "${DATAHUB_DATA:-./data}" \
  --web build/web/site "$@"
