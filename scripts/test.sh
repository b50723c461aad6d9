#!/usr/bin/env bash
# The test command: installs what is missing (scripts/setup.sh), builds, and runs every suite.
# Suites that need the real biometric samples read them from ROLLCALL_DATA_DIR (default:
# ../shared/data beside the repository, where it exists) and skip with a message elsewhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build="${ROLLCALL_BUILD_DIR:-$root/build}"
if [ -z "${ROLLCALL_DATA_DIR:-}" ] && [ -d "$root/../shared/data" ]; then
  export ROLLCALL_DATA_DIR="$(cd "$root/../shared/data" && pwd)"
fi
ctest --test-dir "$build" --output-on-failure -j "${ROLLCALL_TEST_JOBS:-2}" "$@"
