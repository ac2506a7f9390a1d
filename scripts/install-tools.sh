#!/usr/bin/env bash
# Installs the real tools the tests run against, on a fresh machine or an old one:
#   OpenTofu   built with Go from the Go module proxy (scripts/tofu-build), cached outside the repository
#   Node 24    the runners' runtime, from the npm package node@24
#   Packer, ansible-core, OpenSSH server and client, xmllint, Chromium   from Debian's packages
#   zip, unzip, python3-venv   from Debian's packages: the setup action's tests zip release archives, the action
#              unzips them (@actions/tool-cache runs unzip) and makes ansible-core's venv (python3 -m venv)
#   the fixture provider   built with Go (scripts/build-providers.sh) into a provider mirror
#   act        nektos/act, built with Go from the Go module proxy (`go install`): runs our workflows in host mode
#              as a second runner (test/support/act.ts)
#   versitygw  the Versity S3 Gateway, built with Go from the Go module proxy (`go install`): the real S3 server
#              the tests keep remote state in (test/support/s3-server.ts)
#   conftest   Open Policy Agent's conftest, built with Go from the Go module proxy (`go install`): the policy
#              check tf-plan runs on the plan JSON, and the archive the setup tests' release mirror serves
# A tool already present at the pinned version is used as it is; a second run takes seconds.
# Prints, last, the directory to put first on PATH: $IAC_TOOLS_DIR/bin (tofu, node24, act, versitygw and
# conftest live there).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
tools_dir=${IAC_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iac-pipeline}
bin_dir=$tools_dir/bin
mkdir -p "$bin_dir"

