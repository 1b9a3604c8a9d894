#!/usr/bin/env bash
# Mixed load (and soak) through the public gateway of a whole stack, with Gatling (load-tests/).
#   scripts/load.sh                    2 minutes at 30 requests/s
#   scripts/load.sh --short            30 s at 10 requests/s (CI; about 2 minutes in all with startup)
#   scripts/load.sh --soak             10 minutes at 20 requests/s, sampling memory and latency every 10 s
#   --rate N  --duration S  --p99 MS   override the arrival rate, the measured duration and the p99 bound
# Starts its own stack (TN_STACK=load, ports 20080-20090, database tikneuron_load recreated, jars built from the
# committed HEAD in .local/load-build/, or the tree's own with TN_TREE_JARS=1) with the TikTok stand-in and a
# per-key rate limit high enough for the run, creates the customers, runs Gatling, checks that billing took exactly
# the credits the responses said they charged, and stops the stack. Exits non-zero when a
# Gatling assertion (no error, p99 bound), the credit check or (soak) the flatness check fails.
# Results: load-tests/target/load-run/ (latency.csv, charged.properties, memory.csv) and the Gatling HTML report
# under load-tests/target/gatling/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MODE=default RATE=30 DURATION=120 P99_MS=2000 CUSTOMERS=4 POOL=40
while [ $# -gt 0 ]; do
    case "$1" in
        --short) MODE=short RATE=10 DURATION=30 POOL=10 P99_MS=8000 ;;
        --soak) MODE=soak RATE=20 DURATION=600 ;;
        --rate) RATE=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --p99) P99_MS=$2; shift ;;
        *) echo "usage: $0 [--short|--soak] [--rate N] [--duration S] [--p99 MS]" >&2; exit 2 ;;
    esac
    shift
done

export TN_STACK=load TN_PORT_BASE="${TN_LOAD_PORT_BASE:-20080}" TN_DB_NAME=tikneuron_load
# neither the portal nor jobs-service has a part in these runs
export TN_WITHOUT="portal jobs-service"
# A topic of its own, emptied each run: events other stacks left on the broker (a benchmark leaves millions) must
# not stand between this run's captures and billing.
export TN_SETTLEMENTS_TOPIC=billing.settlements.load
# The per-key limit of the contract (60/min) would refuse most of a load run; raise it for this stack only.
export TIKNEURON_RATE_LIMIT_PER_MINUTE=600000 TIKNEURON_RATE_LIMIT_BURST=100000
# The key lookup carries the plan, which the gateway applies over its own defaults: billing's default plan too
export TIKNEURON_PLAN_REQUESTS_PER_MINUTE=600000 TIKNEURON_PLAN_BURST=100000
# Holds of requests that failed half-way expire within 90 s, so the credit check below can wait for all of them.
export TIKNEURON_HOLD_TTL="${TIKNEURON_HOLD_TTL:-90s}" TIKNEURON_HOLD_EXPIRY_INTERVAL="${TIKNEURON_HOLD_EXPIRY_INTERVAL:-2s}"
GATEWAY="http://127.0.0.1:${TN_PORT_BASE}"
BILLING="http://127.0.0.1:$((TN_PORT_BASE + 4))"
OUT="${TN_ROOT}/load-tests/target/load-run"
STACK_DIR="${TN_LOCAL}/${TN_STACK}"
SAMPLER_PID=

tn_use_jdk
started_at=${SECONDS}

