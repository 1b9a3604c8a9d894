#!/usr/bin/env bash
# Runs the whole product on this machine: PostgreSQL, Kafka, the five services; creates a demo account with
# 1,000 credits and a live API key, prints a ready-to-paste curl, and stays in the foreground until Ctrl-C,
# which stops everything it started.
#   scripts/run-local.sh             real TikTok
#   scripts/run-local.sh --offline   a local TikTok stand-in serves pages, captions and media from fixtures
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

OFFLINE=""
[ "${1:-}" = "--offline" ] && OFFLINE="--offline"

export TN_STACK=local
PORT_BASE="${TN_PORT_BASE:-8080}"
GATEWAY="http://127.0.0.1:${PORT_BASE}"
BILLING="http://127.0.0.1:$((PORT_BASE + 4))"
KEY_FILE="${TN_LOCAL}/demo-api-key"

pg_was_up=no; kafka_was_up=no; redis_was_up=no
tn_port_open 127.0.0.1 "${TIKNEURON_PG_PORT:-5432}" && pg_was_up=yes
tn_port_open 127.0.0.1 "${TIKNEURON_KAFKA_PORT:-9092}" && kafka_was_up=yes
tn_port_open 127.0.0.1 "${TIKNEURON_REDIS_PORT:-6379}" && redis_was_up=yes

shutdown() {
    trap - INT TERM EXIT
    tn_log "stopping"
    "${TN_ROOT}/scripts/stack.sh" stop || true
    [ "${redis_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-redis || true
    [ "${kafka_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-kafka || true
    [ "${pg_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-postgres || true
    exit 0
}
trap shutdown INT TERM EXIT

started_at=${SECONDS}
"${TN_ROOT}/scripts/stack.sh" start ${OFFLINE}
tn_log "all five services ready in $((SECONDS - started_at)) s"

ADMIN_TOKEN="$("${TN_ROOT}/scripts/stack.sh" admin-token)"
CREDENTIAL="$("${TN_ROOT}/scripts/stack.sh" service-credential)"
admin() {
    curl -fsS -H "Authorization: Bearer ${ADMIN_TOKEN}" -H 'Content-Type: application/json' "$@"
}

key_is_live() {
    [ -s "${KEY_FILE}" ] || return 1
    local digest
    digest="$(printf '%s' "$(cat "${KEY_FILE}")" | sha256sum | cut -d' ' -f1)"
    curl -fs -H "X-Service-Credential: ${CREDENTIAL}" "${BILLING}/internal/v1/keys/${digest}" 2>/dev/null \
        | grep -q '"status":"active"'
}

if key_is_live; then
    tn_log "reusing the demo key in ${KEY_FILE}"
else
    account=$(admin -X POST "${BILLING}/admin/v1/accounts" -d '{"name":"demo","credits":1000}' \
        | sed -E 's/.*"id":"([^"]+)".*/\1/')
    (umask 077; admin -X POST "${BILLING}/admin/v1/accounts/${account}/keys" -d '{"mode":"live"}' \
        | sed -E 's/.*"key":"([^"]+)".*/\1/' > "${KEY_FILE}")
    tn_log "created a demo account with 1,000 credits and a live API key"
fi
KEY="$(cat "${KEY_FILE}")"
VIDEO="https://www.tiktok.com/@username/video/7354861484037524768"

cat <<INFO

  TikNeuron is running.
    gateway        ${GATEWAY}   (Swagger UI: ${GATEWAY}/q/swagger-ui)
    demo API key   ${KEY}   (also in .local/demo-api-key)
    admin token    in .local/local/admin-token (billing admin API on ${BILLING}/admin/v1)
    logs           .local/local/*.log
    health, metrics  each service on its port + 100 (gateway: http://127.0.0.1:$((PORT_BASE + 100))/q/metrics)
  $( [ -n "${OFFLINE}" ] && echo "offline: TikTok is played by the stand-in on http://127.0.0.1:$((PORT_BASE + 10))" )

  Try it:
    curl -X POST ${GATEWAY}/api/v1/tiktok/subtitle \\
      -H "Content-Type: application/json" \\
      -H "API-KEY: ${KEY}" \\
      -d '{"url": "${VIDEO}", "format": "srt"}'

    curl ${GATEWAY}/api/v1/account/credits -H "API-KEY: ${KEY}"

  Press Ctrl-C to stop everything this script started.

INFO

while true; do
    sleep 5
    for service in billing-service subtitle-service summary-service diarization-service gateway; do
        pid_file="${TN_LOCAL}/local/${service}.pid"
        if [ -f "${pid_file}" ] && ! kill -0 "$(cat "${pid_file}")" 2>/dev/null; then
            tn_log "${service} exited; see .local/local/${service}.log"
            rm -f "${pid_file}"
        fi
    done
done
