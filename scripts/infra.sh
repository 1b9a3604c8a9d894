#!/usr/bin/env bash
# Local infrastructure without Docker: PostgreSQL on 127.0.0.1:5432 and a single-node KRaft Kafka broker.
#   scripts/infra.sh start    start what is not running yet (idempotent), create databases and topics
#   scripts/infra.sh stop     stop only what this script started
#   scripts/infra.sh stop-kafka | stop-postgres | stop-redis   stop one of them, again only if this script started it
#   scripts/infra.sh start-redis   start only Redis (as start does) when none answers
#   scripts/infra.sh status
#   scripts/infra.sh topic NAME [--fresh]   create a settlements topic (3 partitions) if missing; --fresh deletes it first
# Environment (a second, isolated set beside the usual one, as scripts/faults.sh runs):
#   TIKNEURON_PG_PORT, TIKNEURON_KAFKA_PORT   ports (default 5432, 9092; the Kafka controller takes port + 1)
#   TIKNEURON_REDIS_PORT                      Redis, the gateways' shared state (default 6379): the one answering
#                                             there is used, else Debian's redis-server is installed and started
#   TN_REDIS_DIR                              its append-only file, log and pid (default .local/redis)
#   TN_KAFKA_START_TIMEOUT                    seconds to wait for a broker this script starts (default 60)
#   TN_PG_DIR, TN_KAFKA_DIR                   data, logs and pid of a cluster/broker this script starts
#                                             (default .local/postgres, .local/kafka; the Kafka jars stay in .local/kafka/libs)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_HOST=127.0.0.1
PG_PORT="${TIKNEURON_PG_PORT:-5432}"
KAFKA_PORT="${TIKNEURON_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
KAFKA_DIR="${TN_KAFKA_DIR:-${TN_LOCAL}/kafka}"
KAFKA_LIBS="${TN_LOCAL}/kafka/libs"
PG_DIR="${TN_PG_DIR:-${TN_LOCAL}/postgres}"
REDIS_PORT="${TIKNEURON_REDIS_PORT:-6379}"
REDIS_DIR="${TN_REDIS_DIR:-${TN_LOCAL}/redis}"
DATABASES=(tikneuron "${TIKNEURON_TEST_DB_NAME:-tikneuron_test}")
TOPICS=("billing.settlements:3" "billing.settlements.dlq:1")

pg_bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

