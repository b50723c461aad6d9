#!/usr/bin/env bash
# A person's time at rollcall-terminal from face in view to "OK", with the image-folder source.
# The daemon itself prints, on every OK line, the milliseconds from the frame reaching it to the
# journal commit that precedes the "OK" (docs/terminal.md); this script only reads them.
# It starts a real rollcall-server, enrols every sample identity of $ROLLCALL_DATA_DIR/faces/people
# (all photos but the last) on a provisioned terminal, shows each identity's last photo once,
# and prints the median, p90 and max of those times, the terminal's CPU time and the load.
# Usage: bench/terminal/face_to_ok.sh [BUILD_DIR]     (default: build/)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-${ROLLCALL_BUILD_DIR:-$root/build}}" && pwd)"
data="${ROLLCALL_DATA_DIR:-$root/../shared/data}"
[[ -d "$data/faces/people" ]] || { echo "face_to_ok: no sample faces at $data/faces/people (set ROLLCALL_DATA_DIR)" >&2; exit 77; }
[[ -f "$root/models/cache/fr_feature.onnx" ]] || { echo "face_to_ok: run models/fetch.sh first" >&2; exit 77; }
for tool in curl jq python3; do command -v "$tool" >/dev/null || { echo "face_to_ok: $tool is missing" >&2; exit 77; }; done
# shellcheck source=../../scripts/demo/lib.sh
source "$root/scripts/demo/lib.sh"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

http_port="$(free_port)"
gw_port="$(free_port)"
password="bench-admin-$RANDOM$RANDOM"
cat >"$work/server.toml" <<TOML
[server]
address = "127.0.0.1"
port = $http_port
[storage]
data_dir = "$work/server"
[gateway]
address = "127.0.0.1"
port = $gw_port
[log]
level = "warn"
TOML
ROLLCALL_ADMIN_PASSWORD="$password" "$build/server/app/rollcall-server" --config "$work/server.toml" >"$work/server.log" 2>&1 &
server_pid=$!
export ROLLCALL_URL="http://127.0.0.1:$http_port"
wait_for 30 curl -sf "$ROLLCALL_URL/healthz" || { cat "$work/server.log" >&2; exit 1; }
login admin "$password"
dept="$(api POST /departments '{"code":"B","name":"Bench"}' | jq -r .id)"
post="$(api POST /posts "{\"code\":\"P\",\"name\":\"Counter\",\"departmentId\":$dept}" | jq -r .id)"

mkdir -p "$work/enrol" "$work/frames"
n=0
for dir in "$data"/faces/people/*/; do
    mapfile -t imgs < <(find "$dir" -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' \) | sort)
    (( ${#imgs[@]} >= 2 )) || continue
    n=$((n + 1))
    name="$(basename "$dir")"
    id="$(api POST /employees "{\"number\":\"B$n\",\"name\":\"$name\",\"departmentId\":$dept,\"postId\":$post}" | jq -r .id)"
    mkdir -p "$work/enrol/$id-$name"
    last=$(( ${#imgs[@]} - 1 ))
    for (( k = 0; k < last; k++ )); do cp "${imgs[$k]}" "$work/enrol/$id-$name/"; done
    cp "${imgs[$last]}" "$work/frames/$(printf '%03d' "$n")-$name.${imgs[$last]##*.}"
done
token="$(api POST /terminals "{\"name\":\"bench\",\"postId\":$post}" | jq -r .token)"
cat >"$work/terminal.toml" <<TOML
[terminal]
data_dir = "$work/terminal"
language = "en"
policy = "face"
[face]
source = "folder:$work/frames"
models_dir = "$root/models/cache"
# Photographs are spoofs to a liveness model.
liveness = false
[enrolment]
folder = "$work/enrol"
[behaviour]
exit_at_end = true
TOML
terminal="$build/terminal/app/rollcall-terminal"
"$terminal" --config "$work/terminal.toml" --provision "127.0.0.1:$gw_port" "$token" >"$work/provision.log" 2>&1
/usr/bin/time -f '%e %U %S' -o "$work/time" "$terminal" --config "$work/terminal.toml" >"$work/terminal.log" 2>&1
read -r wall user sys <"$work/time"

grep '^OK ' "$work/terminal.log" | sed -n 's/.* \([0-9][0-9]*\)ms$/\1/p' >"$work/ms"
oks=$(wc -l <"$work/ms")
(( oks > 0 )) || { cat "$work/terminal.log" >&2; echo "face_to_ok: no OK line" >&2; exit 1; }
python3 - "$work/ms" "$n" "$oks" "$wall" "$user" "$sys" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
ms = sorted(int(x) for x in open(sys.argv[1]))
people, oks, wall, user, sys_, load = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
print(f"face in view -> OK (frame to journal commit, rollcall-terminal's own timing): {oks} OK of {people} people shown")
print(f"  median {statistics.median(ms):.0f} ms, p90 {p90} ms, min {ms[0]} ms, max {ms[-1]} ms")
print(f"  terminal process: wall {wall:.1f} s, CPU {user + sys_:.1f} s (user {user:.1f}, sys {sys_:.1f}) for start-up, enrolment of {people} people and the run")
print(f"  load average: {load}")
print(f"  verdict: {'met' if statistics.median(ms) < 300 else 'NOT met'} (target: median < 300 ms)")
PY
