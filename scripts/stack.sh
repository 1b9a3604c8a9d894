#!/usr/bin/env bash
# Starts and stops the five services (and, offline, the TikTok stand-in) as background JVMs from their jars.
#   scripts/stack.sh start [--offline]     start what is not running, wait until every service is ready
#   scripts/stack.sh stop                  stop what this script started
#   scripts/stack.sh status
# Environment:
#   TN_STACK        name of this stack: pid files and logs go to .local/<name>/ (default: local)
#   TN_PORT_BASE    gateway port; subtitle +1, summary +2, diarization +3, billing +4, jobs +5, portal +6,
#                   stand-in +10 (default 8080);
#                   each service's management port (health, metrics) is its port +100
#   TN_DB_NAME      PostgreSQL database of every service (default tikneuron)
#   TN_SETTLEMENTS_TOPIC  Kafka topic of settlements and free uses (default billing.settlements); another name is
#                   created when missing, so that stacks sharing a broker never read each other's events
#   TN_REPLICAS     replicas of each replicated service (default 1): with more than one, replica i listens on the
#                   service's port + 20 × i (management +100) and HAProxy (Debian's) balances the service's own
#                   ports round-robin over the ready ones; the gateways share their limits through Redis
#   TN_REPLICATED   which services get TN_REPLICAS replicas (default: gateway)
#   TIKNEURON_REDIS_PORT  the Redis of the gateways' shared state (default 6379; started by infra.sh when none
#                   answers); each stack's keys carry its own prefix
#   TN_WITHOUT      services this stack does not start, e.g. "portal jobs-service" (default: none)
#   TN_AOT          record | use (default) | off: the JDK's AOT cache of each service (scripts/aot.sh)
#   TN_JARS_ROOT    run the jars under this copy of the tree's <module>/target/ folders instead of the tree's own
#                   (a snapshot that builds in the working tree cannot change under running JVMs); implies no build
#   TIKNEURON_*     passed to the services as they are (see README.md); TIKNEURON_DB_PORT also picks the
#                   PostgreSQL where TN_DB_NAME is created, TIKNEURON_PG_PORT/TIKNEURON_KAFKA_PORT the infra.sh ports
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STACK="${TN_STACK:-local}"
BASE="${TN_PORT_BASE:-8080}"
DB_NAME="${TN_DB_NAME:-tikneuron}"
SETTLEMENTS_TOPIC="${TN_SETTLEMENTS_TOPIC:-billing.settlements}"
DIR="${TN_LOCAL}/${STACK}"
JARS_ROOT="${TN_JARS_ROOT:-${TN_ROOT}}"
SERVICES=(billing-service subtitle-service summary-service diarization-service jobs-service gateway portal)
# TN_WITHOUT leaves services out of this stack (the load stack has no use for the portal and the jobs service, the
# fault stack none for the portal, and every JVM less starts and restarts the others faster on two cores)
for left_out in ${TN_WITHOUT:-}; do
    SERVICES=("${SERVICES[@]/${left_out}}")
done
read -r -a SERVICES <<< "${SERVICES[*]}"
REPLICAS="${TN_REPLICAS:-1}"
REPLICATED=" ${TN_REPLICATED:-gateway} "
REDIS_PORT="${TIKNEURON_REDIS_PORT:-6379}"
mkdir -p "${DIR}"

# How many JVMs a service runs here: TN_REPLICAS for the replicated ones, else one.
replicas_of() {
    if [ "${REPLICAS}" -gt 1 ] && [[ "${REPLICATED}" == *" $1 "* ]]; then
        echo "${REPLICAS}"
    else
        echo 1
    fi
}

# The processes of a service: its own name, or name-1 … name-N behind the balancer.
instances_of() {
    local n i
    n="$(replicas_of "$1")"
    if [ "${n}" -eq 1 ]; then
        echo "$1"
    else
        for i in $(seq 1 "${n}"); do echo "$1-${i}"; done
    fi
}

# The port of one process: a service's own, or its replica's (port + 20 × i).
instance_port() {
    local name=$1 service index
    if [[ "${name}" =~ ^(.*)-([0-9]+)$ ]] && [ -n "$(port_of "${BASH_REMATCH[1]}")" ]; then
        service="${BASH_REMATCH[1]}"; index="${BASH_REMATCH[2]}"
        echo $(($(port_of "${service}") + 20 * index))
    else
        port_of "${name}"
    fi
}

