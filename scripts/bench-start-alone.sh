#!/usr/bin/env bash
# One service's time to ready under two sets of JVM options, started alone next to an idle stack that has its
# AOT caches, the two interleaved so that both see the same machine. For each start it prints the seconds from
# the process's start to its first ready answer and the CPU seconds (user + system) it had used by then, then the
# medians. Its own stack on ports 27080-27090, as scripts/bench-start.sh (do not run the two at once).
#   scripts/bench-start-alone.sh <service> "<options A>" "<options B>" [--starts 5]
# e.g. scripts/bench-start-alone.sh summary-service "" "-XX:TieredStopAtLevel=1"
# The options are added after the service's own (scripts/stack.sh, TN_JAVA_OPTS_EXTRA_<SERVICE>).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk
[ $# -ge 3 ] || tn_die "usage: $0 <service> \"<options A>\" \"<options B>\" [--starts 5]"
SERVICE=$1 OPTIONS_A=$2 OPTIONS_B=$3
shift 3
STARTS=5
while [ $# -gt 0 ]; do
    case "$1" in
        --starts) STARTS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done
case "${SERVICE}" in
    gateway) OFFSET=0 ;;
    subtitle-service) OFFSET=1 ;;
    summary-service) OFFSET=2 ;;
    diarization-service) OFFSET=3 ;;
    billing-service) OFFSET=4 ;;
    jobs-service) OFFSET=5 ;;
    portal) OFFSET=6 ;;
    *) tn_die "unknown service ${SERVICE}" ;;
esac
export TN_STACK=start-bench TN_PORT_BASE="${TN_BENCH_PORT_BASE:-27080}" TN_DB_NAME=tikneuron_start_bench
export TN_SETTLEMENTS_TOPIC=billing.settlements.start-bench TN_NO_BUILD=1 TN_READY_TIMEOUT=600
STACK_DIR="${TN_LOCAL}/${TN_STACK}"
READY="http://127.0.0.1:$((TN_PORT_BASE + OFFSET + 100))/q/health/ready"
EXTRA="TN_JAVA_OPTS_EXTRA_$(tr 'a-z-' 'A-Z_' <<< "${SERVICE}")"
WORK="${TN_LOCAL}/start-alone"
mkdir -p "${WORK}"
rm -f "${WORK}"/*.txt

"${TN_ROOT}/scripts/aot.sh" ensure
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/infra.sh" topic "${TN_SETTLEMENTS_TOPIC}" --fresh
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
trap '"${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true' EXIT
"${TN_ROOT}/scripts/stack.sh" start --offline >"${WORK}/stack-start.log" 2>&1

hz=$(getconf CLK_TCK)
# Restarts the service with the given options; prints "<seconds to ready> <CPU seconds by then>".
start_with() {
    local pid starter
    pid="$(cat "${STACK_DIR}/${SERVICE}.pid")"
    kill "${pid}"
    while kill -0 "${pid}" 2>/dev/null; do sleep 0.1; done
    rm -f "${STACK_DIR}/${SERVICE}.pid"
    env "${EXTRA}=$1" "${TN_ROOT}/scripts/stack.sh" start --offline >"${WORK}/stack-start.log" 2>&1 &
    starter=$!
    until [ -s "${STACK_DIR}/${SERVICE}.pid" ]; do sleep 0.02; done
    pid="$(cat "${STACK_DIR}/${SERVICE}.pid")"
    until curl -fs -o /dev/null "${READY}"; do
        kill -0 "${pid}" 2>/dev/null || tn_die "${SERVICE} stopped while starting (${STACK_DIR}/${SERVICE}.log)"
        sleep 0.02
    done
    awk -v now="$(cut -d' ' -f1 /proc/uptime)" -v hz="${hz}" \
        '{printf "%.2f %.2f\n", now - $22 / hz, ($14 + $15) / hz}' "/proc/${pid}/stat"
    wait "${starter}"
}

for i in $(seq 1 "${STARTS}"); do
    start_with "${OPTIONS_A}" >> "${WORK}/a.txt"
    start_with "${OPTIONS_B}" >> "${WORK}/b.txt"
    tn_log "start ${i}: A $(tail -1 "${WORK}/a.txt"), B $(tail -1 "${WORK}/b.txt") (seconds to ready, CPU seconds)"
done
"${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
trap - EXIT
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}"

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo
echo "| ${SERVICE} started alone | ready after start (s), in order | median | CPU s to ready, median |"
echo "|---|---|---:|---:|"
for side in a b; do
    options="${OPTIONS_A}"
    [ "${side}" = b ] && options="${OPTIONS_B}"
    echo "| ${options:-as shipped} | $(cut -d' ' -f1 "${WORK}/${side}.txt" | paste -sd, | sed 's/,/, /g') | $(cut -d' ' -f1 "${WORK}/${side}.txt" | median) | $(cut -d' ' -f2 "${WORK}/${side}.txt" | median) |"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
