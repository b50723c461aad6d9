#!/usr/bin/env bash
# The demo itself (scripts/demo.sh builds first): a server with a demo organisation, people
# enrolled from sample faces, a terminal fed by an image folder playing a morning of punches.
# Environment: ROLLCALL_BUILD_DIR (default build/), ROLLCALL_DATA_DIR (default ../shared/data),
# ROLLCALL_DEMO_DIR (working folder, default <build>/demo), ROLLCALL_DEMO_PORT (HTTP, default 8080),
# ROLLCALL_DEMO_EXIT=1 to stop after the morning instead of serving until Ctrl-C.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${ROLLCALL_BUILD_DIR:-$root/build}"
data="${ROLLCALL_DATA_DIR:-$root/../shared/data}"
work="${ROLLCALL_DEMO_DIR:-$build/demo}"
# shellcheck source=lib.sh
source "$here/lib.sh"

server_bin="$build/server/app/rollcall-server"
terminal_bin="$build/terminal/app/rollcall-terminal"
for b in "$server_bin" "$terminal_bin"; do
    [[ -x "$b" ]] || { echo "demo: $b is missing; run scripts/build.sh first" >&2; exit 1; }
done
[[ -f "$root/models/cache/fr_feature.onnx" ]] || "$root/models/fetch.sh"

rm -rf "$work"
mkdir -p "$work/server" "$work/terminal" "$work/faces/enrol" "$work/faces/morning"
http_port="${ROLLCALL_DEMO_PORT:-8080}"
gw_port="$(free_port)"
admin_password="demo-admin-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    echo "demo: stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$work/server/server.toml" <<TOML
[server]
address = "127.0.0.1"
port = $http_port
[storage]
data_dir = "$work/server/data"
[gateway]
address = "127.0.0.1"
port = $gw_port
TOML
ROLLCALL_ADMIN_PASSWORD="$admin_password" "$server_bin" --config "$work/server/server.toml" >"$work/server/server.log" 2>&1 &
pids+=($!)
export ROLLCALL_URL="http://127.0.0.1:$http_port"
wait_for 20 curl -sf "$ROLLCALL_URL/healthz" || { echo "demo: the server did not start; see $work/server/server.log" >&2; cat "$work/server/server.log" >&2; exit 1; }
login admin "$admin_password"

# --- organisation -----------------------------------------------------------------------
dept_ops="$(api POST /departments '{"code":"OPS","name":"Service Hall"}' | jq -r .id)"
dept_adm="$(api POST /departments '{"code":"ADM","name":"Administration"}' | jq -r .id)"
post_hall="$(api POST /posts "{\"code\":\"HALL\",\"name\":\"Service hall counter\",\"departmentId\":$dept_ops}" | jq -r .id)"
post_desk="$(api POST /posts "{\"code\":\"DESK\",\"name\":\"Front desk\",\"departmentId\":$dept_ops}" | jq -r .id)"
post_office="$(api POST /posts "{\"code\":\"OFFICE\",\"name\":\"Back office\",\"departmentId\":$dept_adm}" | jq -r .id)"

count="$(bash "$here/people.sh" "$data" "$work/faces")"
if (( count == 0 )); then
    echo "demo: no sample faces found under $data (set ROLLCALL_DATA_DIR); the server runs without people" >&2
fi
logins=()
i=0
absent_name=""
while IFS=$'\t' read -r number name dir; do
    i=$((i + 1))
    roles='["staff"]' dept="$dept_ops" post="$post_hall"
    case "$i" in
        1) roles='["staff","hr"]'; dept="$dept_adm"; post="$post_office" ;;
        2) roles='["staff","inspector"]'; dept="$dept_adm"; post="$post_office" ;;
        3) roles='["staff","approver"]' ;;
    esac
    (( i % 3 == 0 && i > 3 )) && post="$post_desk"
    id="$(api POST /employees "{\"number\":\"$number\",\"name\":\"$name\",\"departmentId\":$dept,\"postId\":$post,\"roles\":$roles,\"verification\":\"face\"}" | jq -r .id)"
    if (( i <= 4 )); then
        user="$(tr 'A-Z' 'a-z' <<<"$number")"
        api POST /accounts "{\"username\":\"$user\",\"password\":\"demo-pass-$user\",\"roles\":$roles,\"employeeId\":$id}" >/dev/null
        logins+=("$user / demo-pass-$user  ($name, $(jq -r 'join(", ")' <<<"$roles"))")
    fi
    mapfile -t imgs < <(find "$dir" -maxdepth 1 -type f | sort)
    mkdir -p "$work/faces/enrol/$id-$name"
    last=$(( ${#imgs[@]} - 1 ))
    for (( k = 0; k < last && k < 5; k++ )); do cp "${imgs[$k]}" "$work/faces/enrol/$id-$name/"; done
    # The last person stays at home this morning.
    if (( i < count )); then
        ext="${imgs[$last]##*.}"
        cp "${imgs[$last]}" "$work/faces/morning/$(printf '%03d' "$i")-$number.$ext"
    else
        absent_name="$name"
    fi
done <"$work/faces/people.tsv"
echo "demo: organisation with 2 departments, 3 posts and $count people"

# --- terminal ---------------------------------------------------------------------------
created="$(api POST /terminals "{\"name\":\"Service hall entrance\",\"postId\":$post_hall}")"
token="$(jq -r .token <<<"$created")"
cat >"$work/terminal/terminal.toml" <<TOML
[terminal]
data_dir = "data"
language = "en"
policy = "face"
[server]
address = "127.0.0.1:$gw_port"
[face]
source = "folder:$work/faces/morning"
models_dir = "$root/models/cache"
# The sample "camera" shows photographs, which a liveness model rightly calls spoofs.
liveness = false
[enrolment]
folder = "$work/faces/enrol"
TOML
"$terminal_bin" --config "$work/terminal/terminal.toml" --provision "127.0.0.1:$gw_port" "$token"
"$terminal_bin" --config "$work/terminal/terminal.toml" > >(tee "$work/terminal/terminal.log") 2>&1 &
pids+=($!)

# The morning is played once the terminal has read the last image; then every OK must be on the server.
oks() { grep -c '^OK ' "$work/terminal/terminal.log" || true; }
punches() { api GET "/punches?from=$(date -d yesterday +%F)&to=$(date -d tomorrow +%F)" | jq '.items | length'; }
played() { grep -q '^IDLE source ended' "$work/terminal/terminal.log"; }
delivered() { (( $(punches) >= $(oks) )); }
wait_for 300 played || echo "demo: the terminal did not finish the morning in time" >&2
wait_for 60 delivered || echo "demo: only $(punches) of $(oks) punches reached the server in time" >&2
echo
echo "demo: $(punches) punches stored on the server; absent this morning: ${absent_name:-nobody}"
echo
echo "Rollcall demo is running."
echo "  Web UI:   $ROLLCALL_URL/"
echo "  Logins:   admin / $admin_password"
for l in "${logins[@]}"; do echo "            $l"; done
echo "  Files:    $work"
echo "Press Ctrl-C to stop."
if [[ "${ROLLCALL_DEMO_EXIT:-0}" == 1 ]]; then delivered; exit; fi
wait
