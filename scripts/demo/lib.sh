# Helpers shared by scripts/demo.sh and the end-to-end tests: a JSON API client over curl
# with a bearer token, and waits with deadlines.
# shellcheck shell=bash

# api METHOD PATH [JSON]: prints the response body; fails on an HTTP status >= 400.
api() {
    local method="$1" path="$2" body="${3:-}"
    local args=(-sS -X "$method" -H "Authorization: Bearer ${ROLLCALL_TOKEN:-}" -w '\n%{http_code}')
    [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
    local out code
    out="$(curl "${args[@]}" "${ROLLCALL_URL%/}/api/v1$path")" || return 1
    code="${out##*$'\n'}"
    out="${out%$'\n'*}"
    if (( code >= 400 )); then
        echo "api: $method $path -> $code $out" >&2
        return 1
    fi
    printf '%s\n' "$out"
}

# login USER PASSWORD: sets ROLLCALL_TOKEN.
login() {
    local out
    out="$(curl -sS -X POST -H 'Content-Type: application/json' \
        --data "{\"username\":\"$1\",\"password\":\"$2\",\"bearer\":true}" "${ROLLCALL_URL%/}/api/v1/session")"
    ROLLCALL_TOKEN="$(jq -r '.token // empty' <<<"$out")"
    [[ -n "$ROLLCALL_TOKEN" ]] || { echo "login failed: $out" >&2; return 1; }
    export ROLLCALL_TOKEN
}

# wait_for SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds or time runs out.
wait_for() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do
        (( $(date +%s) < deadline )) || return 1
        sleep 0.2
    done
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
