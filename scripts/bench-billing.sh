#!/usr/bin/env bash
# Benchmarks billing-service on this machine: holds/s with latency percentiles (wrk, closed loop) and
# settlements/s (a topic pre-filled with capture events, drained by a freshly started consumer).
# Uses its own database (tikneuron_bench) and topic (billing.settlements.bench); prints a Markdown table.
# Holds go round-robin over --accounts accounts; one account is the worst case, since its holds serialise on
# one row and every commit waits for its own WAL flush.
# Hold latency is also measured paced at about --rate holds/s (wrk with a pause per connection; the achieved
# rate is printed beside it).
# The service runs from a private copy of its build (.local/bench-billing/app), so a rebuild of the working tree
# during the run cannot pull jars from under it; --app benches another build's quarkus-app directory instead
# (e.g. an older commit's, for a before/after comparison), skipping the build.
# The service's JVM gets a fixed 512 MB heap and the parallel collector (--java-opts overrides): with only -Xmx,
# G1 started from a heap that shrank to 40 MB and collected every ~1.3 s under load; at the paced rate the
# parallel collector's pauses measured 1-3 ms against G1's 3-4 ms, with no GC threads between pauses.
#   scripts/bench-billing.sh [--duration 30] [--connections 16] [--accounts 64] [--rate 2000] [--settlements 50000]
#                            [--app DIR] [--java-opts "..."] [--holds-only]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

DURATION=30
CONNECTIONS=16
SETTLEMENTS=50000
ACCOUNTS=64
RATE=2000
APP=""
JAVA_OPTS_BENCH="-Xms512m -Xmx512m -XX:+UseParallelGC"
HOLDS_ONLY=no
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --settlements) SETTLEMENTS=$2; shift 2 ;;
        --accounts) ACCOUNTS=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --app) APP=$(cd "$2" && pwd); shift 2 ;;
        --java-opts) JAVA_OPTS_BENCH=$2; shift 2 ;;
        --holds-only) HOLDS_ONLY=yes; shift ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

PORT=18084
DB=tikneuron_bench
TOPIC=billing.settlements.bench
TOKEN="bench-$(tn_random_secret)"
export TIKNEURON_SERVICE_CREDENTIAL="$(tn_random_secret)"
WORK="${TN_LOCAL}/bench-billing"
mkdir -p "${WORK}"
JAR="${WORK}/app/quarkus-run.jar"
PSQL=(psql -h 127.0.0.1 -U postgres -qAt -v ON_ERROR_STOP=1)
KAFKA_CP="${TN_LOCAL}/kafka/libs/*"

tn_apt_install wrk postgresql-client
"${TN_ROOT}/scripts/infra.sh" start
if [ -z "${APP}" ]; then
    tn_mvnw -q -pl billing-service -am package -DskipTests
    APP="${TN_ROOT}/billing-service/target/quarkus-app"
fi
rm -rf "${WORK}/app"
cp -r "${APP}" "${WORK}/app"

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${DB}" -c "CREATE DATABASE ${DB}"
java -cp "${KAFKA_CP}" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
    --delete --if-exists --topic "${TOPIC}" >/dev/null 2>&1 || true
java -cp "${KAFKA_CP}" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
    --create --if-not-exists --topic "${TOPIC}" --partitions 3 --replication-factor 1 >/dev/null

billing_pid=""
start_billing() {
    TIKNEURON_HTTP_PORT=${PORT} TIKNEURON_MANAGEMENT_PORT=$((PORT + 100)) TIKNEURON_DB_NAME=${DB} TIKNEURON_SETTLEMENTS_TOPIC=${TOPIC} \
    TIKNEURON_ADMIN_TOKEN="${TOKEN}" TIKNEURON_HOLD_TTL=24H QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    QUARKUS_LOG_LEVEL=WARN \
        java ${JAVA_OPTS_BENCH} -jar "${JAR}" > "${WORK}/billing.log" 2>&1 &
    billing_pid=$!
    for _ in $(seq 1 120); do
        curl -fs -m 5 "http://127.0.0.1:$((PORT + 100))/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    tail -n 40 "${WORK}/billing.log" >&2
    tn_die "billing-service did not become ready"
}
stop_billing() {
    if [ -n "${billing_pid}" ] && kill -0 "${billing_pid}" 2>/dev/null; then
        kill "${billing_pid}"
        wait "${billing_pid}" 2>/dev/null || true
    fi
    billing_pid=""
}
trap stop_billing EXIT

