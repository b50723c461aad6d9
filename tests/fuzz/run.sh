#!/usr/bin/env bash
# Builds the protocol decoder's libFuzzer target with clang in its own build folder and runs it
# for a bounded time (default 60 s). usage: tests/fuzz/run.sh [SECONDS]
# ROLLCALL_FUZZ_BUILD overrides the build folder (default: build-fuzz beside the sources).
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
build="${ROLLCALL_FUZZ_BUILD:-$src/build-fuzz}"
# Debian 12's clang-16 (packages clang-16, libclang-rt-16-dev) is the first that builds
# libstdc++ 12's std::expected (clang 14 lacks conditionally trivial destructors, P0848).
# libstdc++ 12 also hides std::expected unless __cpp_concepts >= 202002L, which clang 16
# implements but does not yet announce.
cc="${ROLLCALL_FUZZ_CC:-clang-16}"
cxx="${ROLLCALL_FUZZ_CXX:-clang++-16}"
command -v "$cxx" >/dev/null || { echo "run.sh: $cxx not found (apt-get install clang-16 libclang-rt-16-dev)" >&2; exit 2; }
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DROLLCALL_FUZZ=ON -DROLLCALL_WERROR=OFF -DROLLCALL_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-U__cpp_concepts -D__cpp_concepts=202002L" >/dev/null
cmake --build "$build" --target fuzz_proto_decoder
corpus="$build/fuzz-corpus"
mkdir -p "$corpus"
"$build/tests/fuzz/fuzz_proto_decoder" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "$corpus" "$src/tests/fuzz/seeds"
