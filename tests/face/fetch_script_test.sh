#!/usr/bin/env bash
# models/fetch.sh against a throw-away manifest and mirror (no network): installs a file whose
# hash matches, is quick and silent the second time, refuses a corrupt file naming it, reports
# a missing default model naming it, and re-fetches a damaged installed copy.
set -u
root="${ROLLCALL_SOURCE_DIR:?ROLLCALL_SOURCE_DIR must point at the source tree}"
fetch="$root/models/fetch.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; failures=$((failures + 1)); fi; }

mkdir -p "$work/mirror" "$work/dest"
printf 'pretend model bytes' >"$work/mirror/a.onnx"
good="$(sha256sum "$work/mirror/a.onnx" | cut -d' ' -f1)"
write_manifest() {  # write_manifest SHA
  cat >"$work/manifest.json" <<JSON
{"packages": [],
 "models": [{"name": "a", "role": "embedding", "default": false, "file": "a.onnx", "package": null,
             "path": "mirror only", "sha256": "$1", "licence": "MIT", "input": "x"}]}
JSON
}
run() { "$fetch" --manifest "$work/manifest.json" --dest "$work/dest" --no-samples "$@" >"$work/out" 2>&1; }

write_manifest "$good"
run --mirror "$work/mirror"; rc=$?
check "mirror file with the right hash is installed" '[ $rc -eq 0 ] && cmp -s "$work/mirror/a.onnx" "$work/dest/a.onnx"'
check "it prints where the models are" 'grep -q "models: $work/dest" "$work/out"'
run --mirror "$work/mirror"; rc=$?
check "second run succeeds without copying again" '[ $rc -eq 0 ] && ! grep -q "<- mirror" "$work/out"'
run --check; rc=$?
check "--check passes when everything is present" '[ $rc -eq 0 ]'

printf 'damaged' >"$work/dest/a.onnx"
run --mirror "$work/mirror"; rc=$?
check "a damaged installed copy is fetched again" '[ $rc -eq 0 ] && cmp -s "$work/mirror/a.onnx" "$work/dest/a.onnx"'

rm -f "$work/dest/a.onnx"
write_manifest "0000000000000000000000000000000000000000000000000000000000000000"
run --mirror "$work/mirror"; rc=$?
check "a mirror file with the wrong hash is refused" '[ $rc -ne 0 ] && [ ! -e "$work/dest/a.onnx" ]'
check "the refusal names the file" 'grep -q "a.onnx" "$work/out" && grep -q "SHA-256" "$work/out"'

sed -i 's/"default": false/"default": true/' "$work/manifest.json"
run --check; rc=$?
check "--check fails for a missing default model and names it" '[ $rc -ne 0 ] && grep -q "a.onnx" "$work/out"'

[ $failures -eq 0 ] || { cat "$work/out"; exit 1; }
