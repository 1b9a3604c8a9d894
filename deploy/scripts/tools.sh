#!/usr/bin/env bash
# Prints the path of a tool the manifest validation needs, installing it from Debian's packages when
# it is missing (needs root, as on the build machines).
#   deploy/scripts/tools.sh kubectl    kubectl with its built-in kustomize (package kubernetes-client)
#   deploy/scripts/tools.sh promtool   Prometheus's rule checker, taken out of package prometheus
#                                      without installing it, so no Prometheus server gets started
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${ROOT}/.local/tools"

log() { printf '[tools] %s\n' "$*" >&2; }

apt_ready() {
    [ "$(id -u)" -eq 0 ] || { log "needs root to install $1"; exit 1; }
    if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    fi
}

kubectl_path() {
    if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
        command -v kubectl
        return
    fi
    apt_ready kubernetes-client
    log "installing kubernetes-client"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
    fi
    command -v kubectl
}

promtool_path() {
    if command -v promtool >/dev/null 2>&1; then
        command -v promtool
        return
    fi
    local target="${TOOLS}/prometheus/usr/bin/promtool"
    if [ ! -x "${target}" ]; then
        apt_ready prometheus
        log "extracting promtool from Debian's prometheus package"
        local work
        work=$(mktemp -d)
        trap 'rm -rf "${work}"' RETURN
        # apt's sandbox user must be able to write the download directory.
        chmod 777 "${work}"
        if ! (cd "${work}" && apt-get download -qq prometheus >/dev/null 2>&1); then
            DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
            (cd "${work}" && apt-get download -qq prometheus >/dev/null)
        fi
        mkdir -p "${TOOLS}/prometheus"
        dpkg-deb -x "${work}"/prometheus_*.deb "${TOOLS}/prometheus"
    fi
    echo "${target}"
}

case "${1:-}" in
    kubectl) kubectl_path ;;
    promtool) promtool_path ;;
    *) echo "usage: $0 kubectl|promtool" >&2; exit 2 ;;
esac