start_billing
accounts=""
for i in $(seq 1 "${ACCOUNTS}"); do
    id=$(curl -fs -X POST "http://127.0.0.1:${PORT}/admin/v1/accounts" -H "Authorization: Bearer ${TOKEN}" \
        -H 'Content-Type: application/json' -d "{\"name\":\"bench-${i}\",\"credits\":1000000000}" \
        | sed -E 's/.*"id":"([^"]+)".*/\1/')
    accounts="${accounts:+${accounts},}${id}"
done

tn_log "warming up (10 s)"
wrk -t2 -c"${CONNECTIONS}" -d10s -s "${TN_ROOT}/scripts/bench/holds.lua" "http://127.0.0.1:${PORT}" -- "${accounts}" warm >/dev/null
tn_log "measuring holds for ${DURATION} s with ${CONNECTIONS} connections"
wrk -t2 -c"${CONNECTIONS}" -d"${DURATION}s" --latency -s "${TN_ROOT}/scripts/bench/holds.lua" \
    "http://127.0.0.1:${PORT}" -- "${accounts}" run > "${WORK}/wrk.txt"
holds_per_s=$(awk '/Requests\/sec/ {print $2}' "${WORK}/wrk.txt")
p50=$(awk '/^ +50%/ {print $2}' "${WORK}/wrk.txt")
p90=$(awk '/^ +90%/ {print $2}' "${WORK}/wrk.txt")
p99=$(awk '/^ +99%/ {print $2}' "${WORK}/wrk.txt")
failed=$(awk -F= '/non_2xx_or_errors/ {print $2}' "${WORK}/wrk.txt")

# Latency at a paced rate: 16 connections, each pausing before every request so that together they send about
# RATE holds/s. A first run measures what a pause gives; the second, reported, corrects the pause by it (wrk
# pauses in whole milliseconds). The rate actually achieved is printed beside the latency.
paced_run() {
    wrk -t2 -c16 -d"$2s" --latency -s "${TN_ROOT}/scripts/bench/holds.lua" \
        "http://127.0.0.1:${PORT}" -- "${accounts}" "paced$1" "$1" > "${WORK}/wrk-paced.txt"
}
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else {sub(/s/, "", v); v*=1000}; print v}'; }
pause_ms=$((16000 / RATE))
paced_run "${pause_ms}" 10
achieved=$(awk '/Requests\/sec/ {print $2}' "${WORK}/wrk-paced.txt")
latency=$(awk '/Latency/ && !/Distribution/ {print $2; exit}' "${WORK}/wrk-paced.txt" | to_ms)
pause_ms=$(awk -v p="${pause_ms}" -v a="${achieved}" -v r="${RATE}" -v l="${latency}" \
    'BEGIN {q = (p + l) * a / r - l; if (q < 0) q = 0; printf "%d", q + 0.5}')
tn_log "measuring hold latency paced at about ${RATE} holds/s (16 connections, ${pause_ms} ms pause) for ${DURATION} s"
paced_run "${pause_ms}" "${DURATION}"
paced_per_s=$(awk '/Requests\/sec/ {print $2}' "${WORK}/wrk-paced.txt")
paced_p50=$(awk '/^ +50%/ {print $2}' "${WORK}/wrk-paced.txt")
paced_p90=$(awk '/^ +90%/ {print $2}' "${WORK}/wrk-paced.txt")
paced_p99=$(awk '/^ +99%/ {print $2}' "${WORK}/wrk-paced.txt")
failed=$((failed + $(awk -F= '/non_2xx_or_errors/ {print $2}' "${WORK}/wrk-paced.txt")))

if [ "${HOLDS_ONLY}" = yes ]; then
    stop_billing
    cat <<TABLE

