#!/usr/bin/env bash
# Cached-hit subtitle requests through the whole stack (client → gateway → subtitle-service, which answers from
# its cache and records the free use on Kafka), with the TikTok stand-in behind it. Starts its own stack on ports
# 28080-28090 with its own database, warms it up, measures with wrk at steady rates (each request on an even
# schedule, scripts/bench/cached-subtitle.lua) and then at saturation, prints a Markdown table.
#   scripts/bench-stack.sh [--duration 30] [--connections 32] [--rates "1500 2000"] [--warmup 30]
# Environment (for running beside other stacks): TN_BENCH_PORT_BASE (28080), TN_BENCH_STACK (bench),
#   TN_BENCH_DB_NAME (tikneuron_benchstack), TN_BENCH_TOPIC (billing.settlements.bench-stack)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

DURATION=30
CONNECTIONS=32
RATES="1500 2000"
WARMUP=30
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --rates) RATES=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

export TN_STACK="${TN_BENCH_STACK:-bench}" TN_PORT_BASE="${TN_BENCH_PORT_BASE:-28080}" TN_DB_NAME="${TN_BENCH_DB_NAME:-tikneuron_benchstack}"
# Its own topic, emptied each run: a run leaves millions of free-use events that no other stack must have to read.
export TN_SETTLEMENTS_TOPIC="${TN_BENCH_TOPIC:-billing.settlements.bench-stack}"
# The per-key limit would otherwise answer 429 to a benchmark; it is measured by the gateway's own tests.
export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 TIKNEURON_RATE_LIMIT_BURST=1000000000
export TIKNEURON_PLAN_REQUESTS_PER_MINUTE=1000000000 TIKNEURON_PLAN_BURST=1000000000
export TN_JAVA_OPTS="-Xms256m -Xmx512m"
GATEWAY="http://127.0.0.1:${TN_PORT_BASE}"
BILLING="http://127.0.0.1:$((TN_PORT_BASE + 4))"
WORK="${TN_LOCAL}/${TN_STACK}-stack"
mkdir -p "${WORK}"

tn_apt_install wrk curl
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/infra.sh" topic "${TN_SETTLEMENTS_TOPIC}" --fresh
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

# Waits (at most 60 s) until the stack's JVMs use less than a tenth of a core together: billing records the free
# uses of a run from Kafka a little behind, and that backlog must not fall into the next measurement.
settle() {
    local pids ticks_before ticks_after tries=0
    pids=$(cat "${TN_LOCAL}/${TN_STACK}/"*.pid 2>/dev/null || true)
    jvm_ticks() { local p t=0; for p in ${pids}; do t=$((t + $(awk '{print $14 + $15}' "/proc/${p}/stat" 2>/dev/null || echo 0))); done; echo "${t}"; }
    while [ "${tries}" -lt 60 ]; do
        ticks_before=$(jvm_ticks)
        sleep 1
        ticks_after=$(jvm_ticks)
        if [ $((ticks_after - ticks_before)) -lt $(( $(getconf CLK_TCK) / 10 )) ]; then
            tn_log "the stack is idle after ${tries} s"
            return 0
        fi
        tries=$((tries + 1))
    done
    tn_log "the stack did not settle within 60 s; measuring anyway"
}

# The JIT compilers of five JVMs need more than a few seconds of traffic before the code path is compiled: the
# warm-up is ${WARMUP} s at saturation, then ${WARMUP} s at the first steady rate, neither measured.
first_rate=${RATES%% *}
tn_log "warming up (${WARMUP} s at saturation, ${WARMUP} s at ${first_rate}/s)"
wrk -t2 -c"${CONNECTIONS}" -d"${WARMUP}s" -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" >/dev/null
settle
wrk -t2 -c"${CONNECTIONS}" -d"${WARMUP}s" -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" "$((first_rate / 2))" >/dev/null
for rate in ${RATES}; do
    settle
    # two wrk threads, each sending half the rate on its own schedule
    tn_log "measuring cached hits at a steady ${rate}/s for ${DURATION} s"
    wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" --latency -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
        "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" "$((rate / 2))" > "${WORK}/paced-${rate}.txt"
done
settle
tn_log "measuring cached hits at saturation for ${DURATION} s with ${CONNECTIONS} connections"
wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" --latency -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
    "${GATEWAY}/api/v1/tiktok/subtitle" -- "${key}" > "${WORK}/saturation.txt"
balance=$(curl -fsS "${GATEWAY}/api/v1/account/credits" -H "API-KEY: ${key}")

field() { awk -v f="$2" '$1 == f {print $2}' "$1"; }
runs=("${WORK}/saturation.txt")
header="| cached subtitle hits through the gateway | at saturation (${CONNECTIONS} connections)"
rule="|---|---:"
for rate in ${RATES}; do
    runs+=("${WORK}/paced-${rate}.txt")
    header+=" | steady ${rate}/s"
    rule+="|---:"
done
row() {
    local label=$1 file line="| $1"
    shift
    for file in "${runs[@]}"; do
        line+=" | $("$@" "${file}")"
    done
    echo "${line} |"
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p50() { field "$1" 50%; }
p90() { field "$1" 90%; }
p99() { field "$1" 99%; }
errors() { awk -F= '/non_2xx_or_errors/ {print $2}' "$1"; }
echo
echo "${header} |"
echo "${rule}|"
row "requests/s (achieved)" rps
row p50 p50
row p90 p90
row p99 p99
row "non-2xx or socket errors" errors
echo
echo "Balance afterwards (1,000 granted, one fresh answer charged, every hit free): ${balance}"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
