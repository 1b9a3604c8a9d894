#!/usr/bin/env bash
# Fault scenarios against a stack of their own: kill -9 of each service in turn, a Kafka broker restart, a
# PostgreSQL restart, a slow and a connection-dropping TikTok, each during steady traffic, two of them (kill -9 of
# jobs-service, a broker restart) in the middle of a batch of jobs; then the ledger checks.
#   scripts/faults.sh [--short|--long] [scenario ...]
# Scenarios (default: all): kill-gateway kill-subtitle-service kill-summary-service kill-diarization-service
#   kill-billing-service kill-jobs-service kafka-restart kafka-restart-batch postgres-restart tiktok-slow
#   settlements-late tiktok-drops
# --short (default, for CI) runs a few seconds of traffic around each fault; --long a few minutes.
# Isolation: its own PostgreSQL cluster (127.0.0.1:15432, data in .local/faults-infra/postgres), its own Kafka
# broker (127.0.0.1:19092, data in .local/faults-infra/kafka) and the stack "faults" on ports 19080-19090, all
# created fresh and stopped at the end. The machine's PostgreSQL on 5432 and the Kafka on 9092 are never touched.
# Redis (the gateways' shared state) is its own too: 127.0.0.1:16379, data in .local/faults-infra/redis.
# TN_FAULTS_PORT_BASE, TN_FAULTS_PG_PORT, TN_FAULTS_KAFKA_PORT, TN_FAULTS_REDIS_PORT move all of it elsewhere.
# The services run from jars built from the committed HEAD in .local/faults-build (rebuilt when HEAD changes), so
# builds and edits in the working tree cannot change them mid-run; TN_TREE_JARS=1 runs the tree's own jars (CI).
# The report of the last run: fault-tests/target/faults-report.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MODE=short
SCENARIOS=()
for arg in "$@"; do
    case "${arg}" in
        --short) MODE=short ;;
        --long) MODE=long ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        -*) tn_die "unknown option ${arg}" ;;
        *) SCENARIOS+=("${arg}") ;;
    esac
done

INFRA_DIR="${TN_LOCAL}/faults-infra"
export TN_STACK=faults
# the portal has no part in these runs (one JVM less to start and restart on two cores)
export TN_WITHOUT="portal"
export TN_PORT_BASE="${TN_FAULTS_PORT_BASE:-19080}"
export TN_DB_NAME=tikneuron_faults
export TIKNEURON_PG_PORT="${TN_FAULTS_PG_PORT:-15432}"
export TIKNEURON_DB_PORT="${TIKNEURON_PG_PORT}"
export TIKNEURON_KAFKA_PORT="${TN_FAULTS_KAFKA_PORT:-19092}"
export TIKNEURON_KAFKA_BOOTSTRAP="127.0.0.1:${TIKNEURON_KAFKA_PORT}"
export TIKNEURON_REDIS_PORT="${TN_FAULTS_REDIS_PORT:-16379}"
export TN_REDIS_DIR="${INFRA_DIR}/redis"
export TN_PG_DIR="${INFRA_DIR}/postgres"
export TN_KAFKA_DIR="${INFRA_DIR}/kafka"
export TIKNEURON_TEST_DB_NAME=tikneuron_faults_test
# Short holds and a fast expiry job, so "no hold stays pending past its TTL" is checked within the run (the TTL
# must outlast the settlement lag after a billing kill: about a minute while Kafka moves its partitions); no rate
# limit in the way of the traffic; TikTok fetches time out after 3 s, so the slow stand-in can exceed it.
export TIKNEURON_HOLD_TTL="${TIKNEURON_HOLD_TTL:-120s}"
export TIKNEURON_HOLD_EXPIRY_INTERVAL="${TIKNEURON_HOLD_EXPIRY_INTERVAL:-2s}"
export TIKNEURON_INVARIANT_CHECK_INTERVAL=5s
export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000 TIKNEURON_PLAN_REQUESTS_PER_MINUTE=1000000
export TIKNEURON_RATE_LIMIT_BURST=1000000 TIKNEURON_PLAN_BURST=1000000
export TIKNEURON_TIKTOK_REQUEST_TIMEOUT=3s
# A jobs worker renews its lease every third of it; a short one lets the batch scenarios see a killed worker's jobs
# taken over, settled and run again within the run, and a fast recovery sweep finds them soon after.
export TIKNEURON_JOB_LEASE="${TIKNEURON_JOB_LEASE:-15s}"
export TIKNEURON_JOB_RECOVERY_INTERVAL="${TIKNEURON_JOB_RECOVERY_INTERVAL:-2s}"
export TN_READY_TIMEOUT="${TN_READY_TIMEOUT:-180}"

for port in "${TIKNEURON_PG_PORT}" "${TIKNEURON_KAFKA_PORT}" "$((TIKNEURON_KAFKA_PORT + 1))" "${TIKNEURON_REDIS_PORT}" \
        "${TN_PORT_BASE}" "$((TN_PORT_BASE + 4))" "$((TN_PORT_BASE + 5))" "$((TN_PORT_BASE + 10))"; do
    tn_port_open 127.0.0.1 "${port}" && tn_die "port ${port} is in use; is another fault run going? (scripts/faults.sh stops what it starts)"
done

cleanup() {
    local rc=$?
    tn_log "stopping the fault stack and its infrastructure"
    "${TN_ROOT}/scripts/stack.sh" stop || true
    "${TN_ROOT}/scripts/infra.sh" stop || true
    exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tn_use_jdk
rm -rf "${INFRA_DIR}"
mkdir -p "${INFRA_DIR}"
started=${SECONDS}
# The stack runs from a snapshot of the jars (built from HEAD; the tree's own with TN_TREE_JARS=1): lib.sh.
tn_snapshot_jars faults
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/stack.sh" start --offline
tn_log "fault stack ready in $((SECONDS - started)) s"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
scenario_list="$(IFS=,; echo "${SCENARIOS[*]:-}")"
tn_mvnw -q -P faults -pl fault-tests verify \
    -Dtikneuron.faults.mode="${MODE}" \
    -Dtikneuron.faults.scenarios="${scenario_list}" \
    -Dtikneuron.faults.root="${TN_ROOT}" \
    -Dtikneuron.faults.port-base="${TN_PORT_BASE}" \
    -Dtikneuron.faults.jdbc="jdbc:postgresql://127.0.0.1:${TIKNEURON_PG_PORT}/${TN_DB_NAME}" \
    -Dtikneuron.faults.pg-bin="${pg_bin}" \
    -Dtikneuron.faults.pg-data="${TN_PG_DIR}/data" \
    -Dtikneuron.faults.hold-ttl-seconds="${TIKNEURON_HOLD_TTL%s}" \
    -Dtikneuron.faults.expiry-interval-seconds="${TIKNEURON_HOLD_EXPIRY_INTERVAL%s}"
tn_log "fault scenarios passed in $((SECONDS - started)) s in all; report: fault-tests/target/faults-report.md"