port_of() {
    case "$1" in
        gateway) echo "${BASE}" ;;
        subtitle-service) echo $((BASE + 1)) ;;
        summary-service) echo $((BASE + 2)) ;;
        diarization-service) echo $((BASE + 3)) ;;
        billing-service) echo $((BASE + 4)) ;;
        jobs-service) echo $((BASE + 5)) ;;
        portal) echo $((BASE + 6)) ;;
        tiktok-standin) echo $((BASE + 10)) ;;
    esac
}

# Health and metrics are served on the management port, never on the API port.
management_port_of() {
    echo $(($(port_of "$1") + 100))
}

running() {
    local pid_file="${DIR}/$1.pid"
    [ -f "${pid_file}" ] && kill -0 "$(cat "${pid_file}")" 2>/dev/null
}

admin_token() {
    if [ -n "${TIKNEURON_ADMIN_TOKEN:-}" ]; then
        echo "${TIKNEURON_ADMIN_TOKEN}"
        return
    fi
    local file="${DIR}/admin-token"
    if [ ! -s "${file}" ]; then
        (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "${file}")
    fi
    cat "${file}"
}

# The credential the services present to each other on internal routes: $TIKNEURON_SERVICE_CREDENTIAL, or one
# generated for this stack and kept (owner-only) beside its logs.
service_credential() {
    if [ -n "${TIKNEURON_SERVICE_CREDENTIAL:-}" ]; then
        echo "${TIKNEURON_SERVICE_CREDENTIAL}"
        return
    fi
    local file="${DIR}/service-credential"
    if [ ! -s "${file}" ]; then
        (umask 077; tn_random_secret > "${file}")
    fi
    cat "${file}"
}

# The key that seals webhook signing secrets in jobs-service's database: $TIKNEURON_WEBHOOK_SECRET_KEY, or one
# generated for this stack and kept (owner-only) beside its logs.
webhook_key() {
    if [ -n "${TIKNEURON_WEBHOOK_SECRET_KEY:-}" ]; then
        echo "${TIKNEURON_WEBHOOK_SECRET_KEY}"
        return
    fi
    local file="${DIR}/webhook-secret-key"
    if [ ! -s "${file}" ]; then
        (umask 077; tn_random_secret > "${file}")
    fi
    cat "${file}"
}

jars_present() {
    local service
    for service in "${SERVICES[@]}"; do
        [ -f "${TN_ROOT}/${service}/target/quarkus-app/quarkus-run.jar" ] || return 1
    done
    [ -d "${TN_ROOT}/tiktok-standin/target/classes/com" ]
}

build_if_needed() {
    local stale=no service
    jars_present || stale=yes
    if [ "${stale}" = no ]; then
        for service in "${SERVICES[@]}" platform paid-capability tiktok-standin; do
            if [ -n "$(find "${TN_ROOT}/${service}/src/main" -newer "${TN_ROOT}/gateway/target/quarkus-app/quarkus-run.jar" -type f 2>/dev/null | head -n 1)" ]; then
                stale=yes
                break
            fi
        done
    fi
    if [ "${stale}" = yes ]; then
        tn_log "building the services (./mvnw package -DskipTests)"
        tn_mvnw -q package -DskipTests
    fi
}

start_one() {
    local name=$1; shift
    if running "${name}"; then
        tn_log "${name} already running (pid $(cat "${DIR}/${name}.pid"))"
        return
    fi
    "$@" > "${DIR}/${name}.log" 2>&1 &
    echo $! > "${DIR}/${name}.pid"
}

start_service() {
    local service=$1 instance
    for instance in $(instances_of "${service}"); do
        start_instance "${service}" "${instance}"
    done
}

