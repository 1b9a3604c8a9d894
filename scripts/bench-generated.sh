#!/usr/bin/env bash
# Latency of an uncached generated subtitle through the gateway: POST /api/v1/tiktok/subtitle with mode generate for
# the stand-in's spoken caption-less video (28 s of synthesised English), end to end (gateway, subtitle-service's
# hold, the speech service's media download, decoding and recognition with the built-in engine, capture). Before
# every call the video's transcript is removed from the stack's cache, so each call is a first one. Runs against a
# stack started with the stand-in (scripts/stack.sh start --offline) and uses the same TN_* settings; prints a
# Markdown line with the load average before and after.
#   TN_STACK=modes TN_PORT_BASE=31080 TN_DB_NAME=tikneuron_modes scripts/bench-generated.sh [--calls 5]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CALLS=5
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) CALLS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

STACK="${TN_STACK:-local}"
BASE="${TN_PORT_BASE:-8080}"
DB="${TN_DB_NAME:-tikneuron}"
GATEWAY="http://127.0.0.1:${BASE}"
BILLING="http://127.0.0.1:$((BASE + 4))"
STANDIN="http://127.0.0.1:$((BASE + 10))"
ADMIN_TOKEN="$(cat "${TN_ROOT}/.local/${STACK}/admin-token")"
PSQL=(psql -h 127.0.0.1 -p "${TIKNEURON_DB_PORT:-5432}" -U postgres -qAt -v ON_ERROR_STOP=1 -d "${DB}")

VIDEO="$(curl -fs "${STANDIN}/__standin/spoken" | sed -E 's/.*"speaking":"([0-9]+)".*/\1/')"
[ -n "${VIDEO}" ] || tn_die "the stand-in at ${STANDIN} does not answer"
ACCOUNT="$(curl -fs -X POST "${BILLING}/admin/v1/accounts" -H "Authorization: Bearer ${ADMIN_TOKEN}" \
    -H 'Content-Type: application/json' -d "{\"name\":\"bench-generated\",\"credits\":$((CALLS * 2 + 10))}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')"
KEY="$(curl -fs -X POST "${BILLING}/admin/v1/accounts/${ACCOUNT}/keys" -H "Authorization: Bearer ${ADMIN_TOKEN}" \
    -H 'Content-Type: application/json' -d '{"mode":"live"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for i in $(seq 1 "${CALLS}"); do
    "${PSQL[@]}" -c "DELETE FROM diarization.transcriptions WHERE video_id = '${VIDEO}'"
    result="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST "${GATEWAY}/api/v1/tiktok/subtitle" \
        -H 'Content-Type: application/json' -H "API-KEY: ${KEY}" \
        -d "{\"url\":\"https://www.tiktok.com/@kitchen/video/${VIDEO}\",\"format\":\"srt\",\"mode\":\"generate\"}")"
    [ "${result%% *}" = 200 ] || tn_die "call ${i} answered ${result%% *}"
    times+=("${result#* }")
    tn_log "call ${i}: ${result#* } s"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
median="$(printf '%s\n' "${sorted}" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
min="$(printf '%s\n' "${sorted}" | head -1)"
max="$(printf '%s\n' "${sorted}" | tail -1)"
echo "| uncached generated subtitle (28 s of speech, built-in engine), ${CALLS} calls | median ${median} s, min ${min} s, max ${max} s | load average ${load_before} → ${load_after} |"
