#!/usr/bin/env bash
# Cached-hit subtitle requests through the whole stack (client → gateway → subtitle-service, which answers from
# its PostgreSQL cache and records the free use on Kafka), with the TikTok stand-in behind it. Starts its own stack
# on ports 28080-28090 with its own database, measures with wrk at saturation and paced, prints a Markdown table.
#   scripts/bench-stack.sh [--duration 30] [--connections 32] [--rate 1500]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

DURATION=30
CONNECTIONS=32
RATE=1500
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

export TN_STACK=bench TN_PORT_BASE=28080 TN_DB_NAME=tikneuron_benchstack
# The per-key limit would otherwise answer 429 to a benchmark; it is measured by the gateway's own tests.
export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 TIKNEURON_RATE_LIMIT_BURST=1000000000
export TN_JAVA_OPTS="-Xms256m -Xmx512m"
GATEWAY="http://127.0.0.1:28080"
BILLING="http://127.0.0.1:28084"
WORK="${TN_LOCAL}/bench-stack"
mkdir -p "${WORK}"

tn_apt_install wrk curl
"${TN_ROOT}/scripts/infra.sh" start
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
trap '"${TN_ROOT}/scripts/stack.sh" stop' EXIT
"${TN_ROOT}/scripts/stack.sh" start --offline

token="$("${TN_ROOT}/scripts/stack.sh" admin-token)"
account=$(curl -fsS -X POST "${BILLING}/admin/v1/accounts" -H "Authorization: Bearer ${token}" \
    -H 'Content-Type: application/json' -d '{"name":"bench","credits":1000}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
key=$(curl -fsS -X POST "${BILLING}/admin/v1/accounts/${account}/keys" -H "Authorization: Bearer ${token}" \
    -H 'Content-Type: application/json' -d '{"mode":"live"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
first=$(curl -fsS -X POST "${GATEWAY}/api/v1/tiktok/subtitle" -H "API-KEY: ${key}" -H 'Content-Type: application/json' \
    -d '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","format":"srt"}')
echo "${first}" | grep -q '"cached":false' || tn_die "the first call was not a fresh answer: ${first}"

tn_log "warming up (15 s)"
wrk -t2 -c"${CONNECTIONS}" -d15s -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" >/dev/null
tn_log "measuring cached hits at saturation for ${DURATION} s with ${CONNECTIONS} connections"
wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" --latency -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
    "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" > "${WORK}/saturation.txt"
pause_ms=$(awk -v r="${RATE}" -v c="${CONNECTIONS}" 'BEGIN {printf "%d", c * 1000 / r}')
tn_log "measuring cached hits paced at about ${RATE}/s (${pause_ms} ms pause per connection)"
wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" --latency -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
    "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" "${pause_ms}" > "${WORK}/paced.txt"
balance=$(curl -fsS "${GATEWAY}/api/v1/account/credits" -H "API-KEY: ${key}")

field() { awk -v f="$2" '$1 == f {print $2}' "$1"; }
cat <<TABLE

| cached subtitle hits through the gateway | at saturation (${CONNECTIONS} connections) | paced at about ${RATE}/s |
|---|---:|---:|
| requests/s | $(awk '/Requests\/sec/ {print $2}' "${WORK}/saturation.txt") | $(awk '/Requests\/sec/ {print $2}' "${WORK}/paced.txt") |
| p50 | $(field "${WORK}/saturation.txt" 50%) | $(field "${WORK}/paced.txt" 50%) |
| p90 | $(field "${WORK}/saturation.txt" 90%) | $(field "${WORK}/paced.txt" 90%) |
| p99 | $(field "${WORK}/saturation.txt" 99%) | $(field "${WORK}/paced.txt" 99%) |
| non-2xx or socket errors | $(awk -F= '/non_2xx_or_errors/ {print $2}' "${WORK}/saturation.txt") | $(awk -F= '/non_2xx_or_errors/ {print $2}' "${WORK}/paced.txt") |

Balance afterwards (1,000 granted, one fresh answer charged, every hit free): ${balance}
TABLE