start_instance() {
    local service=$1 instance=$2
    local token credential extra=()
    token="$(admin_token)"
    credential="$(service_credential)"
    # Each stack's billing consumes settlements in its own consumer group, so two stacks never split partitions.
    [ "${service}" = billing-service ] && extra+=(MP_MESSAGING_INCOMING_SETTLEMENTS_GROUP_ID="billing-service-${STACK}")
    # Each stack's jobs go on a topic of its own, read by its own group; the webhook sealing key is kept like the
    # service credential
    [ "${service}" = jobs-service ] && extra+=(TIKNEURON_JOBS_TOPIC="${TN_JOBS_TOPIC:-jobs.queued.${STACK}}" \
        TIKNEURON_JOBS_GROUP="jobs-service-${STACK}" TIKNEURON_WEBHOOK_SECRET_KEY="$(webhook_key)")
    # The prod profile refuses a TikTok origin override (it turns the address checks off): a stack that plays
    # TikTok with the stand-in runs subtitle-service in the profile made for that.
    [ "${service}" = subtitle-service ] && [ -n "${TIKNEURON_TIKTOK_ORIGIN:-}" ] && extra+=(QUARKUS_PROFILE=standin)
    # The same for diarization-service's photo-post slides: offline, TikTok's image CDN is the stand-in too (the
    # image origin is refused under prod).
    [ "${service}" = diarization-service ] && [ -n "${TIKNEURON_TIKTOK_ORIGIN:-}" ] \
        && extra+=(QUARKUS_PROFILE=standin TIKNEURON_OCR_IMAGE_ORIGIN="${TIKNEURON_TIKTOK_ORIGIN}")
    if [ "${service}" = gateway ]; then
        # Shared limits and Idempotency-Key records, under this stack's own prefix; behind the balancer the client
        # address is the one HAProxy forwards (it alone is trusted to say so).
        extra+=(TIKNEURON_REDIS_URL="redis://127.0.0.1:${REDIS_PORT}" TIKNEURON_REDIS_KEY_PREFIX="tn:${STACK}:"
            TIKNEURON_GATEWAY_REPLICAS="$(replicas_of gateway)")
        if [ "$(replicas_of gateway)" -gt 1 ]; then
            extra+=(QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true
                QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1)
        fi
    fi
    start_one "${instance}" env "${extra[@]}" \
        TIKNEURON_HTTP_PORT="$(instance_port "${instance}")" \
        TIKNEURON_MANAGEMENT_PORT="$(($(instance_port "${instance}") + 100))" \
        TIKNEURON_SERVICE_CREDENTIAL="${credential}" \
        TIKNEURON_DB_NAME="${DB_NAME}" \
        TIKNEURON_SETTLEMENTS_TOPIC="${SETTLEMENTS_TOPIC}" \
        TIKNEURON_BILLING_URL="http://127.0.0.1:$(port_of billing-service)" \
        TIKNEURON_GATEWAY_URL="http://127.0.0.1:$(port_of gateway)" \
        TIKNEURON_SUBTITLE_URL="http://127.0.0.1:$(port_of subtitle-service)" \
        TIKNEURON_SUMMARY_URL="http://127.0.0.1:$(port_of summary-service)" \
        TIKNEURON_DIARIZATION_SERVICE_URL="http://127.0.0.1:$(port_of diarization-service)" \
        TIKNEURON_JOBS_URL="http://127.0.0.1:$(port_of jobs-service)" \
        TIKNEURON_ADMIN_TOKEN="${token}" \
        QUARKUS_LOG_CONSOLE_JSON_ENABLED="${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false}" \
        java ${TN_JAVA_OPTS:-$(jvm_options_of "${service}")} $(extra_options_of "${service}") $(aot_options_of "${service}") \
        -jar "${JARS_ROOT}/${service}/target/quarkus-app/quarkus-run.jar"
}

# Heap and collector per service, chosen for what each one does (docs/DEPLOY.md, "JVM options"); TN_JAVA_OPTS
# replaces them for every service (the benchmarks use that to compare settings).
jvm_options_of() {
    case "$1" in
        gateway) echo "-Xms128m -Xmx256m -XX:+UseParallelGC" ;;
        billing-service) echo "-Xms256m -Xmx512m -XX:+UseParallelGC" ;;
        subtitle-service) echo "-Xms128m -Xmx384m -XX:+UseParallelGC" ;;
        summary-service) echo "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
        diarization-service) echo "-Xms64m -Xmx512m -XX:+UseSerialGC" ;;
        jobs-service|portal) echo "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
        *) echo "-Xms64m -Xmx256m -XX:+UseSerialGC" ;;
    esac
}

