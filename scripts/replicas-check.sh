#!/usr/bin/env bash
# The checks of several gateway replicas, for real on this machine: a stack with TN_REPLICAS gateways (default 3)
# behind HAProxy, and a Redis of the check's own, then e2e-tests' GatewayReplicasTest against it:
#   - a key of 60 requests a minute sending 300 in a minute round-robin gets 60 ± 10 % accepted;
#   - an Idempotency-Key request in flight on replica 1 gets 409 on replica 2, then the replayed answer; one charge;
#   - Redis killed mid-run: no 5xx on plain requests, 503 on idempotent ones, nothing charged twice, shared limits
#     again once Redis is back.
# Everything it starts is stopped at the end (the shared PostgreSQL and Kafka are used, never stopped).
# Environment: TN_CHECK_PORT_BASE (default 18280: the stack takes base … base + 190, Redis base + 30),
#   TN_REPLICAS (default 3), TN_TREE_JARS=1 to run the tree's jars as built (else a snapshot of HEAD, as faults.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BASE="${TN_CHECK_PORT_BASE:-18280}"
export TN_STACK=replicas-check
export TN_PORT_BASE="${BASE}"
export TN_DB_NAME=tikneuron_replicas_check
export TN_REPLICAS="${TN_REPLICAS:-3}"
export TN_SETTLEMENTS_TOPIC="billing.settlements.replicas-check"
export TIKNEURON_REDIS_PORT=$((BASE + 30))
export TN_REDIS_DIR="${TN_LOCAL}/${TN_STACK}/redis"
# Eight JVMs start at once: on a busy 2-core machine that takes minutes
export TN_READY_TIMEOUT="${TN_READY_TIMEOUT:-600}"
# and their first database connections can wait longer than the pool's default 5 s
export QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT="${QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT:-60S}"

for port in "${BASE}" "$((BASE + 4))" "$((BASE + 10))" "${TIKNEURON_REDIS_PORT}"; do
    tn_port_open 127.0.0.1 "${port}" && tn_die "port ${port} is in use; is another check running? (set TN_CHECK_PORT_BASE)"
done

cleanup() {
    local rc=$?
    "${TN_ROOT}/scripts/stack.sh" stop || true
    "${TN_ROOT}/scripts/infra.sh" stop-redis || true
    exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tn_use_jdk
tn_apt_install redis-server haproxy postgresql-client curl
tn_snapshot_jars "${TN_STACK}"
"${TN_ROOT}/scripts/infra.sh" start
psql -h 127.0.0.1 -p "${TIKNEURON_DB_PORT:-5432}" -U postgres -q \
    -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
"${TN_ROOT}/scripts/stack.sh" start --offline

replicas=""
for i in $(seq 1 "${TN_REPLICAS}"); do
    replicas+="${replicas:+,}http://127.0.0.1:$((BASE + 20 * i))"
done
redis_env="TIKNEURON_REDIS_PORT=${TIKNEURON_REDIS_PORT} TN_REDIS_DIR=${TN_REDIS_DIR}"
tn_mvnw -q verify -Pe2e -pl e2e-tests -Dtest=GatewayReplicasTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtikneuron.e2e.gateway="http://127.0.0.1:${BASE}" \
    -Dtikneuron.e2e.billing="http://127.0.0.1:$((BASE + 4))" \
    -Dtikneuron.e2e.standin="http://127.0.0.1:$((BASE + 10))" \
    -Dtikneuron.e2e.gateway-management="http://127.0.0.1:$((BASE + 100))" \
    -Dtikneuron.e2e.admin-token-file="${TN_LOCAL}/${TN_STACK}/admin-token" \
    -Dtikneuron.e2e.service-credential-file="${TN_LOCAL}/${TN_STACK}/service-credential" \
    -Dtikneuron.e2e.gateway-replicas="${replicas}" \
    -Dtikneuron.e2e.redis-kill="kill -9 \$(cat ${TN_REDIS_DIR}/redis.pid)" \
    -Dtikneuron.e2e.redis-start="env ${redis_env} ${TN_ROOT}/scripts/infra.sh start-redis"
tn_log "replica checks passed (${TN_REPLICAS} gateways behind HAProxy)"