log() { printf '[install-tools] %s\n' "$*" >&2; }
die() { printf '[install-tools] error: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -----------------------------------------------------------------------------
have_version() { # command, expected version text, command printing the version
  local cmd=$1 want=$2 out
  shift 2
  command -v "$cmd" >/dev/null 2>&1 || return 1
  # Captured first: `| grep -q` would close the pipe early and, under pipefail, fail the check.
  out=$("$@" 2>&1) || return 1
  [[ $out == *"$want"* ]]
}

missing=()
have_version packer "$PACKER_VERSION" packer version || missing+=(packer)
have_version ansible-playbook "core $ANSIBLE_CORE_VERSION" ansible-playbook --version || missing+=(ansible-core)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
have_version ssh "OpenSSH_$OPENSSH_VERSION" ssh -V || missing+=(openssh-client)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
# Headless Chromium opens report.html in the report tests (driven by playwright-core, never its own download).
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v zip >/dev/null 2>&1 || missing+=(zip)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
# Debian's python3 makes a venv with pip only with python3-venv (ensurepip and the bundled pip wheel).
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
# xmllint validates the smoke-test JUnit XML against the Apache Ant JUnit schema in the tests.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get: install them by hand"
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing ${missing[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
have_version packer "$PACKER_VERSION" packer version ||
  log "warning: packer is $(packer version 2>&1 | sed -n 1p), not the pinned $PACKER_VERSION"
have_version ansible-playbook "core $ANSIBLE_CORE_VERSION" ansible-playbook --version ||
  log "warning: ansible-core is $(ansible-playbook --version 2>&1 | sed -n 1p), not the pinned $ANSIBLE_CORE_VERSION"

# --- Node 24 -------------------------------------------------------------------------------------
node24=$bin_dir/node24
if [ -x "$node24" ] && [ "$("$node24" --version)" = "v$NODE24_VERSION" ]; then
  log "node $NODE24_VERSION: cached"
elif command -v node >/dev/null 2>&1 && [ "$(node --version)" = "v$NODE24_VERSION" ]; then
  ln -sf "$(command -v node)" "$node24"
  log "node $NODE24_VERSION: on PATH"
else
  log "node $NODE24_VERSION: installing the npm package node@$NODE24_VERSION"
  node_dir=$tools_dir/node-$NODE24_VERSION
  rm -rf "$node_dir"
  npm install --prefix "$node_dir" --no-save --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION" >&2
  ln -sf "$node_dir/node_modules/node/bin/node" "$node24"
  [ "$("$node24" --version)" = "v$NODE24_VERSION" ] || die "node@$NODE24_VERSION did not install a working node"
fi

# --- OpenTofu ------------------------------------------------------------------------------------
# `go install github.com/opentofu/opentofu/cmd/tofu@vX` refuses because opentofu's go.mod has a replace
# directive; scripts/tofu-build is a wrapper module that requires the release and repeats the replace.
build_mod=$here/tofu-build
grep -Eq "^(require )?[[:space:]]*github.com/opentofu/opentofu v$OPENTOFU_VERSION( |$)" "$build_mod/go.mod" ||
  die "scripts/tofu-build/go.mod does not require opentofu v$OPENTOFU_VERSION (scripts/versions.env): update its require, its replace (copy it from opentofu's go.mod) and go.sum (go mod tidy)"
tofu_version() { "$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p'; }
if command -v tofu >/dev/null 2>&1 && [ "$(command -v tofu)" != "$bin_dir/tofu" ] &&
  [ "$(tofu_version tofu)" = "$OPENTOFU_VERSION" ]; then
  ln -sf "$(command -v tofu)" "$bin_dir/tofu"
  log "tofu $OPENTOFU_VERSION: on PATH"
else
  # Keyed by the wrapper module's content, so a change of version or replace rebuilds.
  key=$(cat "$build_mod/go.mod" "$build_mod/go.sum" | sha256sum | cut -c1-12)
  tofu_bin=$tools_dir/opentofu-$OPENTOFU_VERSION-$key/tofu
  if [ -x "$tofu_bin" ]; then
    log "tofu $OPENTOFU_VERSION: cached"
  else
    command -v go >/dev/null 2>&1 || die "Go is needed to build OpenTofu and is not on PATH"
    log "tofu $OPENTOFU_VERSION: building with $(go version | cut -d' ' -f3) (takes several minutes the first time)"
    mkdir -p "$(dirname "$tofu_bin")"
    (cd "$build_mod" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
      -o "$tofu_bin.partial" github.com/opentofu/opentofu/cmd/tofu)
    mv "$tofu_bin.partial" "$tofu_bin"
  fi
  ln -sf "$tofu_bin" "$bin_dir/tofu"
fi
[ "$(tofu_version "$bin_dir/tofu")" = "$OPENTOFU_VERSION" ] ||
  die "the tofu in $bin_dir is not $OPENTOFU_VERSION: $("$bin_dir/tofu" version 2>&1 | head -3)"

# --- act -----------------------------------------------------------------------------------------
# nektos/act runs the reusable workflows on the host (no Docker) in the act tests. `go install` puts the
# binary straight into the tools directory; an act on PATH or already there at the pinned version is reused.
act_version() { "$1" --version 2>/dev/null | sed -n 's/^act version \(.*\)$/\1/p'; }
if [ -x "$bin_dir/act" ] && [ "$(act_version "$bin_dir/act")" = "$ACT_VERSION" ]; then
  log "act $ACT_VERSION: cached"
elif command -v act >/dev/null 2>&1 && [ "$(command -v act)" != "$bin_dir/act" ] &&
  [ "$(act_version act)" = "$ACT_VERSION" ]; then
  ln -sf "$(command -v act)" "$bin_dir/act"
  log "act $ACT_VERSION: on PATH"
else
  command -v go >/dev/null 2>&1 || die "Go is needed to build act and is not on PATH"
  log "act $ACT_VERSION: building with $(go version | cut -d' ' -f3) (takes a few minutes the first time)"
  rm -f "$bin_dir/act" # a link to another act, or another version: go install replaces it with the build
  GOBIN=$bin_dir CGO_ENABLED=0 go install "github.com/nektos/act@v$ACT_VERSION"
fi
[ "$(act_version "$bin_dir/act")" = "$ACT_VERSION" ] ||
  die "the act in $bin_dir is not $ACT_VERSION: $("$bin_dir/act" --version 2>&1 | head -3)"

# --- versitygw -----------------------------------------------------------------------------------
# Built with `go install`, its binary prints "Version git"; the module version Go recorded in the binary
# (`go version -m`) is what tells a cached build of the pinned release from another.
versitygw_version() { go version -m "$1" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/versity/versitygw" { print $3 }'; }
if [ -x "$bin_dir/versitygw" ] && [ "$(versitygw_version "$bin_dir/versitygw")" = "v$VERSITYGW_VERSION" ]; then
  log "versitygw $VERSITYGW_VERSION: cached"
else
  command -v go >/dev/null 2>&1 || die "Go is needed to build versitygw and is not on PATH"
  log "versitygw $VERSITYGW_VERSION: building with $(go version | cut -d' ' -f3) (takes a few minutes the first time)"
  rm -f "$bin_dir/versitygw"
  GOBIN=$bin_dir CGO_ENABLED=0 go install "github.com/versity/versitygw/cmd/versitygw@v$VERSITYGW_VERSION"
fi
[ "$(versitygw_version "$bin_dir/versitygw")" = "v$VERSITYGW_VERSION" ] ||
  die "the versitygw in $bin_dir is not $VERSITYGW_VERSION"

# --- conftest ------------------------------------------------------------------------------------
# Built with the release's own ldflags (its .goreleaser.yml sets internal/version.Version), so that
# `conftest --version` says the pinned version as a release binary does, not "dev": the policy result
# records that version, and the setup tests check the binary they install by it. A cached build must have
# both the pinned module version (what Go recorded in the binary) and that version string.
# conftest's go.mod says `go 1.26.8` and `toolchain go1.27.1`: `go install m@v` switches toolchains only for
# the go line (the toolchain line is a hint for the module's own development), so Go 1.26.8 builds it as is.
conftest_module=github.com/open-policy-agent/conftest
conftest_is_pinned() {
  local module reported
  module=$(go version -m "$1" 2>/dev/null | awk -v m="$conftest_module" '$1 == "mod" && $2 == m { print $3 }')
  reported=$("$1" --version 2>/dev/null | sed -n 's/^Conftest: \(.*\)$/\1/p')
  [ "$module" = "v$CONFTEST_VERSION" ] && [ "$reported" = "$CONFTEST_VERSION" ]
}
if [ -x "$bin_dir/conftest" ] && conftest_is_pinned "$bin_dir/conftest"; then
  log "conftest $CONFTEST_VERSION: cached"
else
  command -v go >/dev/null 2>&1 || die "Go is needed to build conftest and is not on PATH"
  log "conftest $CONFTEST_VERSION: building with $(go version | cut -d' ' -f3) (takes several minutes the first time)"
  rm -f "$bin_dir/conftest"
  GOBIN=$bin_dir CGO_ENABLED=0 go install \
    -ldflags "-s -w -X $conftest_module/internal/version.Version=$CONFTEST_VERSION" "$conftest_module@v$CONFTEST_VERSION"
fi
conftest_is_pinned "$bin_dir/conftest" ||
  die "the conftest in $bin_dir is not $CONFTEST_VERSION: $("$bin_dir/conftest" --version 2>&1 | head -3)"

# --- The test bed's fixture provider -------------------------------------------------------------
# Built with Go into the filesystem mirror the plan-shape tests install providers from (drift needs it).
bash "$here/build-providers.sh" >/dev/null

log "ready: tofu $OPENTOFU_VERSION, node $NODE24_VERSION, act $ACT_VERSION, versitygw $VERSITYGW_VERSION, conftest $CONFTEST_VERSION, packer $(packer version | sed -n 1p), $(ansible-playbook --version | sed -n 1p), $(ssh -V 2>&1)"
echo "$bin_dir"
