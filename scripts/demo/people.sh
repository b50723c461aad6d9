# Builds a demo organisation's faces from a data folder (faces/people/<identity>/ and
# faces/att/sN/): for each person, an enrolment folder <id>-<name>/ with all but the last image
# and, in the probe folder, the last image (what the terminal's "camera" will see).
# Usage: people.sh DATA_DIR OUT_DIR  -> prints "number<TAB>name<TAB>source" lines to OUT_DIR/people.tsv
# shellcheck shell=bash
set -euo pipefail
data="$1" out="$2"
mkdir -p "$out"
: >"$out/people.tsv"
n=0
add() {  # add NAME DIR
    local name="$1" dir="$2"
    mapfile -t imgs < <(find "$dir" -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' -o -name '*.pgm' \) | sort)
    (( ${#imgs[@]} >= 2 )) || return 0
    n=$((n + 1))
    printf 'E%03d\t%s\t%s\n' "$n" "$name" "$dir" >>"$out/people.tsv"
}
if [[ -d "$data/faces/people" ]]; then
    for d in "$data"/faces/people/*/; do add "$(basename "$d")" "$d"; done
fi
if [[ -d "$data/faces/att" ]]; then
    for i in $(seq 1 12); do [[ -d "$data/faces/att/s$i" ]] && add "att-s$i" "$data/faces/att/s$i"; done
fi
echo "$n"
