#!/usr/bin/env bash
# Measures what the gateway adds on the cached-hit path (a valid key, a capability answer served at once):
# latency on one connection (p50/p99) and throughput under load, side by side in one run with nginx proxying the
# same fixed-response backend, and with the backend called directly. Prints a Markdown table.
# The backend is an nginx server on loopback answering the subtitle route with the contract's body and the key
# lookup with an active key, so neither billing nor a capability service is measured, only the hop.
# Two gateways run side by side: one keeping its rate limits in Redis (TIKNEURON_REDIS_URL, default the one on
# 127.0.0.1:6379, keys under tn:bench:), as every deployment does, and one without Redis (shared state disabled:
# buckets in its own memory), so the cost of the shared state is measured back to back.
#   scripts/bench-gateway.sh [--duration 15] [--connections 64] [--warmup 20]
# Ports 19480, 19481, 19490 and 19491 by default; BENCH_NGINX_PORT, BENCH_BACKEND_PORT, BENCH_GATEWAY_PORT override
# them (the gateway without Redis listens on BENCH_GATEWAY_PORT + 1).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

DURATION=15
CONNECTIONS=64
WARMUP=20
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

BACKEND_PORT=${BENCH_BACKEND_PORT:-19481}
NGINX_PORT=${BENCH_NGINX_PORT:-19480}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-19490}
LOCAL_PORT=$((GATEWAY_PORT + 1))
for port in "${BACKEND_PORT}" "${NGINX_PORT}" "${GATEWAY_PORT}" "${LOCAL_PORT}"; do
    tn_port_open 127.0.0.1 "${port}" && tn_die "port ${port} is in use (set BENCH_BACKEND_PORT, BENCH_NGINX_PORT, BENCH_GATEWAY_PORT)"
done
WORK="${TN_LOCAL}/bench-gateway"
rm -rf "${WORK}"
mkdir -p "${WORK}/backend" "${WORK}/proxy"

command -v nginx >/dev/null 2>&1 || tn_apt_install nginx
command -v wrk >/dev/null 2>&1 || tn_apt_install wrk
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

JAR="${TN_ROOT}/gateway/target/quarkus-app/quarkus-run.jar"
if [ ! -f "${JAR}" ]; then
    tn_log "building the gateway"
    tn_mvnw -q -pl gateway -am package -DskipTests >/dev/null
fi

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "${pid}" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "${pid}" 2>/dev/null || true
    done
}
trap cleanup EXIT

# Doubled backslashes: nginx unescapes once, and the answer carries JSON's \n.
BODY='{"video_id":"7354861484037524768","subtitle_content":"1\\n00:00:00,000 --> 00:00:03,000\\nHello everyone, welcome to my video","format":"srt","cached":true,"available_formats":["raw","srt","vtt","txt"]}'
KEY_RECORD='{"account_id":"6b1f4c1e-2a57-4f0e-9d43-0c8a5e7b2f10","key_id":"0f3e9b7a-51c2-4d8e-a6b4-7e2d1c9f8a35","mode":"live","status":"active"}'

write_nginx_conf() {
    local prefix=$1 workers=$2 server=$3
    cat > "${prefix}/nginx.conf" <<CONF
worker_processes ${workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path ${prefix}/body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    keepalive_requests 1000000;
${server}
}
CONF
}

write_nginx_conf "${WORK}/backend" 1 "
    server {
        listen 127.0.0.1:${BACKEND_PORT};
        location = /api/v1/tiktok/subtitle {
            default_type application/json;
            add_header X-Credits-Charged 0;
            return 200 '${BODY}';
        }
        location /internal/v1/keys/ {
            default_type application/json;
            return 200 '${KEY_RECORD}';
        }
    }"

# A plain reverse proxy with pooled upstream connections, as one would put in front of the backend.
write_nginx_conf "${WORK}/proxy" auto "
    upstream backend {
        server 127.0.0.1:${BACKEND_PORT};
        keepalive 256;
    }
    server {
        listen 127.0.0.1:${NGINX_PORT};
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }
    }"