# Options added after a service's own, to try a setting on some services only: TN_JAVA_OPTS_EXTRA for every
# service, TN_JAVA_OPTS_EXTRA_<SERVICE> (upper case, "-" as "_", e.g. TN_JAVA_OPTS_EXTRA_SUBTITLE_SERVICE) for one.
extra_options_of() {
    local name
    name="TN_JAVA_OPTS_EXTRA_$(tr 'a-z-' 'A-Z_' <<< "$1")"
    echo "${TN_JAVA_OPTS_EXTRA:-} ${!name:-}"
}

# The JDK's AOT cache of a service (scripts/aot.sh trains it): TN_AOT=record writes it when the JVM exits,
# TN_AOT=off starts without it, and by default it is used when it is newer than the service's jar (the JVM
# itself also refuses a cache that does not match the class path, and then starts without one).
aot_options_of() {
    local cache="${JARS_ROOT}/$1/target/quarkus-app/app.aot"
    case "${TN_AOT:-use}" in
        record) echo "-XX:AOTCacheOutput=${cache}" ;;
        off) ;;
        *) if [ "${cache}" -nt "${JARS_ROOT}/$1/target/quarkus-app/quarkus-run.jar" ]; then echo "-XX:AOTCache=${cache}"; fi ;;
    esac
}

wait_ready() {
    local limit=$1 service instance deadline
    deadline=$((SECONDS + limit))
    for service in "${SERVICES[@]}"; do
        for instance in $(instances_of "${service}"); do
            until curl -fs "http://127.0.0.1:$(($(instance_port "${instance}") + 100))/q/health/ready" >/dev/null 2>&1; do
                if ! running "${instance}"; then
                    tail -n 30 "${DIR}/${instance}.log" >&2
                    tn_die "${instance} stopped while starting; log: ${DIR}/${instance}.log"
                fi
                if [ "${SECONDS}" -ge "${deadline}" ]; then
                    tail -n 30 "${DIR}/${instance}.log" >&2
                    tn_die "${instance} not ready within ${limit} s; log: ${DIR}/${instance}.log"
                fi
                sleep 0.5
            done
            tn_log "${instance} ready on port $(instance_port "${instance}")"
        done
    done
    if balanced; then
        until curl -fs "http://127.0.0.1:$(management_port_of gateway)/q/health/ready" >/dev/null 2>&1 \
                || [ "${SECONDS}" -ge "${deadline}" ]; do
            sleep 0.5
        done
        tn_log "HAProxy balances ${TN_REPLICATED:-gateway} over ${REPLICAS} replicas each"
    fi
}

balanced() {
    local service
    for service in "${SERVICES[@]}"; do
        [ "$(replicas_of "${service}")" -gt 1 ] && return 0
    done
    return 1
}

# HAProxy on each replicated service's own ports (API and management), round-robin over its replicas, each
# checked on its readiness route; it adds X-Forwarded-For, which the gateways trust from 127.0.0.1 only.
start_balancer() {
    balanced || return 0
    command -v haproxy >/dev/null 2>&1 || tn_apt_install haproxy
    local cfg="${DIR}/haproxy.cfg" service instance port
    {
        printf 'global\n    maxconn 8192\n\n'
        printf 'defaults\n    mode http\n    option forwardfor\n    option redispatch\n    retries 0\n'
        printf '    timeout connect 2s\n    timeout client 330s\n    timeout server 330s\n    timeout check 2s\n\n'
        for service in "${SERVICES[@]}"; do
            [ "$(replicas_of "${service}")" -gt 1 ] || continue
            printf 'frontend %s\n    bind 127.0.0.1:%s\n    default_backend %s\n\n' \
                "${service}" "$(port_of "${service}")" "${service}"
            printf 'backend %s\n    balance roundrobin\n    option httpchk GET /q/health/ready\n' "${service}"
            for instance in $(instances_of "${service}"); do
                port="$(instance_port "${instance}")"
                printf '    server %s 127.0.0.1:%s check port %s inter 1s fall 2 rise 1\n' \
                    "${instance}" "${port}" "$((port + 100))"
            done
            printf '\nfrontend %s-management\n    bind 127.0.0.1:%s\n    default_backend %s-management\n\n' \
                "${service}" "$(management_port_of "${service}")" "${service}"
            printf 'backend %s-management\n    balance roundrobin\n' "${service}"
            for instance in $(instances_of "${service}"); do
                port="$(instance_port "${instance}")"
                printf '    server %s 127.0.0.1:%s check inter 1s\n' "${instance}" "$((port + 100))"
            done
            printf '\n'
        done
    } > "${cfg}"
    haproxy -c -q -f "${cfg}" || tn_die "HAProxy refused ${cfg}"
    start_one haproxy haproxy -db -f "${cfg}"
}

