#!/usr/bin/env bash
# The JDK's AOT cache of every service (JEP 483/514/515, JDK 25): a training run records which classes each
# service loads and links and how its hot methods behave, and writes <module>/target/quarkus-app/app.aot when
# the JVM exits; later starts map that file instead of loading, verifying and profiling the same classes again.
#   scripts/aot.sh train [--seconds 20]   start an offline stack that records, drive a workload through the
#                                          gateway, stop it (the caches are written on the way out)
#   scripts/aot.sh ensure                  train only when some service has no current cache (the benchmarks' start)
#   scripts/aot.sh status                  which services have a cache, and whether it is newer than their jar
#   scripts/aot.sh clean                   remove the caches
# The workload is what customers do: fresh and cached subtitles in every format, a summary, a diarization, the
# account routes, and the usual client mistakes (a wrong key, a bad body, a non-TikTok URL), then
# --seconds of cached hits so that the request path's method profiles are part of the cache.
# scripts/stack.sh uses a service's cache when it is newer than its jar (TN_AOT=off starts without);
# docs/DEPLOY.md, "Fast starts", says how the container images make theirs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SERVICES=(billing-service subtitle-service summary-service diarization-service jobs-service gateway portal)
SECONDS_OF_HITS=20

status() {
    local service dir
    for service in "${SERVICES[@]}"; do
        dir="${TN_ROOT}/${service}/target/quarkus-app"
        if [ ! -f "${dir}/app.aot" ]; then
            echo "${service}: no cache"
        elif [ "${dir}/app.aot" -nt "${dir}/quarkus-run.jar" ]; then
            echo "${service}: cache of $(du -m "${dir}/app.aot" | cut -f1) MB, newer than its jar (used)"
        else
            echo "${service}: cache older than its jar (not used; train again)"
        fi
    done
}

clean() {
    local service
    for service in "${SERVICES[@]}"; do
        rm -f "${TN_ROOT}/${service}/target/quarkus-app/app.aot" "${TN_ROOT}/${service}/target/quarkus-app/app.aot.config"
    done
}

train() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --seconds) SECONDS_OF_HITS=$2; shift 2 ;;
            *) tn_die "unknown argument $1" ;;
        esac
    done
    tn_use_jdk
    tn_apt_install wrk curl
    # Its own stack, database and topic: training must not leave rows or events in anybody's data.
    export TN_STACK=aot-training TN_PORT_BASE="${TN_AOT_PORT_BASE:-26080}" TN_DB_NAME=tikneuron_aot_training
    # a recording JVM starts more slowly than a plain one; on a busy machine much more so
    export TN_READY_TIMEOUT="${TN_READY_TIMEOUT:-600}"
    # ... and Flyway's first connection may then wait longer than its usual 5 s
    export QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S
    export TN_SETTLEMENTS_TOPIC=billing.settlements.aot-training
    export TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 TIKNEURON_RATE_LIMIT_BURST=1000000000
    export TIKNEURON_PLAN_REQUESTS_PER_MINUTE=1000000000 TIKNEURON_PLAN_BURST=1000000000
    local gateway="http://127.0.0.1:${TN_PORT_BASE}" billing="http://127.0.0.1:$((TN_PORT_BASE + 4))"
    "${TN_ROOT}/scripts/infra.sh" start
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}" -c "CREATE DATABASE ${TN_DB_NAME}"
    TN_STACK=aot-training "${TN_ROOT}/scripts/stack.sh" stop >/dev/null 2>&1 || true
    clean
    trap 'TN_AOT=record "${TN_ROOT}/scripts/stack.sh" stop' EXIT
    TN_AOT=record "${TN_ROOT}/scripts/stack.sh" start --offline

    local token account key
    token="$("${TN_ROOT}/scripts/stack.sh" admin-token)"
    account=$(curl -fsS -X POST "${billing}/admin/v1/accounts" -H "Authorization: Bearer ${token}" \
        -H 'Content-Type: application/json' -d '{"name":"aot-training","credits":100000}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
    key=$(curl -fsS -X POST "${billing}/admin/v1/accounts/${account}/keys" -H "Authorization: Bearer ${token}" \
        -H 'Content-Type: application/json' -d '{"mode":"live"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')

    local answers=0
    call() {
        local path=$1 body=${2:-}
        if [ -n "${body}" ]; then
            curl -s -o /dev/null -X POST "${gateway}${path}" -H "API-KEY: ${key}" -H 'Content-Type: application/json' -d "${body}"
        else
            curl -s -o /dev/null "${gateway}${path}" -H "API-KEY: ${key}"
        fi
        answers=$((answers + 1))
    }
    local video format
    tn_log "training: subtitles, summaries, a diarization, account routes and client mistakes"
    for video in 7354861484037524768 7372496949768752439 7361573949415050724 7392115934734614480; do
        for format in raw srt vtt txt; do
            call /api/v1/tiktok/subtitle "{\"url\":\"https://www.tiktok.com/@username/video/${video}\",\"format\":\"${format}\"}"
        done
    done
    call /api/v1/tiktok/summarize '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","summary_type":"bulletpoint","language":"en"}'
    call /api/v1/tiktok/summarize '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","summary_type":"paragraph","language":"es"}'
    call /api/v1/tiktok/diarization '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","format":"json"}'
    call /api/v1/account/credits
    call "/api/v1/account/usage?limit=10"
    call /api/v1/tiktok/subtitle '{"url":"https://example.com/video/1","format":"srt"}'
    call /api/v1/tiktok/subtitle '{"format":"srt"}'
    call /api/v1/tiktok/subtitle 'not json'
    curl -s -o /dev/null -X POST "${gateway}/api/v1/tiktok/subtitle" -H 'API-KEY: tn_live_not_a_key' \
        -H 'Content-Type: application/json' -d '{"url":"https://www.tiktok.com/@u/video/7354861484037524768"}'
    tn_log "training: ${SECONDS_OF_HITS} s of cached hits through the gateway (${answers} calls before)"
    wrk -t2 -c16 -d"${SECONDS_OF_HITS}s" -s "${TN_ROOT}/scripts/bench/cached-subtitle.lua" \
        "${gateway}/api/v1/tiktok/subtitle" -- "${key}" >/dev/null
    tn_log "stopping the training stack; each JVM writes its cache as it exits"
    trap - EXIT
    TN_AOT=record "${TN_ROOT}/scripts/stack.sh" stop
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${TN_DB_NAME}"
    status
}

# The status is read whole first: under pipefail, grep -q stopping at its first match would fail the pipe (SIGPIPE)
# and so skip the training.
ensure() {
    local current
    current="$(status)"
    if grep -qv '(used)' <<< "${current}"; then
        tn_log "training the AOT caches first (scripts/aot.sh train)"
        train
    fi
}
case "${1:-}" in
    train) shift; train "$@" ;;
    ensure) ensure ;;
    status) status ;;
    clean) clean ;;
    *) echo "usage: $0 train [--seconds N] | ensure | status | clean" >&2; exit 2 ;;
esac