cleanup() {
    [ -n "${SAMPLER_PID}" ] && kill "${SAMPLER_PID}" 2>/dev/null || true
    "${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

"${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
# The stack runs from a snapshot of the jars (built from HEAD; the tree's own with TN_TREE_JARS=1): lib.sh.
tn_snapshot_jars load
# A fresh database, so every run starts with empty caches (stack.sh starts PostgreSQL and Kafka when needed).
if tn_port_open 127.0.0.1 "${TIKNEURON_PG_PORT:-5432}"; then
    psql -h 127.0.0.1 -p "${TIKNEURON_PG_PORT:-5432}" -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" 2>&1 | grep -v NOTICE || true
fi
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/infra.sh" topic "${TN_SETTLEMENTS_TOPIC}" --fresh
tn_log "starting the load stack on ports ${TN_PORT_BASE}-$((TN_PORT_BASE + 10))"
"${TN_ROOT}/scripts/stack.sh" start --offline
TOKEN="$("${TN_ROOT}/scripts/stack.sh" admin-token)"
CREDENTIAL="$("${TN_ROOT}/scripts/stack.sh" service-credential)"

rm -rf "${OUT}"
mkdir -p "${OUT}"
echo key > "${OUT}/keys.csv"
: > "${OUT}/accounts.txt"
for i in $(seq 1 "${CUSTOMERS}"); do
    account=$(curl -fsS -X POST "${BILLING}/admin/v1/accounts" -H "Authorization: Bearer ${TOKEN}" \
        -H 'Content-Type: application/json' -d "{\"name\":\"load-${i}\",\"credits\":10000000}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -fsS -X POST "${BILLING}/admin/v1/accounts/${account}/keys" -H "Authorization: Bearer ${TOKEN}" \
        -H 'Content-Type: application/json' -d '{"mode":"live"}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' >> "${OUT}/keys.csv"
    echo "${account}" >> "${OUT}/accounts.txt"
done

# Prints "credits reserved" summed over the load accounts.
balances() {
    local account credits=0 reserved=0 pair
    while read -r account; do
        pair=$(curl -fsS -H "X-Service-Credential: ${CREDENTIAL}" "${BILLING}/internal/v1/accounts/${account}/balance" \
            | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["credits"], b["reserved"])')
        credits=$((credits + ${pair% *}))
        reserved=$((reserved + ${pair#* }))
    done < "${OUT}/accounts.txt"
    echo "${credits} ${reserved}"
}
before=$(balances)

# Soak: every 10 s, each service's RSS (ps), heap used and live data after the last old-generation GC (/q/metrics;
# 0 until one has run).
sample() {
    local t0=${SECONDS} service port pid metrics
    echo "t_s,service,rss_kb,heap_used_bytes,live_after_gc_bytes" > "${OUT}/memory.csv"
    while true; do
        for service in gateway subtitle-service summary-service diarization-service billing-service; do
            case "${service}" in
                gateway) port=${TN_PORT_BASE} ;; subtitle-service) port=$((TN_PORT_BASE + 1)) ;;
                summary-service) port=$((TN_PORT_BASE + 2)) ;; diarization-service) port=$((TN_PORT_BASE + 3)) ;;
                billing-service) port=$((TN_PORT_BASE + 4)) ;;
            esac
            pid=$(cat "${STACK_DIR}/${service}.pid")
            metrics=$(curl -fs "http://127.0.0.1:$((port + 100))/q/metrics" || true)
            echo "$((SECONDS - t0)),${service},$(ps -o rss= -p "${pid}" | tr -d ' '),$(
                awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s}' <<< "${metrics}"),$(
                awk '/^jvm_gc_live_data_size_bytes/ {s += $NF} END {printf "%.0f", s}' <<< "${metrics}")" \
                >> "${OUT}/memory.csv"
        done
        sleep 10
    done
}
if [ "${MODE}" = soak ]; then
    sample &
    SAMPLER_PID=$!
fi

tn_log "Gatling: ${RATE} requests/s for ${DURATION} s (${MODE}), p99 bound ${P99_MS} ms"
gatling_rc=0
touch "${OUT}/started"
tn_mvnw -Pload -pl load-tests test-compile gatling:test \
    -Dtikneuron.load.gateway="${GATEWAY}" -Dtikneuron.load.keys="${OUT}/keys.csv" \
    -Dtikneuron.load.rate="${RATE}" -Dtikneuron.load.duration="${DURATION}" -Dtikneuron.load.p99-ms="${P99_MS}" \
    -Dtikneuron.load.out="${OUT}" -Dtikneuron.load.pool="${POOL}" > "${OUT}/gatling.log" 2>&1 || gatling_rc=$?
# The final summary of Gatling's console output, and its assertions.
awk '/^---- Global Information/ {block = ""; grab = 1} grab {block = block $0 "\n"}
     grab && /^=+$/ {last = block; grab = 0} END {printf "%s", last}' "${OUT}/gatling.log"
