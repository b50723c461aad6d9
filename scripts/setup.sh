#!/usr/bin/env bash
# Installs every Debian package Rollcall needs, the web UI's npm packages, and the model files.
# Idempotent; run as root (or with sudo available) on Debian 12.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config ccache git ca-certificates curl xz-utils
  clang libclang-rt-14-dev clang-16 libclang-rt-16-dev
  libboost1.74-dev libboost-system1.74-dev
  libssl-dev openssl
  libsqlite3-dev sqlite3
  libsodium-dev
  libspdlog-dev libfmt-dev
  nlohmann-json3-dev
  libcli11-dev
  libtomlplusplus-dev
  libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libopencv-dev
  libfprint-2-dev libglib2.0-dev libpng-dev libtiff-dev libjpeg-dev
  chromium chromium-driver
  fonts-noto-cjk
  procps psmisc iproute2 jq python3 sqlite3
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine image may carry its own Node.js build (with npm inside); Debian's npm conflicts
# with it, so Debian's packages are used only where no npm is installed.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

if [ -f "$root/web/package-lock.json" ]; then
  if [ ! -d "$root/web/node_modules" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
    echo "setup: installing web UI packages (npm ci)"
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

"$root/models/fetch.sh"
