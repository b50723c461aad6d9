#!/usr/bin/env bash
# The demo itself (scripts/demo.sh builds first): a server with a demo organisation, a shift
# and a roster, people enrolled from sample faces (and fingerprints where real prints are
# present), a terminal fed by an image folder playing a morning of punches, one leave with its
# report-back (销假) at the terminal, and one spot check (查岗) with an absence that becomes a case.
# Environment: ROLLCALL_BUILD_DIR (default build/), ROLLCALL_DATA_DIR (default ../shared/data),
# ROLLCALL_DEMO_DIR (working folder, default <build>/demo), ROLLCALL_DEMO_PORT (HTTP, default 8080),
# ROLLCALL_DEMO_CHECK_MINUTES (the spot check's window, default 2), ROLLCALL_DEMO_TZ (the
# organisation's time zone, default Asia/Shanghai),
# ROLLCALL_DEMO_EXIT=1 to stop after the story instead of serving until Ctrl-C.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${ROLLCALL_BUILD_DIR:-$root/build}"
data="${ROLLCALL_DATA_DIR:-$root/../shared/data}"
work="${ROLLCALL_DEMO_DIR:-$build/demo}"
check_minutes="${ROLLCALL_DEMO_CHECK_MINUTES:-2}"
# The organisation's time zone: shifts, leave and the roster are in its local time.
zone="${ROLLCALL_DEMO_TZ:-Asia/Shanghai}"
local_date() { TZ="$zone" date "$@"; }
# shellcheck source=lib.sh
source "$here/lib.sh"

server_bin="$build/server/app/rollcall-server"
terminal_bin="$build/terminal/app/rollcall-terminal"
for b in "$server_bin" "$terminal_bin"; do
    [[ -x "$b" ]] || { echo "demo: $b is missing; run scripts/build.sh first" >&2; exit 1; }
done
[[ -f "$root/models/cache/fr_feature.onnx" ]] || "$root/models/fetch.sh"

rm -rf "$work"
mkdir -p "$work/server" "$work/terminal" "$work/faces/enrol" "$work/faces/morning" "$work/faces/check" "$work/prints"
http_port="${ROLLCALL_DEMO_PORT:-8080}"
gw_port="$(free_port)"
admin_password="demo-admin-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"

