#!/usr/bin/env bash
# Fast starts: each service and the whole stack started with and without the JDK's AOT cache (scripts/aot.sh),
# back to back on this machine. For each mode it measures
#   - time from process start to ready (the management port's /q/health/ready answers 200), for the whole stack
#     started at once and for each service restarted alone while the others run;
#   - cached subtitle hits through the gateway in each of the first six ten-second windows of load after a
#     fresh start (wrk, --connections, as fast as answers come), then after a warm-up (the warmed rate);
#   - the same in the first twenty seconds after restarting only the gateway, then only subtitle-service, while
#     the rest of the stack is warm: what a pod added by a scale-out serves;
#   - resident memory (RSS) of each service at idle after the start and during the load.
# Its own stack on ports 27080-27090 (TN_BENCH_PORT_BASE) with its own database and topic.
#   scripts/bench-start.sh [--rounds 2] [--connections 32] [--warmup 30] [--modes "off use"] [--no-alone]
# --modes use measures with the cache only and --no-alone skips the starts of each service alone: a quicker run
# to compare JVM settings (scripts/stack.sh's TN_JAVA_OPTS_EXTRA...) on the first windows of load.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

ROUNDS=2
CONNECTIONS=32
WARMUP=30
MODES="off use"
ALONE=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --modes) MODES=$2; shift 2 ;;
        --no-alone) ALONE=no; shift ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

