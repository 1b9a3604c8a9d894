#!/usr/bin/env bash
# Sets up the local infrastructure (PostgreSQL, Kafka) and runs every test of every module, then the end-to-end
# tests (and the abuse corpus) through the public gateway of a whole stack started from the built jars, with the
# TikTok stand-in, then the short fault scenarios and the short mixed load (docs/RELIABILITY.md).
#   scripts/test.sh                 everything
#   scripts/test.sh --no-e2e        module tests only
#   scripts/test.sh -pl billing-service -am    extra arguments go to Maven (module tests only)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

E2E=yes
MAVEN_ARGS=()
for arg in "$@"; do
    case "${arg}" in
        --no-e2e) E2E=no ;;
        *) MAVEN_ARGS+=("${arg}"); E2E=no ;;
    esac
done

pg_was_up=no; kafka_was_up=no; redis_was_up=no
tn_port_open 127.0.0.1 "${TIKNEURON_PG_PORT:-5432}" && pg_was_up=yes
tn_port_open 127.0.0.1 "${TIKNEURON_KAFKA_PORT:-9092}" && kafka_was_up=yes
tn_port_open 127.0.0.1 "${TIKNEURON_REDIS_PORT:-6379}" && redis_was_up=yes

cleanup() {
    TN_STACK=e2e "${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
    [ "${redis_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-redis || true
    [ "${kafka_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-kafka || true
    [ "${pg_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-postgres || true
}
trap cleanup EXIT

# ffmpeg decodes media for diarization; espeak-ng, flite, Festival and sox synthesise its test conversations; redis-server backs the
# gateway tests that kill their own Redis; haproxy balances the replicas of the stack checks
tn_apt_install curl postgresql-client ffmpeg espeak-ng sox flite festival festvox-kdlpc16k redis-server haproxy
# Tesseract and its eight language packs read on-screen text in diarization-service's tests
tn_apt_install ${TN_TESSERACT_PACKAGES}
"${TN_ROOT}/scripts/infra.sh" start
tn_log "running the tests of every module"
tn_mvnw verify "${MAVEN_ARGS[@]}"

[ "${E2E}" = yes ] || exit 0

tn_log "end-to-end: starting a stack on ports 18080-18090 with a fresh database and the TikTok stand-in"
command -v node >/dev/null 2>&1 || tn_apt_install nodejs
PYTHON=python3
if ! python3 -c 'import requests' >/dev/null 2>&1; then
    tn_apt_install python3-requests
    PYTHON=/usr/bin/python3
fi
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS tikneuron_e2e" -c "CREATE DATABASE tikneuron_e2e"
export TN_STACK=e2e TN_PORT_BASE=18080 TN_DB_NAME=tikneuron_e2e
"${TN_ROOT}/scripts/stack.sh" start --offline
tn_mvnw verify -Pe2e -pl e2e-tests -Dtikneuron.e2e.python="${PYTHON}"
# The developer portal in a real headless Chromium against the same stack; its screenshots go to docs/portal/
tn_apt_install chromium chromium-driver
tn_mvnw verify -Pbrowser -pl portal
"${TN_ROOT}/scripts/stack.sh" stop

# The short fault and load runs start stacks of their own, from the jars just built and tested.
tn_log "fault scenarios (short): kill -9 of each service, Kafka and PostgreSQL restarts, a slow and a dropping TikTok"
TN_TREE_JARS=1 "${TN_ROOT}/scripts/faults.sh" --short
tn_log "mixed load (short) through the gateway, with the credit check"
TN_TREE_JARS=1 "${TN_ROOT}/scripts/load.sh" --short
