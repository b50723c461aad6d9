#!/usr/bin/env bash
# Runs the evaluations and benchmarks whose figures the README quotes, and prints them.
# Needs a build (scripts/build.sh). Face and fingerprint evaluations need the real samples in
# ROLLCALL_DATA_DIR (default ../shared/data beside the repository) and are skipped without them.
# usage: scripts/figures.sh [--quick]   (--quick: shorter load phases, for CI)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ROLLCALL_BUILD_DIR:-$root/build}"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ -z "${ROLLCALL_DATA_DIR:-}" ] && [ -d "$root/../shared/data" ]; then
  export ROLLCALL_DATA_DIR="$(cd "$root/../shared/data" && pwd)"
fi
data="${ROLLCALL_DATA_DIR:-}"
section() { printf '\n=== %s (load average: %s)\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
run() { echo "\$ ${*#$build/}"; "$@"; }

section "Attendance rules: one month for 10,000 people"
run "$build/bench/rules/rollcall-bench-rules" --benchmark_repetitions=1 2>&1 | tail -n 3

if [ -n "$data" ] && [ -d "$data/faces" ]; then
  section "Face recognition accuracy (default registry models)"
  for set in people att; do
    run "$build/terminal/face/rollcall-face-eval" --labels "$data/faces/labels-$set.tsv" 2>&1 | tail -n 1
  done
else
  echo "figures: no face samples (ROLLCALL_DATA_DIR unset): face evaluation skipped"
fi
section "Face pipeline latency and 1:N search"
run "$build/bench/face/rollcall-bench-face" --benchmark_min_time=0.2 2>&1 | grep -vE '^(\*\*\*|Run on|CPU Caches|  L[123]|Load Average)' || true

if [ -n "$data" ] && [ -d "$data/fingerprints" ]; then
  section "Fingerprint accuracy through libfprint's virtual_image driver"
  for db in 1 2 3 4; do
    run "$build/terminal/finger/rollcall-finger-eval" --data "$data/fingerprints/fvc2000_DB${db}_B" 2>&1 | tail -n 1
  done
else
  echo "figures: no fingerprint samples: fingerprint evaluation skipped"
fi
section "Fingerprint identification"
run "$build/bench/finger/rollcall-bench-finger" 2>&1 | grep -vE '^(\*\*\*|Run on|CPU Caches|  L[123]|Load Average)' || true

section "Spot-check evaluation over 10,000 people"
run "$build/bench/spotcheck/rollcall-bench-spotcheck" 2>&1 | grep -vE '^(\*\*\*|Run on|CPU Caches|  L[123]|Load Average)' || true

section "Terminal gateway under load"
if [ $quick -eq 1 ]; then
  run "$build/bench/loadgen/rollcall-loadgen" --terminals 200 --seconds 5 --rate 5000 || echo "figures: loadgen reported a failure"
else
  run "$build/bench/loadgen/rollcall-loadgen" --terminals 500 --seconds 10 --rate 20000 || echo "figures: loadgen reported a failure"
  run "$build/bench/loadgen/rollcall-loadgen" --terminals 500 --seconds 10 --rate 22000 || echo "figures: loadgen reported a failure"
  run "$build/bench/loadgen/rollcall-loadgen" --terminals 500 --seconds 10 --rate 0 || echo "figures: loadgen reported a failure"
fi

section "HTTP API under load"
run "$build/bench/api/rollcall-bench-api" 2>&1 | grep -vE '^\[|^seeding'
run "$build/bench/api/rollcall-bench-api" --writes-per-second 20 2>&1 | grep -vE '^\[|^seeding'
if [ $quick -eq 0 ]; then
  run "$build/bench/api/rollcall-bench-api" --dates 30 --writes-per-second 20 2>&1 | grep -vE '^\[|^seeding'
fi

section "Spot check reaching 500 connected terminals"
run "$build/bench/terminal/rollcall-bench-terminal-fanout" --terminals 500 --rounds 3 2>&1 | tail -n 6 || true

if [ -n "$data" ] && [ -d "$data/faces/people" ]; then
  section "A person at the terminal: face in view to OK (image folder)"
  run "$root/bench/terminal/face_to_ok.sh" "$build" 2>&1 | tail -n 4 || true
fi

section "Protocol decoder fuzzing"
ROLLCALL_FUZZ_BUILD="${ROLLCALL_FUZZ_BUILD:-$build-fuzz}" run "$root/tests/fuzz/run.sh" $([ $quick -eq 1 ] && echo 30 || echo 60) 2>&1 | tail -n 4
