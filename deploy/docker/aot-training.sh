#!/bin/sh
# Records a service's AOT cache inside its image (docs/DEPLOY.md, "Fast starts"), with the image's own JVM, so
# that the cache matches the runtime exactly: the service is started with no database, broker or peer to reach
# (migrations are skipped for this run only; every connection is made lazily), stopped once Quarkus reports it
# started, and the JVM writes /deployments/app.aot on its way out. The credential and token below exist only in
# this build step: the running container gets its own from its Secrets, and the training run makes no call.
set -eu
log=/tmp/aot-training.log
cache=/deployments/app.aot
TIKNEURON_SERVICE_CREDENTIAL="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
TIKNEURON_ADMIN_TOKEN="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
TIKNEURON_WEBHOOK_SECRET_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
TIKNEURON_DB_HOST=127.0.0.1 TIKNEURON_DB_PORT=1 TIKNEURON_KAFKA_BOOTSTRAP=127.0.0.1:1 \
    java ${JAVA_OPTS:-} -XX:AOTCacheOutput="${cache}" -Dquarkus.flyway.migrate-at-start=false \
    -jar /deployments/quarkus-run.jar >"${log}" 2>&1 &
pid=$!
waited=0
until grep -q ' started in ' "${log}"; do
    if ! kill -0 "${pid}" 2>/dev/null || [ "${waited}" -ge 1200 ]; then
        cat "${log}" >&2
        kill "${pid}" 2>/dev/null || true
        exit 1
    fi
    waited=$((waited + 1))
    sleep 0.1
done
kill -TERM "${pid}"
wait "${pid}" || true
test -s "${cache}"
rm -f "${log}"