start() {
    local offline=no
    [ "${1:-}" = "--offline" ] && offline=yes
    tn_use_jdk
    # diarization-service decodes media with the system's ffmpeg
    tn_apt_install ffmpeg postgresql-client curl
    "${TN_ROOT}/scripts/infra.sh" start
    [ "${SETTLEMENTS_TOPIC}" = billing.settlements ] || "${TN_ROOT}/scripts/infra.sh" topic "${SETTLEMENTS_TOPIC}"
    local pg_port="${TIKNEURON_DB_PORT:-5432}"
    if [ "$(psql -h 127.0.0.1 -p "${pg_port}" -U postgres -qAt -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != "1" ]; then
        psql -h 127.0.0.1 -p "${pg_port}" -U postgres -q -c "CREATE DATABASE ${DB_NAME}"
    fi
    # TN_NO_BUILD=1 starts the jars as they are (restarts during a test must not rebuild under it)
    [ "${TN_NO_BUILD:-}" = 1 ] || [ -n "${TN_JARS_ROOT:-}" ] || build_if_needed
    if [ "${offline}" = yes ]; then
        # the stand-in makes its spoken caption-less videos with espeak-ng and ffmpeg
        tn_apt_install espeak-ng
        start_one tiktok-standin java -Xmx128m -cp "${JARS_ROOT}/tiktok-standin/target/classes" \
            com.tikneuron.standin.TikTokStandIn --port "$(port_of tiktok-standin)"
        tn_wait_port 127.0.0.1 "$(port_of tiktok-standin)" 30 || tn_die "the TikTok stand-in did not start"
        export TIKNEURON_TIKTOK_ORIGIN="http://127.0.0.1:$(port_of tiktok-standin)"
        tn_log "TikTok stand-in on ${TIKNEURON_TIKTOK_ORIGIN}"
    fi
    local service
    for service in "${SERVICES[@]}"; do
        start_service "${service}"
    done
    start_balancer
    wait_ready "${TN_READY_TIMEOUT:-120}"
}

# Every process this stack may have started, replicas and balancer included (whatever TN_REPLICAS says now).
all_instances() {
    local pid_file name
    for pid_file in "${DIR}"/*.pid; do
        [ -f "${pid_file}" ] || continue
        name="$(basename "${pid_file}" .pid)"
        [[ "${name%-[0-9]*}" =~ ^(billing-service|subtitle-service|summary-service|diarization-service|jobs-service|gateway|portal|tiktok-standin|haproxy)$ ]] \
            && echo "${name}"
    done
    return 0
}

stop() {
    local name pid pids=()
    # Every service is asked to stop at once (they shut down gracefully on SIGTERM), then waited for.
    for name in haproxy $(all_instances | grep -v '^haproxy$' | sort -r); do
        if running "${name}"; then
            pid="$(cat "${DIR}/${name}.pid")"
            kill "${pid}" 2>/dev/null || true
            pids+=("${pid}")
            tn_log "stopping ${name}"
        fi
        rm -f "${DIR}/${name}.pid"
    done
    # a JVM recording its AOT cache writes it on the way out, which takes a few seconds more
    local steps=60
    [ "${TN_AOT:-}" = record ] && steps=480
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 "${steps}"); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.25; done
        kill -9 "${pid}" 2>/dev/null || true
    done
}

status() {
    local name
    for name in $(for service in "${SERVICES[@]}"; do instances_of "${service}"; done) tiktok-standin; do
        if running "${name}"; then
            echo "${name}: running (pid $(cat "${DIR}/${name}.pid"), port $(instance_port "${name}"))"
        else
            echo "${name}: stopped"
        fi
    done
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) stop ;;
    status) status ;;
    admin-token) admin_token ;;
    service-credential) service_credential ;;
    *) echo "usage: $0 start [--offline] | stop | status | admin-token | service-credential" >&2; exit 2 ;;
esac