grep -E "^Global: " "${OUT}/gatling.log" || true
if [ -n "${SAMPLER_PID}" ]; then
    kill "${SAMPLER_PID}" 2>/dev/null || true
    SAMPLER_PID=
fi
REPORT=$(find "${TN_ROOT}/load-tests/target/gatling" -mindepth 1 -maxdepth 1 -type d -newer "${OUT}/started" 2>/dev/null | head -n 1)
[ -n "${REPORT}" ] && REPORT="${REPORT}/"
[ -n "${REPORT}" ] && tn_log "HTML report: ${REPORT}index.html"

# Credits: once every hold is settled, billing must have taken exactly what the responses said they charged.
credits_rc=0
if [ -f "${OUT}/charged.properties" ]; then
    deadline=$((SECONDS + 150))
    after=$(balances)
    while [ "${after#* }" != 0 ] && [ "${SECONDS}" -lt "${deadline}" ]; do
        sleep 1
        after=$(balances)
    done
    taken=$(( ${before% *} - ${after% *} ))
    seen=$(awk -F= '$1 == "total" {print $2}' "${OUT}/charged.properties")
    tn_log "credits: the responses said ${seen} charged; billing took ${taken} (still reserved: ${after#* })"
    if [ "${taken}" != "${seen}" ] || [ "${after#* }" != 0 ]; then
        tn_log "credit check FAILED"
        credits_rc=1
    fi
else
    tn_log "no charged.properties: the simulation did not finish"
    credits_rc=1
fi

flat_rc=0
if [ "${MODE}" = soak ]; then
    [ -f "${OUT}/latency.csv" ] || flat_rc=1
    [ "${flat_rc}" = 0 ] && python3 - "${OUT}" <<'EOF' || flat_rc=$?
# Flat means: the last minute is not worse than the second minute (the first is warm-up) beyond a tolerance.
# p99 latency (worst 10 s window of the minute): last <= 1.5 x second + 25 ms. Memory of every service: heap after
# GC (the lowest heap used sampled in the minute, the floor of the saw-tooth) and RSS (mean): last <= 1.25 x second
# + 32 MiB.
import csv, statistics, sys
out = sys.argv[1]
lat = list(csv.DictReader(open(f"{out}/latency.csv")))
end = max(int(r["window_start_s"]) for r in lat)
def p99(lo, hi):
    rows = [r for r in lat if lo <= int(r["window_start_s"]) < hi]
    return max(int(r["p99_ms"]) for r in rows)
second, last = p99(60, 120), p99(end - 50, end + 10)
ok = True
line = f"gateway p99: second minute {second} ms, last minute {last} ms"
if last > 1.5 * second + 25:
    ok = False; line += "  NOT FLAT"
print(line)
mem = list(csv.DictReader(open(f"{out}/memory.csv")))
t_end = max(int(r["t_s"]) for r in mem)
for service in sorted({r["service"] for r in mem}):
    rows = [r for r in mem if r["service"] == service]
    for column, label, pick in (("heap_used_bytes", "heap after GC", min), ("rss_kb", "RSS", statistics.mean)):
        scale = 1 if column.endswith("bytes") else 1024
        def level(lo, hi):
            values = [int(r[column] or 0) * scale for r in rows if lo <= int(r["t_s"]) < hi]
            return pick(values) if values else 0
        a, b = level(60, 120), level(t_end - 60, t_end + 1)
        verdict = "" if b <= 1.25 * a + 32 * 2**20 else "  NOT FLAT"
        ok = ok and not verdict
        print(f"{service} {label}: second minute {a / 2**20:.0f} MiB, last minute {b / 2**20:.0f} MiB{verdict}")
sys.exit(0 if ok else 1)
EOF
    tn_log "soak flatness: $([ "${flat_rc}" = 0 ] && echo flat || echo NOT FLAT) (samples: ${OUT}/memory.csv, ${OUT}/latency.csv)"
fi

tn_log "done in $((SECONDS - started_at)) s: gatling rc ${gatling_rc}, credits rc ${credits_rc}, flatness rc ${flat_rc}"
[ "${gatling_rc}" = 0 ] && [ "${credits_rc}" = 0 ] && [ "${flat_rc}" = 0 ]