pids=()
terminal_pid=""
cleanup() {
    trap - INT TERM EXIT
    [[ -n "$terminal_pid" ]] && kill -TERM "$terminal_pid" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    [[ -n "$terminal_pid" ]] && wait "$terminal_pid" 2>/dev/null || true
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
[organisation]
time_zone = "$zone"
[gateway]
address = "127.0.0.1"
port = $gw_port
TOML
ROLLCALL_ADMIN_PASSWORD="$admin_password" "$server_bin" --config "$work/server/server.toml" >"$work/server/server.log" 2>&1 &
pids+=($!)
export ROLLCALL_URL="http://127.0.0.1:$http_port"
wait_for 30 curl -sf "$ROLLCALL_URL/healthz" || { echo "demo: the server did not start; see $work/server/server.log" >&2; cat "$work/server/server.log" >&2; exit 1; }
login admin "$admin_password"
admin_token="$ROLLCALL_TOKEN"
as_admin() { ROLLCALL_TOKEN="$admin_token"; }

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
ids=()
hall_ids=()
declare -A name_of image_of
i=0
absent_name=""
while IFS=$'\t' read -r number name dir; do
    i=$((i + 1))
    roles='["staff"]' dept="$dept_ops" post="$post_hall" head=false
    case "$i" in
        1) roles='["staff","hr"]'; dept="$dept_adm"; post="$post_office" ;;
        2) roles='["staff","inspector"]'; dept="$dept_adm"; post="$post_office" ;;
        3) roles='["staff","approver"]'; head=true ;;
    esac
    (( i % 3 == 0 && i > 3 )) && post="$post_desk"
    id="$(api POST /employees "{\"number\":\"$number\",\"name\":\"$name\",\"departmentId\":$dept,\"postId\":$post,\"roles\":$roles,\"departmentHead\":$head,\"verification\":\"face\"}" | jq -r .id)"
    ids+=("$id")
    if [[ "$post" == "$post_hall" ]]; then hall_ids+=("$id"); fi
    name_of[$id]="$name"
    if (( i <= 4 )); then
        user="$(tr 'A-Z' 'a-z' <<<"$number")"
        api POST /accounts "{\"username\":\"$user\",\"password\":\"demo-pass-$user\",\"roles\":$roles,\"employeeId\":$id}" >/dev/null
        logins+=("$user / demo-pass-$user  ($name, $(jq -r 'join(", ")' <<<"$roles"))")
    fi
    mapfile -t imgs < <(find "$dir" -maxdepth 1 -type f | sort)
    mkdir -p "$work/faces/enrol/$id-$name"
    last=$(( ${#imgs[@]} - 1 ))
    for (( k = 0; k < last && k < 5; k++ )); do cp "${imgs[$k]}" "$work/faces/enrol/$id-$name/"; done
    image_of[$id]="${imgs[$last]}"
    if (( i == count )); then absent_name="$name"; fi
done <"$work/faces/people.tsv"

# People who clock in with a fingerprint only (real FVC2000 prints through libfprint's
# virtual_image driver), where the shared data has them.
prints="$data/fingerprints/fvc2000_DB1_B"
finger_ids=()
if [[ -d "$prints" ]]; then
    for f in 101 102 103; do
        i=$((i + 1))
        number="$(printf 'E%03d' "$i")"
        name="finger-$f"
        id="$(api POST /employees "{\"number\":\"$number\",\"name\":\"$name\",\"departmentId\":$dept_adm,\"postId\":$post_office,\"roles\":[\"staff\"],\"verification\":\"fingerprint\"}" | jq -r .id)"
        ids+=("$id"); finger_ids+=("$id"); name_of[$id]="$name"
        mkdir -p "$work/prints/$id-$name"
        for k in 1 2 3 4 5; do ln -s "$prints/${f}_$k.png" "$work/prints/$id-$name/${f}_$k.png"; done
    done
fi
echo "demo: organisation with 2 departments, 3 posts and ${#ids[@]} people (${#finger_ids[@]} by fingerprint)"

# --- shift and roster -------------------------------------------------------------------
# One eight-hour day shift that began on the half hour before now, so that whenever the demo
# runs, the spot check finds people on duty; an hour's grace keeps the morning on time.
now_min=$(( 10#$(local_date +%H) * 60 + 10#$(local_date +%M) ))
start_min=$(( now_min / 30 * 30 - 30 )); (( start_min < 0 )) && start_min=0
end_min=$(( start_min + 8 * 60 ))
hhmm() { printf '%02d:%02d%s' $(( $1 % 1440 / 60 )) $(( $1 % 60 )) "$( (( $1 >= 1440 )) && echo +1)"; }
kind=fixed; (( end_min >= 1440 )) && kind=night
shift_id="$(api POST /shifts "{\"name\":\"Demo day $(hhmm $start_min)\",\"kind\":\"$kind\",\"segments\":[{\"start\":\"$(hhmm $start_min)\",\"end\":\"$(hhmm $end_min)\"}],\"lateGraceMinutes\":60}" | jq -r .id)"
today="$(local_date +%F)"
# On a Saturday or Sunday the demo's day is a make-up workday (调休), so that leave is needed.
if (( $(local_date +%u) >= 6 )); then
    curl -sSf -X POST -H "Authorization: Bearer $ROLLCALL_TOKEN" -H 'Content-Type: text/csv' \
        --data-binary "date,kind,name
$today,workday,Demo make-up workday" "$ROLLCALL_URL/api/v1/calendar/import" >/dev/null
    echo "demo: today ($today) is a weekend day; the calendar makes it a make-up workday (调休)"
fi
id_list="$(IFS=,; echo "${ids[*]}")"
api POST /roster "{\"employeeIds\":[$id_list],\"from\":\"$today\",\"to\":\"$(local_date -d '+30 days' +%F)\",\"week\":[$shift_id,$shift_id,$shift_id,$shift_id,$shift_id,$shift_id,$shift_id]}" >/dev/null
echo "demo: everyone rostered on shift $(hhmm $start_min)-$(hhmm $end_min) from today"

# --- leave ------------------------------------------------------------------------------
# Two people of the service hall have a day's leave approved by their head of department: the
# first comes in anyway and reports back (销假) at the terminal; the second stays away and is
# excused in the spot check.
hr_user="$(sed -n '1p' "$work/faces/people.tsv" | cut -f1 | tr 'A-Z' 'a-z')"
head_user="$(sed -n '3p' "$work/faces/people.tsv" | cut -f1 | tr 'A-Z' 'a-z')"
leave_back="" leave_away="" leave_back_id="" leave_away_id=""
if (( ${#hall_ids[@]} >= 5 )); then
    leave_back="${hall_ids[2]}" leave_away="${hall_ids[3]}"
    login "$hr_user" "demo-pass-$hr_user"
    type="$(api GET /leave/types | jq -r '[.items[] | select(.businessTrip | not)][0].code')"
    leave_back_id="$(api POST /leave "{\"employeeId\":$leave_back,\"type\":\"$type\",\"start\":\"$today\",\"reason\":\"family matter\"}" | jq -r .id)"
    leave_away_id="$(api POST /leave "{\"employeeId\":$leave_away,\"type\":\"$type\",\"start\":\"$today\",\"reason\":\"medical appointment\"}" | jq -r .id)"
    login "$head_user" "demo-pass-$head_user"
    for l in "$leave_back_id" "$leave_away_id"; do api POST "/leave/$l/approve" '{"reason":"approved"}' >/dev/null; done
    as_admin
    echo "demo: leave approved today for ${name_of[$leave_back]} and ${name_of[$leave_away]}"
fi

# --- the morning ------------------------------------------------------------------------
# Everyone walks past the service hall terminal but the last person (absent all day) and the
# one on leave who stays away.
n=0
for id in "${ids[@]}"; do
    n=$((n + 1))
    [[ -n "${image_of[$id]:-}" ]] || continue
    [[ "${name_of[$id]}" == "$absent_name" || "$id" == "$leave_away" ]] && continue
    img="${image_of[$id]}"
    cp "$img" "$work/faces/morning/$(printf '%03d' "$n")-$id.${img##*.}"
done

created="$(api POST /terminals "{\"name\":\"Service hall entrance\",\"postId\":$post_hall}")"
token="$(jq -r .token <<<"$created")"
policy=face
finger_toml=""
if (( ${#finger_ids[@]} > 0 )); then
    policy=either
    finger_toml="[finger]
reader = \"virtual_image\"
enrol_folder = \"$work/prints\"
feed = \"fifo:$work/terminal/finger.fifo\""
fi
write_terminal_config() {  # write_terminal_config FACE_FOLDER
    cat >"$work/terminal/terminal.toml" <<TOML
[terminal]
data_dir = "data"
language = "en"
policy = "$policy"
[server]
address = "127.0.0.1:$gw_port"
[face]
source = "folder:$1"
models_dir = "$root/models/cache"
# The sample "camera" shows photographs, which a liveness model rightly calls spoofs.
liveness = false
[enrolment]
folder = "$work/faces/enrol"
[kiosk]
port = 0
$finger_toml
TOML
}
start_terminal() {  # start_terminal LOG
    "$terminal_bin" --config "$work/terminal/terminal.toml" > >(tee "$1") 2>&1 &
    terminal_pid=$!
}
stop_terminal() {
    [[ -n "$terminal_pid" ]] || return 0
    kill -TERM "$terminal_pid" 2>/dev/null || true
    wait "$terminal_pid" 2>/dev/null || true
    terminal_pid=""
}
write_terminal_config "$work/faces/morning"
"$terminal_bin" --config "$work/terminal/terminal.toml" --provision "127.0.0.1:$gw_port" "$token"
start_terminal "$work/terminal/terminal.log"

# The fingerprint people press their finger (an impression not used at enrolment).
if (( ${#finger_ids[@]} > 0 )); then
    wait_for 60 test -p "$work/terminal/finger.fifo" || echo "demo: the terminal's fingerprint feed did not appear" >&2
    for id in "${finger_ids[@]}"; do
        f="${name_of[$id]#finger-}"
        [[ -p "$work/terminal/finger.fifo" ]] && echo "$prints/${f}_7.png" >"$work/terminal/finger.fifo"
        sleep 3
    done
fi

# The morning is played once the terminal has read the last image; then every OK must be on the server.
oks() { grep -c '^OK ' "$work/terminal/terminal.log" || true; }
punches() { api GET "/punches?from=$(date -d yesterday +%F)&to=$(date -d tomorrow +%F)" | jq '.items | length'; }
played() { grep -q '^IDLE source ended' "$work/terminal/terminal.log"; }
delivered() { (( $(punches) >= $(oks) )); }
wait_for 300 played || echo "demo: the terminal did not finish the morning in time" >&2
wait_for 60 delivered || echo "demo: only $(punches) of $(oks) punches reached the server in time" >&2
echo
echo "demo: $(punches) punches stored on the server; absent this morning: ${absent_name:-nobody}"
if [[ -n "$leave_back_id" ]]; then
    reported() { [[ "$(api GET "/leave/$leave_back_id" | jq -r .state)" == "reported back" ]]; }
    if wait_for 30 reported; then
        echo "demo: ${name_of[$leave_back]} came in on a day of leave and was reported back at the terminal (销假)"
    else
        echo "demo: ${name_of[$leave_back]}'s leave is still $(api GET "/leave/$leave_back_id" | jq -r .state)" >&2
    fi
fi

# --- the spot check ---------------------------------------------------------------------
# The inspector checks the service hall counter now. Everyone rostered there comes back to the
# terminal but one person who slipped out after the morning.
away_id=""
if (( ${#hall_ids[@]} >= 6 )); then
    away_id="${hall_ids[4]}"
    inspector_user="$(sed -n '2p' "$work/faces/people.tsv" | cut -f1 | tr 'A-Z' 'a-z')"
    login "$inspector_user" "demo-pass-$inspector_user"
    check="$(api POST /spotchecks "{\"scope\":{\"kind\":\"posts\",\"posts\":[$post_hall]},\"windowMinutes\":$check_minutes,\"method\":\"any\",\"note\":\"demo: is the counter staffed?\"}")"
    check_id="$(jq -r .id <<<"$check")"
    echo "demo: spot check $check_id of the service hall counter, window $check_minutes min"
    for id in "${hall_ids[@]}"; do
        [[ "$id" == "$away_id" || "$id" == "$leave_away" || "${name_of[$id]}" == "$absent_name" ]] && continue
        img="${image_of[$id]}"
        cp "$img" "$work/faces/check/$id.${img##*.}"
    done
    stop_terminal
    write_terminal_config "$work/faces/check"
    start_terminal "$work/terminal/check.log"
    closed() { [[ "$(api GET "/spotchecks/$check_id" | jq -r .state)" == closed ]]; }
    wait_for $(( check_minutes * 60 + 60 )) closed || echo "demo: the spot check did not close in time" >&2
    report="$(api GET "/spotchecks/$check_id")"
    echo "demo: spot check $check_id closed: $(jq -c '.report.tally' <<<"$report")"
    for outcome in present excused absent away_from_post; do
        names=""
        for e in $(jq -r --arg o "$outcome" '.report.results[]? | select(.outcome == $o) | .employee' <<<"$report"); do
            names+="${names:+, }${name_of[$e]:-#$e}"
        done
        if [[ -n "$names" || "$outcome" != away_from_post ]]; then echo "demo:   $outcome: ${names:-nobody}"; fi
    done
    finding="$(api GET "/findings?check=$check_id" | jq -r --arg e "$away_id" '[.items[] | select((.employee | tostring) == $e)][0].id // empty')"
    if [[ -n "$finding" ]]; then
        case_id="$(api POST "/findings/$finding/rule" '{"ruling":"confirmed","reason":"not at the counter during the check"}' | jq -r .id)"
        echo "demo: the inspector confirmed ${name_of[$away_id]}'s absence; it is now case $case_id"
    else
        echo "demo: no finding for ${name_of[$away_id]} in check $check_id" >&2
    fi
    as_admin
fi
# Every stored punch re-checked from the database: the audit log's chain and each terminal's
# punch chain (a punch deleted or altered behind the server's back would be named here).
verify="$(api POST /audit/verify '{}')"
echo "demo: audit verify: audit log $(jq -r 'if .ok then "intact" else "BROKEN" end' <<<"$verify") ($(jq -r .entriesChecked <<<"$verify") entries)," \
     "punch chains $(jq -r 'if .punchChains.ok then "intact" else "BROKEN" end' <<<"$verify") ($(jq -r .punchChains.punchesChecked <<<"$verify") punches)"
echo
echo "Rollcall demo is running."
echo "  Web UI:   $ROLLCALL_URL/"
echo "  Logins:   admin / $admin_password"
for l in "${logins[@]}"; do echo "            $l"; done
echo "  Files:    $work"
echo "Press Ctrl-C to stop."
if [[ "${ROLLCALL_DEMO_EXIT:-0}" == 1 ]]; then delivered; exit; fi
wait