SERVICES=(billing-service subtitle-service summary-service diarization-service jobs-service gateway portal)
# the services a cached subtitle hit passes through
REQUEST_PATH="gateway subtitle-service"
export TN_STACK=start-bench TN_PORT_BASE="${TN_BENCH_PORT_BASE:-27080}" TN_DB_NAME=tikneuron_start_bench
export TN_SETTLEMENTS_TOPIC=billing.settlements.start-bench TN_NO_BUILD=1 TN_READY_TIMEOUT=600
export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 TIKNEURON_RATE_LIMIT_BURST=1000000000
export TIKNEURON_PLAN_REQUESTS_PER_MINUTE=1000000000 TIKNEURON_PLAN_BURST=1000000000
GATEWAY="http://127.0.0.1:${TN_PORT_BASE}"
BILLING="http://127.0.0.1:$((TN_PORT_BASE + 4))"
WORK="${TN_LOCAL}/start-bench"
STACK_DIR="${TN_LOCAL}/${TN_STACK}"
mkdir -p "${WORK}"
rm -f "${WORK}"/*.txt

tn_apt_install wrk curl
"${TN_ROOT}/scripts/aot.sh" ensure
"${TN_ROOT}/scripts/infra.sh" start
"${TN_ROOT}/scripts/infra.sh" topic "${TN_SETTLEMENTS_TOPIC}" --fresh
trap '"${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true' EXIT

port_of() {
    case "$1" in
        gateway) echo "${TN_PORT_BASE}" ;;
        subtitle-service) echo $((TN_PORT_BASE + 1)) ;;
        summary-service) echo $((TN_PORT_BASE + 2)) ;;
        diarization-service) echo $((TN_PORT_BASE + 3)) ;;
        billing-service) echo $((TN_PORT_BASE + 4)) ;;
        jobs-service) echo $((TN_PORT_BASE + 5)) ;;
        portal) echo $((TN_PORT_BASE + 6)) ;;
    esac
}
pid_of() { cat "${STACK_DIR}/$1.pid"; }
# seconds since boot, to the hundredth
uptime_now() { cut -d' ' -f1 /proc/uptime; }
# when a process started, in seconds since boot (field 22 of /proc/<pid>/stat, in clock ticks)
started_at() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", $22 / hz}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# Waits until the service answers ready; prints the seconds from its process's start to that answer.
time_to_ready() {
    local service=$1 pid
    pid="$(pid_of "${service}")"
    until curl -fs -o /dev/null "http://127.0.0.1:$(( $(port_of "${service}") + 100 ))/q/health/ready"; do
        kill -0 "${pid}" 2>/dev/null || tn_die "${service} stopped while starting (${STACK_DIR}/${service}.log)"
        sleep 0.02
    done
    echo "$(uptime_now) $(started_at "${pid}")" | awk '{printf "%.2f", $1 - $2}'
}

# Waits (at most two minutes) until the machine's cores are at least 85 % idle over two seconds.
wait_idle() {
    local idle deadline=$((SECONDS + 120))
    while [ "${SECONDS}" -lt "${deadline}" ]; do
        idle=$( { head -1 /proc/stat; sleep 2; head -1 /proc/stat; } | awk '
            { total[NR] = 0; for (i = 2; i <= NF; i++) total[NR] += $i; idle[NR] = $5 + $6 }
            END { printf "%d", 100 * (idle[2] - idle[1]) / (total[2] - total[1]) }')
        [ "${idle}" -lt 85 ] || return 0
    done
    tn_log "the machine did not come to rest within two minutes (${idle} % idle); measuring anyway"
}
stop_one() {
    local pid
    pid="$(pid_of "$1")"
    kill "${pid}"
    while kill -0 "${pid}" 2>/dev/null; do sleep 0.1; done
    rm -f "${STACK_DIR}/$1.pid"
}

wrk_window() {
    wrk -t2 -c"${CONNECTIONS}" -d"$1s" --latency -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
        "${GATEWAY}/api/v1/tiktok/subtitle" -- "${KEY}"
}
# A window whose answers were not all 2xx measured something else (a rate limit, an error page): stop there.
all_ok() { ! grep -q 'Non-2xx' "$1" || tn_die "answers other than 2xx in $1: $(grep 'Non-2xx' "$1")"; }
rps_of() { awk '/Requests\/sec/ {printf "%d", $2}' "$1"; }
p99_of() { awk '$1 == "99%" {print $2}' "$1"; }

run_mode() {
    local mode=$1 round=$2 service
    local out="${WORK}/${mode}-${round}"
    # a stack of the previous mode may still be applying its load's usage events; let it finish first
    wait_idle
    tn_log "round ${round}, AOT cache ${mode}: the whole stack"
    "${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
    TN_AOT="${mode}" "${TN_ROOT}/scripts/stack.sh" start --offline >"${WORK}/stack-start.log" 2>&1 &
    local starter=$!
    for service in "${SERVICES[@]}"; do
        until [ -s "${STACK_DIR}/${service}.pid" ]; do sleep 0.02; done
    done
    for service in "${SERVICES[@]}"; do
        echo "${service} $(time_to_ready "${service}")" >> "${out}-stack.txt"
    done
    wait "${starter}"
    # the whole stack is ready when its last service is
    echo "stack $(awk '{print $2}' "${out}-stack.txt" | sort -n | tail -1)" >> "${out}-stack.txt"

    local token account
    token="$("${TN_ROOT}/scripts/stack.sh" admin-token)"
    account=$(curl -fsS -X POST "${BILLING}/admin/v1/accounts" -H "Authorization: Bearer ${token}" \
        -H 'Content-Type: application/json' -d '{"name":"start-bench","credits":1000}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
    KEY=$(curl -fsS -X POST "${BILLING}/admin/v1/accounts/${account}/keys" -H "Authorization: Bearer ${token}" \
        -H 'Content-Type: application/json' -d '{"mode":"live"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
    for service in "${SERVICES[@]}"; do
        echo "${service} $(rss_mb "$(pid_of "${service}")")" >> "${out}-rss-idle.txt"
    done
    curl -fsS -o /dev/null -X POST "${GATEWAY}/api/v1/tiktok/subtitle" -H "API-KEY: ${KEY}" \
        -H 'Content-Type: application/json' \
        -d '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","format":"srt"}'

    tn_log "round ${round}, AOT cache ${mode}: six ten-second windows of cached hits from the first request"
    local window
    for window in 1 2 3 4 5 6; do
        if [ "${window}" = 3 ]; then
            (sleep 5; for service in "${SERVICES[@]}"; do
                echo "${service} $(rss_mb "$(pid_of "${service}")")"; done > "${out}-rss-load.txt") &
        fi
        wrk_window 10 > "${out}-window-${window}.txt"
        all_ok "${out}-window-${window}.txt"
    done
    wait
    wrk_window "${WARMUP}" >/dev/null
    wrk_window 10 > "${out}-warmed.txt"
    all_ok "${out}-warmed.txt"

    # A pod added by a scale-out, or one replaced, starts next to warm peers: restart one service of the request
    # path at a time, measure its first twenty seconds of load, and warm it again before the next.
    for service in ${REQUEST_PATH}; do
        tn_log "round ${round}, AOT cache ${mode}: ${service} restarted, the others warm"
        stop_one "${service}"
        TN_AOT="${mode}" "${TN_ROOT}/scripts/stack.sh" start --offline >"${WORK}/stack-start.log" 2>&1 &
        starter=$!
        until [ -s "${STACK_DIR}/${service}.pid" ]; do sleep 0.02; done
        time_to_ready "${service}" >/dev/null
        wait "${starter}"
        wrk_window 10 > "${out}-restart-${service}-1.txt"
        all_ok "${out}-restart-${service}-1.txt"
        wrk_window 10 > "${out}-restart-${service}-2.txt"
        all_ok "${out}-restart-${service}-2.txt"
        wrk_window "${WARMUP}" >/dev/null
    done

    [ "${ALONE}" = yes ] || return 0
    # billing is still applying the usage events of the load: a start measured now would share the cores with it
    wait_idle
    tn_log "round ${round}, AOT cache ${mode}: each service restarted alone"
    for service in "${SERVICES[@]}"; do
        stop_one "${service}"
        TN_AOT="${mode}" "${TN_ROOT}/scripts/stack.sh" start --offline >"${WORK}/stack-start.log" 2>&1 &
        starter=$!
        until [ -s "${STACK_DIR}/${service}.pid" ]; do sleep 0.02; done
        echo "${service} $(time_to_ready "${service}")" >> "${out}-alone.txt"
        wait "${starter}"
    done
}

for round in $(seq 1 "${ROUNDS}"); do
    for mode in ${MODES}; do
        run_mode "${mode}" "${round}"
    done
done
"${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
trap - EXIT
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}"

# Markdown: one column per mode and round, in the order they ran
cols=()
for round in $(seq 1 "${ROUNDS}"); do
    for mode in ${MODES}; do cols+=("${mode}-${round}"); done
done
header="| measure"
rule="|---"
for c in "${cols[@]}"; do
    header+=" | ${c/use-/with cache, round }"
    rule+="|---:"
done
header="${header//off-/without cache, round }"
echo
echo "${header} |"
echo "${rule}|"
value_of() { awk -v s="$2" '$1 == s {print $2}' "$1"; }
for service in "${SERVICES[@]}" stack; do
    line="| ready after start (s): ${service}, stack started at once"
    for c in "${cols[@]}"; do line+=" | $(value_of "${WORK}/${c}-stack.txt" "${service}")"; done
    echo "${line} |"
done
for service in "${SERVICES[@]}"; do
    [ "${ALONE}" = yes ] || break
    line="| ready after start (s): ${service}, started alone"
    for c in "${cols[@]}"; do line+=" | $(value_of "${WORK}/${c}-alone.txt" "${service}")"; done
    echo "${line} |"
done
for window in 1 2 3 4 5 6; do
    line="| cached hits/s, p99 in seconds $(( (window - 1) * 10 ))–$(( window * 10 )) of load"
    for c in "${cols[@]}"; do
        line+=" | $(rps_of "${WORK}/${c}-window-${window}.txt"), $(p99_of "${WORK}/${c}-window-${window}.txt")"
    done
    echo "${line} |"
done
line="| cached hits/s, p99 warmed (after ${WARMUP} s more)"
for c in "${cols[@]}"; do line+=" | $(rps_of "${WORK}/${c}-warmed.txt"), $(p99_of "${WORK}/${c}-warmed.txt")"; done
echo "${line} |"
for service in ${REQUEST_PATH}; do
    for window in 1 2; do
        line="| ${service} restarted, the others warm: hits/s, p99 in seconds $(( (window - 1) * 10 ))–$(( window * 10 )) (share of the warmed rate)"
        for c in "${cols[@]}"; do
            f="${WORK}/${c}-restart-${service}-${window}.txt"
            line+=" | $(rps_of "${f}"), $(p99_of "${f}") ($(awk -v a="$(rps_of "${f}")" -v b="$(rps_of "${WORK}/${c}-warmed.txt")" 'BEGIN {printf "%d %%", 100 * a / b}'))"
        done
        echo "${line} |"
    done
done
line="| first ten seconds as a share of the warmed rate"
for c in "${cols[@]}"; do
    line+=" | $(awk -v a="$(rps_of "${WORK}/${c}-window-1.txt")" -v b="$(rps_of "${WORK}/${c}-warmed.txt")" 'BEGIN {printf "%d %%", 100 * a / b}')"
done
echo "${line} |"
for service in "${SERVICES[@]}"; do
    line="| RSS MB idle / under load: ${service}"
    for c in "${cols[@]}"; do
        line+=" | $(value_of "${WORK}/${c}-rss-idle.txt" "${service}") / $(value_of "${WORK}/${c}-rss-load.txt" "${service}")"
    done
    echo "${line} |"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
