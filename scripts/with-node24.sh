#!/usr/bin/env bash
# Runs node 24 (the runners' runtime) with the given arguments: the one the installer put in the tools
# directory, or the node on PATH when it is already 24 (as on GitHub with setup-node).
set -euo pipefail
tools_bin=${IAC_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iac-pipeline}/bin
for candidate in "${IAC_NODE24:-}" "$tools_bin/node24" "$(command -v node || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [[ $("$candidate" --version) == v24.* ]]; then
    export PATH="$tools_bin:$PATH"
    exec "$candidate" "$@"
  fi
done
echo "No Node 24 found: run 'bash scripts/install-tools.sh' first." >&2
exit 1
