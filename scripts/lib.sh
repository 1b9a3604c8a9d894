#!/usr/bin/env bash
# Shared helpers for the scripts in this folder. Source it; do not run it.

TN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TN_LOCAL="${TN_ROOT}/.local"
mkdir -p "${TN_LOCAL}"

tn_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
tn_die() { tn_log "error: $*"; exit 1; }

# Prints the major version of the java binary given, or nothing.
tn_java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Exports JAVA_HOME and PATH for a JDK >= 21: $JAVA_HOME when it fits, else the newest under /usr/lib/jvm.
tn_use_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "${JAVA_HOME}/bin/javac" ]; then
        major=$(tn_java_major "${JAVA_HOME}/bin/java")
        if [ -n "${major}" ] && [ "${major}" -ge 21 ]; then
            export PATH="${JAVA_HOME}/bin:${PATH}"
            return 0
        fi
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        [ -x "${candidate}bin/javac" ] || continue
        major=$(tn_java_major "${candidate}bin/java")
        if [ -n "${major}" ] && [ "${major}" -ge 21 ]; then
            export JAVA_HOME="${candidate%/}"
            export PATH="${JAVA_HOME}/bin:${PATH}"
            return 0
        fi
    done
    tn_die "no JDK 21 or newer found (set JAVA_HOME, or install one, e.g. apt-get install openjdk-21-jdk-headless)"
}

# True when something accepts TCP connections on host:port.
tn_port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Waits until host:port accepts connections, at most $3 seconds.
tn_wait_port() {
    local host=$1 port=$2 limit=$3 waited=0
    until tn_port_open "${host}" "${port}"; do
        sleep 0.5
        waited=$((waited + 1))
        [ "${waited}" -ge $((limit * 2)) ] && return 1
    done
    return 0
}

# Debian's Tesseract and the language packs diarization-service reads on-screen text with (docs/ON-SCREEN-TEXT.md)
TN_TESSERACT_PACKAGES="tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-ind tesseract-ocr-deu \
tesseract-ocr-fra tesseract-ocr-dan tesseract-ocr-ara tesseract-ocr-ita"

# Installs Debian packages that are missing; needs root.
tn_apt_install() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg -s "${pkg}" >/dev/null 2>&1 || missing+=("${pkg}")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || tn_die "missing packages ${missing[*]}; install them (needs root)"
    tn_log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints a fresh random secret: 64 hex characters.
tn_random_secret() {
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

tn_mvnw() {
    "${TN_ROOT}/mvnw" -B -ntp "$@"
}

# tn_snapshot_jars NAME: sets TN_JARS_ROOT to a tree whose jars a long run can start and restart safely. Normally a
# build of the committed HEAD in .local/NAME-build/src, made once per change of the services' sources, so that
# builds and edits in the working tree cannot swap classes under running JVMs. With TN_TREE_JARS=1 the tree's own
# jars (CI: a fresh clone, built and tested just before).
tn_snapshot_jars() {
    local name=$1 build_dir tree
    if [ "${TN_TREE_JARS:-}" = 1 ]; then
        export TN_JARS_ROOT="${TN_ROOT}"
    else
        build_dir="${TN_LOCAL}/${name}-build"
        tree="$(git -C "${TN_ROOT}" rev-parse HEAD:pom.xml HEAD:platform HEAD:billing-service HEAD:subtitle-service \
            HEAD:summary-service HEAD:diarization-service HEAD:jobs-service HEAD:gateway HEAD:tiktok-standin HEAD:portal | sha1sum | cut -c1-40)"
        if [ "$(cat "${build_dir}/tree" 2>/dev/null)" != "${tree}" ]; then
            tn_log "building the services from HEAD in ${build_dir}/src"
            rm -rf "${build_dir}"
            mkdir -p "${build_dir}/src"
            git -C "${TN_ROOT}" archive HEAD | tar -x -C "${build_dir}/src"
            (cd "${build_dir}/src" && nice -n 5 ./mvnw -B -ntp -q package -DskipTests \
                -pl billing-service,subtitle-service,summary-service,diarization-service,jobs-service,gateway,tiktok-standin,portal -am)
            echo "${tree}" > "${build_dir}/tree"
        fi
        export TN_JARS_ROOT="${build_dir}/src"
    fi
    export TIKNEURON_VOSK_MODEL_PATH="${TN_JARS_ROOT}/diarization-service/target/vosk-model/en-us"
}
