#!/usr/bin/env bash
# Installs whatever this project needs and the machine lacks: Debian packages, the pinned npm
# packages, and two source packages of Debian's next release: Dear ImGui 1.90.1 and
# cpp-httplib 0.18.7 (with Debian's fixes for CVE-2025-46728, -52887 and -53629; bookworm's
# 0.11.4 reads request lines, header counts and chunked bodies without bound).
# Idempotent: a few seconds when all is present.
# Used by both README commands (./serve.sh and tests/run.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${DATAHUB_CACHE:-$root/.cache}
imgui_version=1.90.1+ds-1
httplib_version=0.18.7-1+deb13u1

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format dpkg-dev xz-utils curl openssl
  clang-14 libfuzzer-14-dev
  emscripten
  libssl-dev zlib1g-dev libbrotli-dev python3 nlohmann-json3-dev liblmdb-dev lmdb-utils libsodium-dev
  libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  fonts-inter python3-fonttools
  libcurl4-openssl-dev tinyproxy faketime
  postgresql libpq-dev
  chromium wrk nginx-light python3-httpbin python3-prometheus-client
)

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # Node may come from elsewhere than Debian (its npm then conflicts with Debian's): only
  # install Debian's when there is none.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_npm_packages() {
  # Each package of package.json (browser tests, OAuth peer, OpenAPI linter) is already there.
  if [ -d "$root/node_modules/playwright-core" ] && [ -d "$root/node_modules/oauth2-mock-server" ] &&
     [ -d "$root/node_modules/@redocly/cli" ] &&
     [ "$root/node_modules/.package-lock.json" -nt "$root/package-lock.json" ]; then
    return 0
  fi
  log "installing npm packages from package-lock.json"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
}

# A deb-src list derived from the machine's own apt sources, kept in a private folder, so the
# system's apt setup never changes and no mirror host is written into the repository.
write_private_source_list() {
  local dir=$1 src=/etc/apt/sources.list.d/debian.sources
  mkdir -p "$dir/lists/partial"
  if [ -f "$src" ]; then
    awk 'BEGIN{RS=""; ORS="\n\n"} /Suites:[^\n]*bookworm( |$|\n)/ || /Suites: *bookworm/ {
           gsub(/Types:[^\n]*/, "Types: deb-src"); gsub(/Suites:[^\n]*/, "Suites: trixie"); print; exit }' \
      "$src" > "$dir/trixie-src.sources"
  else
    grep -E '^deb ' /etc/apt/sources.list | grep -v security | head -n 1 |
      awk '{ $1 = "deb-src"; $3 = "trixie"; print }' > "$dir/trixie-src.list"
  fi
}

# Fetches and unpacks (with Debian's patches applied) one source package of Debian 13 into
# $cache/<dest>, once; $4 is a file of it whose presence says it is there.
fetch_source_package() {
  local package=$1 version=$2 dest=$cache/$3 marker=$4
  [ -f "$dest/$marker" ] && return 0
  log "fetching $package $version sources with apt-get source"
  local work=$cache/apt-src-$package
  rm -rf "$work" && mkdir -p "$work"
  write_private_source_list "$work"
  local list opts
  list=$(ls "$work"/trixie-src.* | head -n 1)
  opts=(-o "Dir::Etc::SourceList=$list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$work/lists" -o Debug::NoLocking=1)
  apt-get "${opts[@]}" update -qq
  (cd "$work" && apt-get "${opts[@]}" source --download-only "$package=$version" >"$work/source.log" 2>&1) ||
    { cat "$work/source.log" >&2; return 1; }
  (cd "$work" && dpkg-source --no-check -x "${package}"_*.dsc unpacked >/dev/null)
  rm -rf "$dest" && mv "$work/unpacked" "$dest"
  rm -rf "$work"
}

install_debian_packages
install_npm_packages
fetch_source_package imgui "$imgui_version" imgui-1.90.1 imgui.cpp
fetch_source_package cpp-httplib "$httplib_version" cpp-httplib-0.18.7 httplib.h
log "ready (sources in ${cache#$root/}: imgui-1.90.1, cpp-httplib-0.18.7)"