| measure | result |
|---|---|
| holds/s at saturation (wrk, ${CONNECTIONS} connections, ${ACCOUNTS} accounts, ${DURATION} s) | ${holds_per_s} |
| hold latency at saturation p50 / p90 / p99 | ${p50} / ${p90} / ${p99} |
| holds/s achieved when paced at about ${RATE}/s | ${paced_per_s} |
| hold latency when paced p50 / p90 / p99 | ${paced_p50} / ${paced_p90} / ${paced_p99} |
| non-201 answers or socket errors | ${failed} |
TABLE
    exit 0
fi

tn_log "stopping billing, filling ${TOPIC} with ${SETTLEMENTS} capture events"
stop_billing
"${PSQL[@]}" -d "${DB}" -c "SELECT account_id || '|' || json_build_object('event_id', id || ':captured',
        'type', 'hold.captured', 'version', 1, 'hold_id', id, 'account_id', account_id, 'amount', amount,
        'capability', capability, 'video_id', video_id, 'reason', 'bench',
        'occurred_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))
      FROM billing.holds WHERE status = 'pending' ORDER BY created_at LIMIT ${SETTLEMENTS}" > "${WORK}/events.txt"
events=$(wc -l < "${WORK}/events.txt")
java -cp "${KAFKA_CP}" org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --topic "${TOPIC}" \
    --property parse.key=true --property key.separator='|' --producer-property acks=all \
    < "${WORK}/events.txt" 2>/dev/null

tn_log "draining ${events} settlements with a fresh consumer"
start_billing
# Polled every 0.1 s from one psql session: the end of the drain is the database's clock at the first poll that
# finds every event recorded (at most one poll late, which only lowers the rate). The start is the earliest
# processed_at, which is the start of the first batch's transaction.
coproc POLL { "${PSQL[@]}" -F ' ' -d "${DB}"; }
poll_in=${POLL[1]}
poll_out=${POLL[0]}
poll_pid=${POLL_PID}
finished=""
for _ in $(seq 1 3000); do
    echo "SELECT count(*), extract(epoch FROM clock_timestamp()) FROM billing.processed_events;" >&"${poll_in}"
    read -r done_count polled_at <&"${poll_out}"
    if [ "${done_count}" -ge "${events}" ]; then
        finished=${polled_at}
        break
    fi
    sleep 0.1
done
exec {poll_in}>&-
wait "${poll_pid}" 2>/dev/null || true
[ -n "${finished}" ] || tn_die "settlements not drained within 5 minutes"
read -r applied started span < <("${PSQL[@]}" -F ' ' -d "${DB}" -c "SELECT count(*) FILTER (WHERE outcome = 'applied'),
        extract(epoch FROM min(processed_at)),
        greatest(extract(epoch FROM max(processed_at) - min(processed_at)), 0.001) FROM billing.processed_events")
settlements_per_s=$(awk -v n="${applied}" -v a="${started}" -v b="${finished}" 'BEGIN {printf "%.0f", n / (b - a)}')
# The measure of earlier runs, kept for comparison: it ends at the start of the last batch, so it leaves out
# that batch's own time.
settlements_span_per_s=$(awk -v n="${applied}" -v s="${span}" 'BEGIN {printf "%.0f", n / s}')
violations=$("${PSQL[@]}" -d "${DB}" -c "SELECT count(*) FROM billing.invariant_violations")
stop_billing

cat <<TABLE

| measure | result |
|---|---|
| holds/s at saturation (wrk, ${CONNECTIONS} connections, ${ACCOUNTS} accounts, ${DURATION} s) | ${holds_per_s} |
| hold latency at saturation p50 / p90 / p99 | ${p50} / ${p90} / ${p99} |
| holds/s achieved when paced at about ${RATE}/s | ${paced_per_s} |
| hold latency when paced p50 / p90 / p99 | ${paced_p50} / ${paced_p90} / ${paced_p99} |
| non-201 answers or socket errors | ${failed} |
| settlements/s (${applied} captures drained from ${TOPIC}; first batch's start to the last commit) | ${settlements_per_s} |
| settlements/s over the span of processed_at (the earlier measure) | ${settlements_span_per_s} |
| ledger invariant violations afterwards | ${violations} |
TABLE