"${NGINX}" -p "${WORK}/backend" -c "${WORK}/backend/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
"${NGINX}" -p "${WORK}/proxy" -c "${WORK}/proxy/nginx.conf" -g 'daemon off;' &
PIDS+=($!)

TIKNEURON_HTTP_PORT=${GATEWAY_PORT} TIKNEURON_MANAGEMENT_PORT=$((GATEWAY_PORT + 100)) \
TIKNEURON_SERVICE_CREDENTIAL="$(tn_random_secret)" \
TIKNEURON_BILLING_URL=http://127.0.0.1:${BACKEND_PORT} \
TIKNEURON_SUBTITLE_URL=http://127.0.0.1:${BACKEND_PORT} \
TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 \
TIKNEURON_RATE_LIMIT_BURST=1000000000 \
TIKNEURON_REDIS_URL="${TIKNEURON_REDIS_URL:-redis://127.0.0.1:${TIKNEURON_REDIS_PORT:-6379}}" \
TIKNEURON_REDIS_KEY_PREFIX="tn:bench:$$:" \
    java -Xms256m -Xmx512m -jar "${JAR}" > "${WORK}/gateway.log" 2>&1 &
PIDS+=($!)
TIKNEURON_HTTP_PORT=${LOCAL_PORT} TIKNEURON_MANAGEMENT_PORT=$((LOCAL_PORT + 100)) \
TIKNEURON_SERVICE_CREDENTIAL="$(tn_random_secret)" \
TIKNEURON_BILLING_URL=http://127.0.0.1:${BACKEND_PORT} \
TIKNEURON_SUBTITLE_URL=http://127.0.0.1:${BACKEND_PORT} \
TIKNEURON_RATE_LIMIT_PER_MINUTE=1000000000 \
TIKNEURON_RATE_LIMIT_BURST=1000000000 \
TIKNEURON_REDIS_ENABLED=false \
    java -Xms256m -Xmx512m -jar "${JAR}" > "${WORK}/gateway-local.log" 2>&1 &
PIDS+=($!)

tn_wait_port 127.0.0.1 "${BACKEND_PORT}" 20 || tn_die "backend did not start"
tn_wait_port 127.0.0.1 "${NGINX_PORT}" 20 || tn_die "nginx did not start"
tn_wait_port 127.0.0.1 "${GATEWAY_PORT}" 60 || tn_die "gateway did not start (see ${WORK}/gateway.log)"
tn_wait_port 127.0.0.1 "${LOCAL_PORT}" 60 || tn_die "gateway without Redis did not start (see ${WORK}/gateway-local.log)"

cat > "${WORK}/subtitle.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"url": "https://www.tiktok.com/@username/video/7354861484037524768", "format": "srt"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["API-KEY"] = "tn_live_benchmark_key"
LUA

check() {
    local name=$1 port=$2 status
    status=$(curl -s -o "${WORK}/${name}.check" -w '%{http_code}' -X POST "http://127.0.0.1:${port}/api/v1/tiktok/subtitle" \
        -H 'Content-Type: application/json' -H 'API-KEY: tn_live_benchmark_key' \
        -d '{"url": "https://www.tiktok.com/@username/video/7354861484037524768", "format": "srt"}')
    [ "${status}" = 200 ] || tn_die "${name} answered ${status}: $(cat "${WORK}/${name}.check")"
}
check direct "${BACKEND_PORT}"
check nginx "${NGINX_PORT}"
check gateway "${GATEWAY_PORT}"
check gateway-no-redis "${LOCAL_PORT}"

# wrk prints latencies as 812.00us, 1.20ms or 1.05s: normalise to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else { printf "%s", v } }'
}

