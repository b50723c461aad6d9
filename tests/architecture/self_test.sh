#!/usr/bin/env bash
# Proves that check_includes.sh fails on each kind of forbidden dependency (and passes on a clean tree).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expect() {  # expect 0|1 FILE CONTENT
    local want="$1" file="$2" content="$3"
    rm -rf "$tmp/repo" && mkdir -p "$tmp/repo" && cd "$tmp/repo" && git init -q .
    mkdir -p "$(dirname "$file")" && printf '%s\n' "$content" > "$file"
    "$here/check_includes.sh" "$tmp/repo" >/dev/null 2>&1
    local got=$?
    [ "$got" -eq 0 ] && got=0 || got=1
    if [ "$got" -ne "$want" ]; then echo "self-test: $file with '$content' gave $got, expected $want"; exit 1; fi
}
expect 0 server/rules/src/Day.cpp '#include "rollcall/domain/Time.hpp"'
expect 1 server/rules/src/Day.cpp '#include <sqlite3.h>'
expect 1 common/domain/src/X.cpp '#include <boost/asio.hpp>'
expect 1 server/rules/include/rollcall/rules/X.hpp '#include "rollcall/store/Store.hpp"'
expect 1 server/rules/src/Clock.cpp 'auto t = std::chrono::system_clock::now();'
expect 1 terminal/app/src/Main.cpp '#include <glib.h>'
expect 0 terminal/finger/src/Device.cpp '#include <libfprint-2/fprint.h>'
expect 1 server/api/src/Face.cpp '#include <opencv2/core.hpp>'
expect 0 terminal/face/src/Detector.cpp '#include <opencv2/dnn.hpp>'
echo "self-test: the architecture check catches every forbidden dependency it should"
