#!/usr/bin/env bash
# Fails when a forbidden dependency appears in the sources (see ARCHITECTURE.md):
#  - common/domain and server/rules include nothing that does I/O or speaks a wire format;
#  - GLib / libfprint only under terminal/finger; OpenCV only under terminal/face.
set -u
root="${1:?usage: check_includes.sh SOURCE_DIR}"
cd "$root" || exit 2
status=0
src_files() { git ls-files -co --exclude-standard -- "$@" 2>/dev/null | grep -E '\.(c|cc|cpp|h|hpp)$'; }

forbid() {  # forbid PATTERN DESCRIPTION ALLOWED_PREFIX... -- PATHS...
    local pattern="$1" what="$2"; shift 2
    local allowed=()
    while [ "$1" != "--" ]; do allowed+=("$1"); shift; done
    shift
    while IFS= read -r f; do
        local ok=0
        for a in "${allowed[@]}"; do [[ "$f" == "$a"* ]] && ok=1; done
        [ $ok -eq 1 ] && continue
        if grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$f" >/tmp/arch.$$ 2>/dev/null; then
            while IFS= read -r line; do echo "architecture: $f:$line: $what"; done </tmp/arch.$$
            status=1
        fi
    done < <(src_files "$@")
    rm -f /tmp/arch.$$
}

io='sqlite3|boost/|asio|nlohmann/|spdlog/|fmt/|sodium|openssl/|glib|gio/|libfprint|opencv2/|date/tz|toml|CLI/|fstream|iostream|filesystem|thread|mutex|sys/|unistd|fcntl|rollcall/(sqlite|crypto|tz|proto|store|http|api|gateway)/'
forbid "$io" "the domain types and the rules are pure: no I/O, no wire formats, no clocks" -- common/domain server/rules
forbid 'glib|gio/|gobject|libfprint|fprint' "GLib and libfprint belong under terminal/finger only" terminal/finger/ tests/finger/ bench/finger/ -- .
forbid 'opencv2/' "OpenCV belongs under terminal/face only" terminal/face/ tests/face/ bench/face/ -- .
# Instant::now() is the one clock read allowed in the domain (for callers); the rules never read clocks.
if git grep --untracked -nE 'Instant::now|system_clock|steady_clock' -- server/rules >/dev/null 2>&1; then
    git grep --untracked -nE 'Instant::now|system_clock|steady_clock' -- server/rules | sed 's/^/architecture: reads a clock: /'
    status=1
fi
[ $status -eq 0 ] && echo "architecture: dependency rule holds"
exit $status