# run <name> <port> <threads> <connections> <seconds>: prints "p50 p99 rps"
run() {
    local out="${WORK}/$1-$4.txt"
    wrk -t"$3" -c"$4" -d"$5s" --latency -s "${WORK}/subtitle.lua" "http://127.0.0.1:$2/api/v1/tiktok/subtitle" > "${out}"
    if grep -q 'Non-2xx' "${out}"; then
        tn_die "$1: some answers were not 2xx ($(grep 'Non-2xx' "${out}"))"
    fi
    local p50 p99 rps
    p50=$(awk '$1 == "50%" {print $2}' "${out}")
    p99=$(awk '$1 == "99%" {print $2}' "${out}")
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "${out}")
    echo "$(to_ms "${p50}") $(to_ms "${p99}") ${rps}"
}

tn_log "warming up the gateway for ${WARMUP}s"
wrk -t2 -c"${CONNECTIONS}" -d"${WARMUP}s" -s "${WORK}/subtitle.lua" "http://127.0.0.1:${GATEWAY_PORT}/api/v1/tiktok/subtitle" > /dev/null
wrk -t2 -c"${CONNECTIONS}" -d"${WARMUP}s" -s "${WORK}/subtitle.lua" "http://127.0.0.1:${LOCAL_PORT}/api/v1/tiktok/subtitle" > /dev/null
wrk -t1 -c1 -d5s -s "${WORK}/subtitle.lua" "http://127.0.0.1:${NGINX_PORT}/api/v1/tiktok/subtitle" > /dev/null

declare -A ONE LOAD
for target in direct:${BACKEND_PORT} nginx:${NGINX_PORT} gateway:${GATEWAY_PORT} gateway-no-redis:${LOCAL_PORT}; do
    name=${target%%:*}
    port=${target##*:}
    tn_log "${name}: 1 connection, ${DURATION}s"
    ONE[${name}]=$(run "${name}" "${port}" 1 1 "${DURATION}")
    tn_log "${name}: ${CONNECTIONS} connections, ${DURATION}s"
    LOAD[${name}]=$(run "${name}" "${port}" 2 "${CONNECTIONS}" "${DURATION}")
done

field() { echo "$1" | awk -v i="$2" '{print $i}'; }

echo
echo "Cached-hit path: POST /api/v1/tiktok/subtitle, $(nproc) cores, wrk ${DURATION}s per row, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| target | p50, 1 conn (ms) | p99, 1 conn (ms) | req/s, ${CONNECTIONS} conns | p50, ${CONNECTIONS} conns (ms) | p99, ${CONNECTIONS} conns (ms) |"
echo "|---|---:|---:|---:|---:|---:|"
for name in direct nginx gateway gateway-no-redis; do
    echo "| ${name} | $(field "${ONE[${name}]}" 1) | $(field "${ONE[${name}]}" 2) | $(field "${LOAD[${name}]}" 3) | $(field "${LOAD[${name}]}" 1) | $(field "${LOAD[${name}]}" 2) |"
done
echo
awk -v g50="$(field "${ONE[gateway]}" 1)" -v d50="$(field "${ONE[direct]}" 1)" \
    -v g99="$(field "${ONE[gateway]}" 2)" -v d99="$(field "${ONE[direct]}" 2)" \
    -v n50="$(field "${ONE[nginx]}" 1)" \
    -v grps="$(field "${LOAD[gateway]}" 3)" -v nrps="$(field "${LOAD[nginx]}" 3)" 'BEGIN {
    printf "- gateway adds %.3f ms at p50 and %.3f ms at p99 over the direct call (target: <= 1 ms at p50); nginx adds %.3f ms at p50\n", g50 - d50, g99 - d99, n50 - d50
    printf "- gateway throughput is %.0f %% of nginx (target: >= 50 %%)\n", 100 * grps / nrps }'
awk -v g50="$(field "${ONE[gateway]}" 1)" -v l50="$(field "${ONE[gateway-no-redis]}" 1)" \
    -v g99="$(field "${ONE[gateway]}" 2)" -v l99="$(field "${ONE[gateway-no-redis]}" 2)" 'BEGIN {
    printf "- Redis (shared limits) adds %.3f ms at p50 and %.3f ms at p99 over the gateway without it (target: <= 1 ms at p50)\n", g50 - l50, g99 - l99 }'
echo "- load average: $(cut -d' ' -f1-3 /proc/loadavg)"