psql_admin() {
    local bin
    bin="$(pg_bin_dir)"
    "${bin}/psql" -h "${PG_HOST}" -p "${PG_PORT}" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

start_postgres() {
    if tn_port_open "${PG_HOST}" "${PG_PORT}"; then
        tn_log "PostgreSQL answers on ${PG_HOST}:${PG_PORT}; using it"
    else
        [ -n "$(pg_bin_dir)" ] || tn_apt_install postgresql
        local bin
        bin="$(pg_bin_dir)"
        if [ ! -f "${PG_DIR}/data/PG_VERSION" ]; then
            tn_log "initialising a PostgreSQL cluster in ${PG_DIR}/data"
            mkdir -p "${PG_DIR}"
            chown postgres "${PG_DIR}" 2>/dev/null || true
            run_as_postgres "${bin}/initdb" -D "${PG_DIR}/data" -U postgres -A trust -E UTF8 >/dev/null
        fi
        tn_log "starting PostgreSQL on ${PG_HOST}:${PG_PORT}"
        run_as_postgres "${bin}/pg_ctl" -D "${PG_DIR}/data" -l "${PG_DIR}/postgres.log" -w \
            -o "-h ${PG_HOST} -p ${PG_PORT} -k ${PG_DIR}" start >/dev/null
        touch "${PG_DIR}/started-by-script"
    fi
    local db
    for db in "${DATABASES[@]}"; do
        if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${db}'")" != "1" ]; then
            tn_log "creating database ${db}"
            psql_admin -c "CREATE DATABASE ${db}"
        fi
    done
}

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
run_as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_postgres() {
    if [ -f "${PG_DIR}/started-by-script" ]; then
        tn_log "stopping PostgreSQL"
        run_as_postgres "$(pg_bin_dir)/pg_ctl" -D "${PG_DIR}/data" -m fast -w stop >/dev/null || true
        rm -f "${PG_DIR}/started-by-script"
    fi
}

kafka_classpath() {
    echo "${KAFKA_LIBS}/*"
}

ensure_kafka_jars() {
    if [ ! -f "${KAFKA_LIBS}/.complete" ]; then
        tn_log "copying the Kafka broker jars from Maven Central"
        mkdir -p "${KAFKA_LIBS}"
        tn_mvnw -q -f "${TN_ROOT}/scripts/kafka/pom.xml" dependency:copy-dependencies \
            -DoutputDirectory="${KAFKA_LIBS}" -DincludeScope=runtime
        touch "${KAFKA_LIBS}/.complete"
    fi
}

write_kafka_config() {
    mkdir -p "${KAFKA_DIR}/config"
    cat > "${KAFKA_DIR}/config/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${KAFKA_DIR}/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
    cat > "${KAFKA_DIR}/config/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${KAFKA_DIR}/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
PROPS
}

kafka_java() {
    java -Xms256m -Xmx768m -XX:+UseG1GC \
        -Dlog4j2.configurationFile="${KAFKA_DIR}/config/log4j2.properties" \
        -cp "$(kafka_classpath)" "$@"
}

start_kafka() {
    ensure_kafka_jars
    write_kafka_config
    if tn_port_open 127.0.0.1 "${KAFKA_PORT}"; then
        tn_log "Kafka answers on 127.0.0.1:${KAFKA_PORT}; using it"
    else
        if [ ! -f "${KAFKA_DIR}/data/meta.properties" ]; then
            tn_log "formatting Kafka storage"
            kafka_java kafka.tools.StorageTool format --standalone \
                -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
                -c "${KAFKA_DIR}/config/server.properties" >/dev/null
        fi
        tn_log "starting Kafka on 127.0.0.1:${KAFKA_PORT}"
        nohup java -Xms256m -Xmx768m -XX:+UseG1GC \
            -Dlog4j2.configurationFile="${KAFKA_DIR}/config/log4j2.properties" \
            -cp "$(kafka_classpath)" kafka.Kafka "${KAFKA_DIR}/config/server.properties" \
            > "${KAFKA_DIR}/stdout.log" 2>&1 &
        echo $! > "${KAFKA_DIR}/kafka.pid"
        tn_wait_port 127.0.0.1 "${KAFKA_PORT}" "${TN_KAFKA_START_TIMEOUT:-60}" || { tail -n 30 "${KAFKA_DIR}/stdout.log" >&2; tn_die "Kafka did not start"; }
    fi
    create_topics
}

create_topics() {
    local spec name partitions
    for spec in "${TOPICS[@]}"; do
        name="${spec%%:*}"
        partitions="${spec##*:}"
        kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:${KAFKA_PORT}" \
            --create --if-not-exists --topic "${name}" --partitions "${partitions}" --replication-factor 1 >/dev/null
    done
    tn_log "Kafka topics ready: ${TOPICS[*]%%:*}"
}

# A topic of settlements for one stack, so that stacks sharing a broker never read each other's events.
topic() {
    local name=$1 fresh=${2:-}
    tn_port_open 127.0.0.1 "${KAFKA_PORT}" || tn_die "Kafka does not answer on 127.0.0.1:${KAFKA_PORT}"
    if [ "${fresh}" = --fresh ]; then
        kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:${KAFKA_PORT}" \
            --delete --if-exists --topic "${name}" >/dev/null
        # deletion completes in the background; creating too early fails with "marked for deletion"
        local tries=0
        while kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:${KAFKA_PORT}" --list 2>/dev/null \
                | grep -qx "${name}" && [ "${tries}" -lt 30 ]; do
            sleep 1
            tries=$((tries + 1))
        done
    fi
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:${KAFKA_PORT}" \
        --create --if-not-exists --topic "${name}" --partitions 3 --replication-factor 1 >/dev/null
    tn_log "Kafka topic ready: ${name}"
}

start_redis() {
    if tn_port_open 127.0.0.1 "${REDIS_PORT}"; then
        tn_log "Redis answers on 127.0.0.1:${REDIS_PORT}; using it"
        return
    fi
    command -v redis-server >/dev/null 2>&1 || tn_apt_install redis-server
    mkdir -p "${REDIS_DIR}"
    tn_log "starting Redis on 127.0.0.1:${REDIS_PORT}"
    # Loopback only; the append-only file keeps Idempotency-Key records across a restart of Redis.
    nohup redis-server --port "${REDIS_PORT}" --bind 127.0.0.1 --protected-mode yes --dir "${REDIS_DIR}" \
        --appendonly yes --save "" --maxmemory 512mb --maxmemory-policy volatile-lru \
        > "${REDIS_DIR}/redis.log" 2>&1 &
    echo $! > "${REDIS_DIR}/redis.pid"
    tn_wait_port 127.0.0.1 "${REDIS_PORT}" 30 || { tail -n 30 "${REDIS_DIR}/redis.log" >&2; tn_die "Redis did not start"; }
}

stop_redis() {
    if [ -f "${REDIS_DIR}/redis.pid" ]; then
        local pid
        pid="$(cat "${REDIS_DIR}/redis.pid")"
        if kill -0 "${pid}" 2>/dev/null; then
            tn_log "stopping Redis (pid ${pid})"
            kill "${pid}"
            for _ in $(seq 1 40); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.25; done
            kill -9 "${pid}" 2>/dev/null || true
        fi
        rm -f "${REDIS_DIR}/redis.pid"
    fi
}

stop_kafka() {
    if [ -f "${KAFKA_DIR}/kafka.pid" ]; then
        local pid
        pid="$(cat "${KAFKA_DIR}/kafka.pid")"
        if kill -0 "${pid}" 2>/dev/null; then
            tn_log "stopping Kafka (pid ${pid})"
            kill "${pid}"
            for _ in $(seq 1 60); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.5; done
            kill -9 "${pid}" 2>/dev/null || true
        fi
        rm -f "${KAFKA_DIR}/kafka.pid"
    fi
}

status() {
    tn_port_open "${PG_HOST}" "${PG_PORT}" && echo "postgresql: up (${PG_HOST}:${PG_PORT})" || echo "postgresql: down"
    tn_port_open 127.0.0.1 "${KAFKA_PORT}" && echo "kafka: up (127.0.0.1:${KAFKA_PORT})" || echo "kafka: down"
    tn_port_open 127.0.0.1 "${REDIS_PORT}" && echo "redis: up (127.0.0.1:${REDIS_PORT})" || echo "redis: down"
}

tn_use_jdk
case "${1:-start}" in
    start) start_postgres; start_kafka; start_redis ;;
    stop) stop_redis; stop_kafka; stop_postgres ;;
    stop-kafka) stop_kafka ;;
    stop-redis) stop_redis ;;
    start-redis) start_redis ;;
    stop-postgres) stop_postgres ;;
    status) status ;;
    topic) [ -n "${2:-}" ] || tn_die "usage: $0 topic NAME [--fresh]"; topic "$2" "${3:-}" ;;
    *) echo "usage: $0 start|stop|stop-kafka|stop-postgres|stop-redis|start-redis|status" >&2; exit 2 ;;
esac
