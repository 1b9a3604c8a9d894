#!/usr/bin/env bash
# Jobs throughput and webhook latency through a whole stack with the TikTok stand-in (scripts/bench/jobs.py):
# a batch of uncached subtitles, the same batch again (every item cached), and a batch with a webhook to a local
# receiver. Starts its own stack (ports TN_PORT_BASE.. +10, default 28280) with its own database and topics.
#   scripts/bench-jobs.sh [--items 500]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

ITEMS=500
while [ $# -gt 0 ]; do
    case "$1" in
        --items) ITEMS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

export TN_STACK=bench-jobs TN_PORT_BASE="${TN_PORT_BASE:-28280}" TN_DB_NAME=tikneuron_benchjobs
export TN_SETTLEMENTS_TOPIC=billing.settlements.bench-jobs TN_JOBS_TOPIC=jobs.queued.bench-jobs
# The per-key limit would otherwise answer 429 to the polling; the receiver is on loopback over plain http
export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 TIKNEURON_RATE_LIMIT_BURST=1000000000
export TIKNEURON_WEBHOOKS_ALLOW_LOCAL=true
BASE="${TN_PORT_BASE}"

tn_apt_install curl python3-requests
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/infra.sh" topic "${TN_SETTLEMENTS_TOPIC}" --fresh
"${TN_ROOT}/scripts/infra.sh" topic "${TN_JOBS_TOPIC}" --fresh
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
trap '"${TN_ROOT}/scripts/stack.sh" stop' EXIT
"${TN_ROOT}/scripts/stack.sh" start --offline

tn_log "load average before: $(uptime)"
python3 "${TN_ROOT}/scripts/bench/jobs.py" --gateway "http://127.0.0.1:${BASE}" \
    --billing "http://127.0.0.1:$((BASE + 4))" --jobs-management "http://127.0.0.1:$((BASE + 105))" \
    --admin-token "$("${TN_ROOT}/scripts/stack.sh" admin-token)" --receiver-port $((BASE + 20)) --items "${ITEMS}"
tn_log "load average after: $(uptime)"
