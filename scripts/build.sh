#!/usr/bin/env bash
# Configures and builds Rollcall into build/ (override with ROLLCALL_BUILD_DIR).
# Extra arguments go to the CMake configure step, e.g. -DROLLCALL_SANITIZE=ON.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ROLLCALL_BUILD_DIR:-$root/build}"
jobs="${ROLLCALL_JOBS:-$(nproc)}"
# Let ccache share objects between build folders and clones of the same sources.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
cmake --build "$build" -j "$jobs"
# The web UI (plain modules bundled by esbuild into web/dist, served by rollcall-server).
if [ -d "$root/web/node_modules" ]; then
  (cd "$root/web" && npm run --silent build)
fi
