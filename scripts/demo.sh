#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the Rollcall demo
# (scripts/demo/run.sh; docs/demo.md). ROLLCALL_DEMO_NO_BUILD=1 skips setup and build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ "${ROLLCALL_DEMO_NO_BUILD:-0}" != 1 ]]; then
    "$root/scripts/setup.sh"
    "$root/scripts/build.sh"
fi
exec "$root/scripts/demo/run.sh"
