#!/usr/bin/env bash
# Sets up the local infrastructure (PostgreSQL, Kafka) and runs every test of every module.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl billing-service -am
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

pg_was_up=no; kafka_was_up=no
tn_port_open 127.0.0.1 "${TIKNEURON_PG_PORT:-5432}" && pg_was_up=yes
tn_port_open 127.0.0.1 "${TIKNEURON_KAFKA_PORT:-9092}" && kafka_was_up=yes

cleanup() {
    [ "${kafka_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-kafka || true
    [ "${pg_was_up}" = yes ] || "${TN_ROOT}/scripts/infra.sh" stop-postgres || true
}
trap cleanup EXIT

"${TN_ROOT}/scripts/infra.sh" start
tn_log "running every test of every module"
tn_mvnw verify "$@"
