#!/usr/bin/env bash
# Builds the test bed's own provider (scripts/fixture-provider: one resource, fixture_file, whose real
# object is a file, so a change made outside of the configuration shows as drift) with Go from the Go
# module proxy, into a filesystem mirror that tofu installs providers from:
#   $IAC_TOOLS_DIR/providers/example.com/iac-pipeline/fixture/0.1.0/<os>_<arch>/terraform-provider-fixture_v0.1.0
# A build of the same sources is reused; a second run takes a moment. Prints, last, the mirror directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools_dir=${IAC_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iac-pipeline}
mirror=$tools_dir/providers
source_dir=$here/fixture-provider
version=0.1.0

log() { printf '[build-providers] %s\n' "$*" >&2; }
command -v go >/dev/null 2>&1 || { log "error: Go is needed to build the fixture provider and is not on PATH"; exit 1; }

target="$(go env GOOS)_$(go env GOARCH)"
dir=$mirror/example.com/iac-pipeline/fixture/$version/$target
binary=$dir/terraform-provider-fixture_v$version
# Keyed by the sources, so a change to the provider rebuilds it.
key=$(cat "$source_dir/go.mod" "$source_dir/go.sum" "$source_dir"/*.go | sha256sum | cut -c1-12)
if [ -x "$binary" ] && [ "$(cat "$dir/.source-key" 2>/dev/null)" = "$key" ]; then
  log "fixture provider $version: cached"
else
  log "fixture provider $version: building with $(go version | cut -d' ' -f3)"
  mkdir -p "$dir"
  (cd "$source_dir" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$binary.partial" .)
  mv "$binary.partial" "$binary"
  echo "$key" >"$dir/.source-key"
fi
echo "$mirror"
