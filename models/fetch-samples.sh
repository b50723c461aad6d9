#!/usr/bin/env bash
# Fetches a few sample photos of several people for demos on a machine without the evaluation
# data: the demo photos of the npm package @vladmandic/face-api (MIT; see models/manifest.json
# "samples" and docs/provenance-models.md). Verifies every SHA-256; quick when already present.
#
#   models/fetch-samples.sh [--dest DIR]      (default models/cache/samples, git-ignored)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/manifest.json"
dest="${ROLLCALL_MODELS_DIR:-$here/cache}/samples"
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="$2"; shift 2 ;;
    *) echo "models/fetch-samples.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
fail() { echo "models/fetch-samples.sh: ERROR: $*" >&2; exit 1; }
command -v node >/dev/null 2>&1 || fail "node is needed to read $manifest"
mkdir -p "$dest"
rows="$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const pk = Object.fromEntries(m.packages.map(p => [p.id, p]));
  for (const s of m.samples || []) {
    const p = pk[s.package];
    console.log([s.file, s.sha256, p.name, p.version, p.tarball_sha256, s.path].join("\t"));
  }' "$manifest")" || fail "cannot parse $manifest"
sha_of() { sha256sum "$1" | cut -d' ' -f1; }
while IFS=$'\t' read -r file sha pname pversion psha path; do
  [ -n "$file" ] || continue
  if [ -f "$dest/$file" ] && [ "$(sha_of "$dest/$file")" = "$sha" ]; then continue; fi
  tgz="$dest/.packages/$(echo "$pname" | tr -d '@' | tr '/' '-')-$pversion.tgz"
  if [ ! -f "$tgz" ] || [ "$(sha_of "$tgz")" != "$psha" ]; then
    mkdir -p "$dest/.packages"; rm -f "$tgz"
    echo "models/fetch-samples.sh: npm pack $pname@$pversion" >&2
    (cd "$dest/.packages" && npm pack "$pname@$pversion" --silent >/dev/null 2>"$dest/.packages/npm-pack.log") ||
      fail "npm pack $pname@$pversion failed (see $dest/.packages/npm-pack.log); samples are optional"
    [ -f "$tgz" ] && [ "$(sha_of "$tgz")" = "$psha" ] || { rm -f "$tgz"; fail "$pname@$pversion: tarball missing or SHA-256 differs from the manifest"; }
  fi
  tar -xzf "$tgz" -O "$path" >"$dest/$file.part" || { rm -f "$dest/$file.part"; fail "$file: $path not in $pname@$pversion"; }
  [ "$(sha_of "$dest/$file.part")" = "$sha" ] || { rm -f "$dest/$file.part"; fail "$file: SHA-256 differs from the manifest"; }
  mv -f "$dest/$file.part" "$dest/$file"
  echo "models/fetch-samples.sh: $file <- npm $pname@$pversion (SHA-256 ok)" >&2
done <<<"$rows"
echo "samples: $dest"
