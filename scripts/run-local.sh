#!/usr/bin/env bash
# Runs the whole product on this machine: PostgreSQL, Kafka, the five services; creates a demo account with
# 1,000 credits and a live API key, prints a ready-to-paste curl, and stays in the foreground until Ctrl-C,
# which stops everything it started.
#   scripts/run-local.sh             real TikTok
#   scripts/run-local.sh --offline   a local TikTok stand-in serves pages, captions and media from fixtures, and
#                                    plays the remote speech engine
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

# Offline, the stand-in also plays the remote speech engine (an OpenAI-compatible /v1/audio/transcriptions);
# TIKNEURON_SPEECH_ENGINE=builtin keeps the built-in Vosk engine instead.
if [ -n "${OFFLINE}" ]; then
    export TIKNEURON_SPEECH_ENGINE="${TIKNEURON_SPEECH_ENGINE:-remote}"
    export TIKNEURON_SPEECH_BASE_URL="${TIKNEURON_SPEECH_BASE_URL:-http://127.0.0.1:$((PORT_BASE + 10))/v1}"
fi

# diarization-service reads on-screen text with Tesseract and its eight language packs (docs/ON-SCREEN-TEXT.md)
tn_apt_install ${TN_TESSERACT_PACKAGES}

started_at=${SECONDS}
"${TN_ROOT}/scripts/stack.sh" start ${OFFLINE}
tn_log "all services ready in $((SECONDS - started_at)) s"

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

# The portal's demo login: signed up through the portal's own form (so it is a user like any other), with a
# password drawn once for this machine, and 1,000 credits granted by the operator when its balance is empty.
PORTAL="http://127.0.0.1:$((PORT_BASE + 6))"
DEMO_EMAIL="demo@example.com"
DEMO_PASSWORD_FILE="${TN_LOCAL}/demo-portal-password"
[ -s "${DEMO_PASSWORD_FILE}" ] || (umask 077; printf 'demo-%s' "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "${DEMO_PASSWORD_FILE}")
DEMO_PASSWORD="$(cat "${DEMO_PASSWORD_FILE}")"
portal_form() {
    local jar=$1 page=$2 token
    token="$(curl -fsS -c "${jar}" -b "${jar}" "${PORTAL}${page}" | sed -nE 's/.*name="csrf_token" value="([^"]+)".*/\1/p' | head -n 1)"
    shift 2
    curl -sS -o /dev/null -c "${jar}" -b "${jar}" --data-urlencode "csrf_token=${token}" "$@"
}
demo_jar="$(mktemp)"
portal_form "${demo_jar}" /signup --data-urlencode "email=${DEMO_EMAIL}" --data-urlencode "password=${DEMO_PASSWORD}" \
    --data-urlencode "confirm=${DEMO_PASSWORD}" "${PORTAL}/signup"
portal_form "${demo_jar}" /login --data-urlencode "email=${DEMO_EMAIL}" --data-urlencode "password=${DEMO_PASSWORD}" \
    "${PORTAL}/login"
dashboard="$(curl -fsS -b "${demo_jar}" "${PORTAL}/dashboard" || true)"
rm -f "${demo_jar}"
demo_account="$(printf '%s' "${dashboard}" | sed -nE 's/.*id="account-id">([^<]+)<.*/\1/p' | head -n 1)"
demo_credits="$(printf '%s' "${dashboard}" | sed -nE 's/.*id="credits-available">([0-9]+)<.*/\1/p' | head -n 1)"
if [ -n "${demo_account}" ] && [ "${demo_credits:-0}" = 0 ]; then
    admin -X POST "${BILLING}/admin/v1/accounts/${demo_account}/credits" -d '{"amount":1000,"reason":"demo"}' >/dev/null
fi
[ -n "${demo_account}" ] || tn_log "the portal's demo login could not be set up; see .local/local/portal.log"

VIDEO="https://www.tiktok.com/@username/video/7354861484037524768"

cat <<INFO

  TikNeuron is running.
    gateway        ${GATEWAY}   (Swagger UI: ${GATEWAY}/q/swagger-ui)
    portal         ${PORTAL}   demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}
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
    for service in billing-service subtitle-service summary-service diarization-service jobs-service gateway portal; do
        pid_file="${TN_LOCAL}/local/${service}.pid"
        if [ -f "${pid_file}" ] && ! kill -0 "$(cat "${pid_file}")" 2>/dev/null; then
            tn_log "${service} exited; see .local/local/${service}.log"
            rm -f "${pid_file}"
        fi
    done
done
