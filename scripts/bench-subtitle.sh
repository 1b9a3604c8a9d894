#!/usr/bin/env bash
# Measures subtitle-service's own overhead on an uncached call: the time of a transcript request that misses the
# cache (page fetch, parse, caption download, store, answer) minus the time the TikTok stand-in itself needs to
# serve the same page and caption track. Uses its own database (tikneuron_bench_subtitle) and ports 28081/28090;
# prints a Markdown table.
#   scripts/bench-subtitle.sh [--calls 200]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

CALLS=200
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) CALLS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

PORT=28081
STANDIN_PORT=28090
DB=tikneuron_bench_subtitle
VIDEO=7354861484037524768
SERVICE="http://127.0.0.1:${PORT}"
STANDIN="http://127.0.0.1:${STANDIN_PORT}"
WORK="${TN_LOCAL}/bench-subtitle"
mkdir -p "${WORK}"
JAR="${TN_ROOT}/subtitle-service/target/quarkus-app/quarkus-run.jar"
PSQL=(psql -h 127.0.0.1 -U postgres -qAt -v ON_ERROR_STOP=1)
CREDENTIAL="$(tn_random_secret)"

tn_apt_install postgresql-client curl
"${TN_ROOT}/scripts/infra.sh" start
tn_log "building the stand-in and subtitle-service"
tn_mvnw -q -pl tiktok-standin,subtitle-service -am package -DskipTests
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${DB}" -c "CREATE DATABASE ${DB}"

pids=()
stop_all() {
    local pid
    for pid in "${pids[@]}"; do
        kill "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
}
trap stop_all EXIT

java -Xmx128m -cp "${TN_ROOT}/tiktok-standin/target/classes" com.tikneuron.standin.TikTokStandIn --port "${STANDIN_PORT}" \
    > "${WORK}/standin.log" 2>&1 &
pids+=($!)
tn_wait_port 127.0.0.1 "${STANDIN_PORT}" 30 || tn_die "the stand-in did not start"

# The stand-in origin is refused in the prod profile: subtitle-service runs in the profile made for it.
TIKNEURON_HTTP_PORT=${PORT} TIKNEURON_MANAGEMENT_PORT=$((PORT + 100)) TIKNEURON_DB_NAME=${DB} \
TIKNEURON_TIKTOK_ORIGIN="${STANDIN}" QUARKUS_PROFILE=standin TIKNEURON_SERVICE_CREDENTIAL="${CREDENTIAL}" \
QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_LOG_LEVEL=WARN \
    java -Xmx512m -jar "${JAR}" > "${WORK}/subtitle.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$((PORT + 100))/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "${SERVICE}/q/health/ready" >/dev/null || { tail -n 40 "${WORK}/subtitle.log" >&2; tn_die "subtitle-service did not become ready"; }

forget() {
    "${PSQL[@]}" -d "${DB}" -c "DELETE FROM subtitle.caption_track WHERE video_id = '${VIDEO}'" \
        -c "DELETE FROM subtitle.video_track_list WHERE video_id = '${VIDEO}'"
}

# What the stand-in alone needs: the page, then the caption track with the page's cookie and TikTok's Referer.
token=$(curl -fs -D - -o /dev/null -H 'X-Forwarded-Host: www.tiktok.com' "${STANDIN}/@_/video/${VIDEO}" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(tt_chain_token=[^;]*\).*/\1/p')
[ -n "${token}" ] || tn_die "the stand-in set no tt_chain_token"
standin_once() {
    local page caption
    page=$(curl -fs -o /dev/null -w '%{time_total}' -H 'X-Forwarded-Host: www.tiktok.com' "${STANDIN}/@_/video/${VIDEO}")
    caption=$(curl -fs -o /dev/null -w '%{time_total}' -H 'X-Forwarded-Host: v16-webapp.tiktokcdn.com' \
        -H "Cookie: ${token}" -H 'Referer: https://www.tiktok.com/' \
        "${STANDIN}/tos/captions/${VIDEO}/eng-US.vtt?x-expires=1712610000&x-signature=ZW5nLVVT")
    awk -v a="${page}" -v b="${caption}" 'BEGIN {printf "%.6f\n", a + b}'
}
service_once() {
    forget
    curl -fs -o /dev/null -w '%{time_total}\n' -H "X-Service-Credential: ${CREDENTIAL}" \
        "${SERVICE}/internal/v1/videos/${VIDEO}/transcript"
}

tn_log "warming up (50 uncached calls)"
for _ in $(seq 1 50); do service_once >/dev/null; standin_once >/dev/null; done

tn_log "measuring ${CALLS} uncached calls, and the stand-in's own time for the same work"
: > "${WORK}/service.txt"
: > "${WORK}/standin.txt"
for _ in $(seq 1 "${CALLS}"); do
    service_once >> "${WORK}/service.txt"
    standin_once >> "${WORK}/standin.txt"
done
cached=$(for _ in $(seq 1 "${CALLS}"); do
    curl -fs -o /dev/null -w '%{time_total}\n' -H "X-Service-Credential: ${CREDENTIAL}" \
        "${SERVICE}/internal/v1/videos/${VIDEO}/transcript"
done | sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int(NR * 0.5 + 0.5)] * 1000}')

# Prints p50, p90 and p99 in milliseconds.
percentiles() {
    sort -n "$1" | awk '{v[NR] = $1} END {printf "%.1f %.1f %.1f\n", v[int(NR * 0.5 + 0.5)] * 1000, v[int(NR * 0.9 + 0.5)] * 1000, v[int(NR * 0.99 + 0.5)] * 1000}'
}
read -r s50 s90 s99 < <(percentiles "${WORK}/service.txt")
read -r t50 t90 t99 < <(percentiles "${WORK}/standin.txt")
o50=$(awk -v a="${s50}" -v b="${t50}" 'BEGIN {printf "%.1f", a - b}')
o90=$(awk -v a="${s90}" -v b="${t90}" 'BEGIN {printf "%.1f", a - b}')

cat <<TABLE

| measure (${CALLS} calls, ms) | p50 | p90 | p99 |
|---|---|---|---|
| uncached transcript through subtitle-service | ${s50} | ${s90} | ${s99} |
| the stand-in alone: page + caption track | ${t50} | ${t90} | ${t99} |
| subtitle-service overhead (difference) | ${o50} | ${o90} | |
| cached transcript (PostgreSQL hit) | ${cached} | | |
TABLE
