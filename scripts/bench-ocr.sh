#!/usr/bin/env bash
# Benchmarks on-screen text reading (Tesseract on the command line, diarization-service's settings): a minute of video
# whose picture moves all the time, with a new two-line card every 4 s, and the TikTok stand-in's three-slide photo
# post, each read 3 times after a warm-up from files on disk. Prints a Markdown table (median wall time, one worker,
# and the character error rate) and the load average; also left in diarization-service/target/ocr-benchmark.md.
#   scripts/bench-ocr.sh [--runs 3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

RUNS=3
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

tn_apt_install ffmpeg ${TN_TESSERACT_PACKAGES}
cd "${TN_ROOT}"
tn_log "running the on-screen text benchmark (${RUNS} runs)"
before="$(uptime)"
tn_mvnw -q -pl diarization-service test-compile surefire:test@harness -Dtest=OcrBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Docr.runs="${RUNS}" >"${TN_LOCAL}/bench-ocr.log" 2>&1 \
    || { tail -50 "${TN_LOCAL}/bench-ocr.log" >&2; tn_die "benchmark failed (log: ${TN_LOCAL}/bench-ocr.log)"; }
cat diarization-service/target/ocr-benchmark.md
echo
echo "tesseract: $(tesseract --version 2>&1 | head -1), $(nproc) cores"
echo "load before: ${before}"
echo "load after:  $(uptime)"
