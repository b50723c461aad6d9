#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts Rollcall.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
echo "demo: nothing to run yet"
