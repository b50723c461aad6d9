#!/usr/bin/env bash
# End to end: a real rollcall-server, a terminal provisioned with a one-time token over TLS,
# people enrolled from sample faces, an image folder as the camera. Every person who walked
# past is a punch on the server, the one who stayed home is not, and a second run of the
# terminal over the same morning adds nothing (repeats are suppressed, ingest is idempotent).
set -euo pipefail
root="${ROLLCALL_SOURCE_DIR:?}"
data="${ROLLCALL_DATA_DIR:-}"
if [[ -z "$data" || ! -d "$data/faces/people" ]]; then
    echo "SKIPPED: no sample faces at $data/faces/people (set ROLLCALL_DATA_DIR)"
    exit 77
fi
for tool in curl jq python3; do command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed"; exit 77; }; done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$root/scripts/demo/lib.sh"
port="$(free_port)"
ROLLCALL_DEMO_DIR="$work/demo" ROLLCALL_DEMO_PORT="$port" ROLLCALL_DEMO_EXIT=1 \
    "$root/scripts/demo/run.sh" >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "FAIL: the demo run failed"; exit 1; }
cat "$work/run.log"
people=$(wc -l <"$work/demo/faces/people.tsv")
oks=$(grep -c '^OK ' "$work/demo/terminal/terminal.log" || true)
stored=$(sed -n 's/^demo: \([0-9]*\) punches stored.*/\1/p' "$work/run.log")
echo "people=$people ok-lines=$oks stored=$stored"
absent=$(tail -n1 "$work/demo/faces/people.tsv" | cut -f2)
grep -q "^OK $absent " "$work/demo/terminal/terminal.log" && { echo "FAIL: $absent stayed home but punched"; exit 1; }
(( stored == oks )) || { echo "FAIL: the terminal said OK $oks times but the server stored $stored punches"; exit 1; }
# Recognition over the sample set is not perfect (docs/face.md): most of the morning must get through.
(( oks * 10 >= (people - 1) * 7 )) || { echo "FAIL: only $oks of $((people - 1)) people were recognised"; exit 1; }
echo "PASS"
